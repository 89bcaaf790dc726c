// `node tools/sample-dataset/generate.mjs --report`: sanity checks and the facts the dataset is meant to
// contain (chain gaps, high-tech firms without an R&D partner, duplicate names, paths to 西南大学).
export function report(b, { COUNTY_TOWNS }) {
  const out = (s = '') => console.log(s);
  const name = (id) => b.get(id)?.name ?? b.get(id)?.title ?? id;
  const rels = (type) => b.relsOf(type);

  out('== counts');
  const kinds = new Map();
  for (const { kind } of b.nodes.values()) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  out([...kinds].sort().map(([k, n]) => `${k} ${n}`).join(', '));
  out([...b.rels].sort(([a], [c]) => (a < c ? -1 : 1)).map(([t, m]) => `${t} ${m.size}`).join(', '));

  // ——— chain segments
  out('\n== chain segments: enterprises / experts covering a required topic / platform-hosting orgs focusing on one / latest project year on a required topic');
  const hosts = new Set(rels('HOSTS').map((r) => r.from));
  const expertTopics = new Map();
  for (const r of rels('HAS_EXPERTISE')) expertTopics.set(r.to, (expertTopics.get(r.to) ?? 0) + 1);
  const hostFocus = new Map();
  for (const r of rels('FOCUSES_ON')) if (hosts.has(r.from)) hostFocus.set(r.to, (hostFocus.get(r.to) ?? 0) + 1);
  const projectYear = new Map(b.ofKind('Project').map((p) => [p.id, p.startYear]));
  const latestProject = new Map();
  for (const r of rels('ON_TOPIC')) if (projectYear.has(r.from)) latestProject.set(r.to, Math.max(latestProject.get(r.to) ?? 0, projectYear.get(r.from)));
  for (const seg of b.ofKind('ChainSegment').sort((a, c) => (a.id < c.id ? -1 : 1))) {
    const ents = rels('IN_SEGMENT').filter((r) => r.to === seg.id).length;
    const req = rels('REQUIRES').filter((r) => r.from === seg.id).map((r) => r.to);
    const ex = req.reduce((n, t) => n + (expertTopics.get(t) ?? 0), 0);
    const hf = req.reduce((n, t) => n + (hostFocus.get(t) ?? 0), 0);
    const last = Math.max(0, ...req.map((t) => latestProject.get(t) ?? 0));
    const gaps = [ents === 0 && 'NO ENTERPRISE', ex + hf === 0 && 'TOPICS UNCOVERED', last < 2021 && `NO PROJECT SINCE 2021 (last ${last || 'none'})`].filter(Boolean);
    out(`${seg.id.padEnd(26)} ents=${ents} experts=${ex} hostFocus=${hf} lastProject=${last || '-'} ${gaps.join('; ')}`);
  }

  // ——— high-tech enterprises without a university / institute partner
  out('\n== HIGH_TECH enterprises without COOPERATES_WITH to a University or ResearchInstitute');
  const rnd = (id) => ['University', 'ResearchInstitute'].includes(b.kindOf(id));
  const partnered = new Set();
  for (const r of rels('COOPERATES_WITH')) {
    if (rnd(r.to)) partnered.add(r.from);
    if (rnd(r.from)) partnered.add(r.to);
  }
  const highTech = b.ofKind('Enterprise').filter((e) => e.qualifications?.includes('HIGH_TECH'));
  const located = new Map(rels('LOCATED_IN').map((r) => [r.from, r.to]));
  for (const e of highTech) if (!partnered.has(e.id)) out(`${e.id} ${e.name} (${located.get(e.id)})`);
  out(`(${highTech.length} high-tech enterprises in all; ${highTech.filter((e) => partnered.has(e.id)).length} with an R&D partner)`);

  // ——— duplicate names
  out('\n== experts sharing a name');
  const byName = new Map();
  for (const e of b.ofKind('Expert')) byName.set(e.name, [...(byName.get(e.name) ?? []), e.id]);
  for (const [n, ids] of byName) if (ids.length > 1) out(`${n}: ${ids.join(', ')}`);

  // ——— checks
  out('\n== checks');
  const primaries = new Map();
  for (const r of rels('AFFILIATED_WITH')) if (r.primary) primaries.set(r.from, (primaries.get(r.from) ?? 0) + 1);
  const badPrimary = b.ofKind('Expert').filter((e) => primaries.get(e.id) !== 1);
  out(`experts without exactly one primary affiliation: ${badPrimary.length}`);
  const expCount = new Map();
  for (const r of rels('HAS_EXPERTISE')) expCount.set(r.from, (expCount.get(r.from) ?? 0) + 1);
  out(`experts with <2 or >5 topics: ${b.ofKind('Expert').filter((e) => !(expCount.get(e.id) >= 2 && expCount.get(e.id) <= 5)).map((e) => e.id).join(', ') || 'none'}`);
  const leads = new Map();
  for (const r of rels('LEADS')) leads.set(r.to, (leads.get(r.to) ?? 0) + 1);
  out(`projects without exactly one lead: ${b.ofKind('Project').filter((p) => leads.get(p.id) !== 1).length}`);
  const orgKinds = ['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'GovernmentAgency'];
  const orgs = [...b.nodes.values()].filter((n) => orgKinds.includes(n.kind)).map((n) => n.record.id);
  out(`organisations without LOCATED_IN: ${orgs.filter((o) => !located.has(o)).length}`);
  const county = b.ofKind('Enterprise').filter((e) => COUNTY_TOWNS.has(located.get(e.id).replace('region:', ''))).length;
  out(`enterprises in X县 townships: ${county} of ${b.ofKind('Enterprise').length}`);
  out(`platform kinds: ${[...new Set(b.ofKind('Platform').map((p) => p.kind))].sort().join(', ')}`);
  out(`open-challenge demands: ${b.ofKind('Demand').filter((d) => d.mode === 'OPEN_CHALLENGE').length}; talent cards A=${b.ofKind('Expert').filter((e) => e.talentCard === 'A').length} B=${b.ofKind('Expert').filter((e) => e.talentCard === 'B').length}`);

  // ——— paths to 西南大学
  out('\n== shortest paths from X县 enterprises to 西南大学 (undirected; via projects, platforms, experts and cooperation)');
  const adj = new Map();
  const add = (a, c, t) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a).push([c, t]);
  };
  const viaTypes = ['COOPERATES_WITH', 'LEADS', 'PARTICIPATES_IN', 'HOSTS', 'AFFILIATED_WITH'];
  for (const t of viaTypes) for (const r of rels(t)) {
    add(r.from, r.to, `${t}→`);
    add(r.to, r.from, `←${t}`);
  }
  const target = 'univ:swu';
  function bfs(start, skipDirect) {
    const prev = new Map([[start, null]]);
    const queue = [start];
    while (queue.length) {
      const cur = queue.shift();
      if (cur === target) break;
      for (const [nxt, t] of adj.get(cur) ?? []) {
        if (prev.has(nxt)) continue;
        if (skipDirect && cur === start && nxt === target) continue;
        if (nxt.startsWith('agency:')) continue; // paths through the county government are not informative
        prev.set(nxt, [cur, t]);
        queue.push(nxt);
      }
    }
    if (!prev.has(target)) return null;
    const steps = [];
    for (let at = target; prev.get(at); at = prev.get(at)[0]) steps.unshift([prev.get(at)[0], prev.get(at)[1], at]);
    return steps;
  }
  const countyEnts = b.ofKind('Enterprise').filter((e) => COUNTY_TOWNS.has(located.get(e.id).replace('region:', '')));
  const hops = new Map();
  for (const e of countyEnts) {
    const p = bfs(e.id, false);
    hops.set(p ? p.length : 'unreachable', (hops.get(p ? p.length : 'unreachable') ?? 0) + 1);
  }
  out(`hop distribution (county enterprises): ${[...hops].sort().map(([h, n]) => `${h} hops: ${n}`).join(', ')}`);
  for (const id of ['ent:qinggang-laorou', 'ent:yunji-shipin', 'ent:tianmaling', 'ent:lanxi-zhongyao', 'ent:heming-shengtai-zhu', 'ent:xiangcun-youxuan', 'ent:qiyun-yaoye']) {
    const p = bfs(id, true);
    if (!p) { out(`${id}: none`); continue; }
    out(`${name(id)}: ${p.map(([, t, to]) => `-${t}- ${name(to)}`).join(' ')}  (${p.length} hops)`);
  }
  out('\n== X县 enterprises hosting a platform where a 西南大学 expert also works');
  const affil = rels('AFFILIATED_WITH');
  for (const h of rels('HOSTS')) {
    if (!countyEnts.some((e) => e.id === h.from)) continue;
    for (const a of affil.filter((r) => r.to === h.to)) {
      if (affil.some((r) => r.from === a.from && r.to === target)) {
        out(`${name(h.from)} -HOSTS→ ${name(h.to)} ←AFFILIATED_WITH- ${name(a.from)} (${a.from}) -AFFILIATED_WITH→ 西南大学`);
      }
    }
  }
}
