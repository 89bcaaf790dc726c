#!/usr/bin/env node
// Deterministic generator of the bundled sample dataset (seeds/sample-county).
// Usage: node tools/sample-dataset/generate.mjs [--report]
// Everything is table-driven (data-*.mjs); the only randomness is a seeded PRNG (names, years, revenue),
// so every run writes byte-identical files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, FICT, prng } from './lib.mjs';
import { REGIONS, PART_OF, IN_ZONE, CLUSTERS, INDUSTRIES, SEGMENTS, UPSTREAM_OF, TOPICS } from './data-core.mjs';
import { UNIVERSITIES, INSTITUTES, AGENCIES, ENTERPRISES, PLATFORMS, COOPERATION } from './data-orgs.mjs';
import { EXPERTS, DUPLICATE_NAMES } from './data-people.mjs';
import { PROJECTS } from './data-projects.mjs';
import { PATENTS, DEMANDS, POLICIES, INDICATORS } from './data-evidence.mjs';
import { report } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(here, '../../seeds/sample-county');
const rng = prng(20240517);
const b = new Builder();

// ————————————————————————————————————————————— places
const regionName = new Map(REGIONS.map(([slug, name]) => [slug, name]));
for (const [slug, name, kind, population, description, source] of REGIONS) {
  b.node('Region', { id: `region:${slug}`, name, kind, population: population ?? undefined, description, source });
}
for (const [child, parent, source] of PART_OF) b.rel('PART_OF', `region:${child}`, `region:${parent}`, { source });
for (const [region, zone] of IN_ZONE) {
  const src = REGIONS.find((r) => r[0] === zone)[5];
  b.rel('IN_ZONE', `region:${region}`, `region:${zone}`, { source: src.startsWith('speech') ? `${src} (membership illustrative)` : FICT });
}
const COUNTY_TOWNS = new Set(PART_OF.filter(([, p]) => p === 'x-county').map(([c]) => c));

// ————————————————————————————————————————————— topics
const topicName = new Map(TOPICS.map(([slug, name]) => [slug, name]));
const broaderOf = new Map(TOPICS.map(([slug, , , broader]) => [slug, broader]));
for (const [slug, name, aliases, broader, description] of TOPICS) {
  b.node('Topic', { id: `topic:${slug}`, name, aliases, description: description || undefined, source: FICT });
  for (const parent of broader) b.rel('BROADER', `topic:${slug}`, `topic:${parent}`);
}
const T = (slug) => {
  if (!topicName.has(slug)) throw new Error(`unknown topic ${slug}`);
  return `topic:${slug}`;
};

// ————————————————————————————————————————————— industry structure
for (const [slug, name, aliases, description] of CLUSTERS) {
  b.node('IndustryCluster', { id: `cluster:${slug}`, name, aliases, description, source: 'speech §二.2' });
}
const industryName = new Map(INDUSTRIES.map(([slug, name]) => [slug, name]));
for (const [slug, name, aliases, clusters, description, source] of INDUSTRIES) {
  b.node('Industry', { id: `industry:${slug}`, name, aliases, description, source });
  for (const c of clusters) b.rel('IN_CLUSTER', `industry:${slug}`, `cluster:${c}`, { source: 'speech §二.2 (cluster membership illustrative)' });
}
const I = (slug) => {
  if (!industryName.has(slug)) throw new Error(`unknown industry ${slug}`);
  return `industry:${slug}`;
};
const segmentIndustry = new Map();
for (const [slug, industry, name, position, order, topics, description, source] of SEGMENTS) {
  segmentIndustry.set(slug, industry);
  b.node('ChainSegment', { id: `seg:${slug}`, name: `${industryName.get(industry)}·${name}`, position, order, description, source });
  b.rel('HAS_SEGMENT', I(industry), `seg:${slug}`, { source });
  for (const t of topics) b.rel('REQUIRES', `seg:${slug}`, T(t), { source: FICT });
}
for (const [from, to] of UPSTREAM_OF) b.rel('UPSTREAM_OF', `seg:${from}`, `seg:${to}`, { source: segmentIndustry.get(from) === 'laorou' || segmentIndustry.get(from) === 'herbs' ? 'speech §二.2' : FICT });

// ————————————————————————————————————————————— organisations
const founded = new Map(); // org id -> year it exists from
for (const [slug, name, aliases, region, description, source, focus] of UNIVERSITIES) {
  const id = b.node('University', { id: `univ:${slug}`, name, aliases, description, source });
  b.rel('LOCATED_IN', id, `region:${region}`, { source: source === FICT ? FICT : 'illustrative (fictional district name)' });
  for (const t of focus) b.rel('FOCUSES_ON', id, T(t));
}
for (const [slug, name, aliases, region, description, source, focus] of INSTITUTES) {
  const id = b.node('ResearchInstitute', { id: `inst:${slug}`, name, aliases, description, source });
  b.rel('LOCATED_IN', id, `region:${region}`, { source: source === FICT ? FICT : 'illustrative (location not stated in the speech)' });
  for (const t of focus) b.rel('FOCUSES_ON', id, T(t));
}
for (const [slug, name, aliases, region, description, source] of AGENCIES) {
  const id = b.node('GovernmentAgency', { id: `agency:${slug}`, name, aliases, description, source });
  b.rel('LOCATED_IN', id, `region:${region}`, { source: FICT });
}

const QUAL = { A: 'ABOVE_DESIGNATED_SIZE', H: 'HIGH_TECH', T: 'TECH_SME', S: 'SPECIALIZED', L: 'LEADING' };
const QUAL_ZH = { ABOVE_DESIGNATED_SIZE: '规上企业', HIGH_TECH: '高新技术企业', TECH_SME: '科技型企业', SPECIALIZED: '“专精特新”企业', LEADING: '龙头企业' };
const enterprise = new Map(); // id -> { region, quals, county }
for (const [slug, name, region, industries, segments, q, foundedYear, employees, rdSpending, focus] of ENTERPRISES) {
  const qualifications = [...q].map((c) => QUAL[c]);
  const above = qualifications.includes('ABOVE_DESIGNATED_SIZE');
  // revenue: per-employee output with some spread; 规上 firms are at least 2000 万元 (the statistical threshold)
  let revenue = Math.round((employees * rng.int(18, 60)) / 10) * 10;
  if (above) revenue = Math.max(revenue, 2000 + rng.int(1, 40) * 50);
  else revenue = Math.min(revenue, 1900);
  const short = name.replace(/^(X县|X市|岚山县|达岭市|安岚市)/, '').replace(/(股份)?有限公司$/, '');
  const county = COUNTY_TOWNS.has(region);
  const indNames = industries.map((i) => industryName.get(i));
  const segNames = segments.map((s) => SEGMENTS.find((x) => x[0] === s)).map((s) => `${industryName.get(s[1])}${s[2]}`);
  const description =
    `虚构企业，位于${county ? `X县${regionName.get(region)}` : regionName.get(region)}` +
    (indNames.length ? `，从事${indNames.join('、')}` : '，从事创新创业服务与园区运营') +
    (segNames.length ? `（产业链环节：${segNames.join('、')}）` : '') +
    (qualifications.length ? `；${qualifications.map((x) => QUAL_ZH[x]).join('、')}` : '') +
    '。';
  const id = b.node('Enterprise', {
    id: `ent:${slug}`, name, aliases: [short], description, qualifications, foundedYear, employees, rdSpending, revenue, source: FICT,
  });
  enterprise.set(id, { region, qualifications, county, foundedYear });
  founded.set(id, foundedYear);
  b.rel('LOCATED_IN', id, `region:${region}`);
  for (const i of industries) b.rel('IN_INDUSTRY', id, I(i));
  for (const s of segments) {
    b.rel('IN_SEGMENT', id, `seg:${s}`);
    b.rel('IN_INDUSTRY', id, I(segmentIndustry.get(s)), {}, { once: true });
  }
  for (const t of focus) b.rel('FOCUSES_ON', id, T(t));
}

for (const [slug, name, kind, level, establishedYear, host, region, serves, description, source] of PLATFORMS) {
  const id = b.node('Platform', { id: `plat:${slug}`, name, kind, level, establishedYear, description, source });
  founded.set(id, establishedYear);
  b.rel('LOCATED_IN', id, `region:${region}`);
  b.rel('HOSTS', host, id, { source: source.startsWith('speech §二.4') ? 'illustrative (host not named in the speech)' : FICT });
  for (const i of serves) b.rel('SERVES', id, I(i));
}

for (const [from, to, kind, since, source] of COOPERATION) {
  const start = Math.max(founded.get(from) ?? 0, founded.get(to) ?? 0);
  if (since !== null && since !== undefined && since < start) throw new Error(`cooperation ${from}→${to} since ${since} before ${start}`);
  b.rel('COOPERATES_WITH', from, to, { kind, since: since ?? undefined, source: source ?? FICT });
}

// ————————————————————————————————————————————— experts
const SURNAMES = [['陈', 'chen'], ['李', 'li'], ['王', 'wang'], ['张', 'zhang'], ['杨', 'yang'], ['赵', 'zhao'], ['黄', 'huang'], ['吴', 'wu'], ['何', 'he'], ['罗', 'luo'], ['谭', 'tan'], ['冉', 'ran'], ['向', 'xiang'], ['邓', 'deng'], ['蒋', 'jiang'], ['彭', 'peng'], ['唐', 'tang'], ['秦', 'qin'], ['庞', 'pang'], ['牟', 'mou'], ['付', 'fu'], ['熊', 'xiong'], ['谢', 'xie'], ['龚', 'gong'], ['喻', 'yu'], ['程', 'cheng'], ['袁', 'yuan'], ['雷', 'lei'], ['周', 'zhou'], ['刘', 'liu'], ['覃', 'qin'], ['文', 'wen']];
const GIVEN = [['砚', 'yan'], ['秋', 'qiu'], ['青', 'qing'], ['禾', 'he'], ['岚', 'lan'], ['澈', 'che'], ['筠', 'yun'], ['墨', 'mo'], ['池', 'chi'], ['远', 'yuan'], ['溪', 'xi'], ['泓', 'hong'], ['棠', 'tang'], ['沅', 'yuan'], ['芷', 'zhi'], ['蘅', 'heng'], ['逸', 'yi'], ['舟', 'zhou'], ['樾', 'yue'], ['川', 'chuan'], ['晗', 'han'], ['朔', 'shuo'], ['霁', 'ji'], ['澜', 'lan'], ['楠', 'nan'], ['栖', 'qi'], ['宁', 'ning'], ['疏', 'shu'], ['桐', 'tong'], ['竹', 'zhu'], ['峤', 'qiao'], ['蔚', 'wei'], ['柯', 'ke'], ['汀', 'ting'], ['珩', 'heng'], ['鸣', 'ming'], ['若', 'ruo'], ['潇', 'xiao'], ['槿', 'jin'], ['葭', 'jia']];
const reservedNames = new Set(Object.values(DUPLICATE_NAMES).map(([n]) => n));
const usedNames = new Set();
const usedIds = new Set(Object.values(DUPLICATE_NAMES).map(([, s]) => `expert:${s}`));
function drawName() {
  for (;;) {
    const [s, sp] = rng.pick(SURNAMES);
    const [g1, p1] = rng.pick(GIVEN);
    const [g2, p2] = rng.pick(GIVEN);
    const name = s + g1 + (rng.chance(0.15) ? '' : g2);
    if (g1 === g2 || usedNames.has(name) || reservedNames.has(name)) continue;
    let id = `expert:${sp}-${name.length === 2 ? p1 : p1 + p2}`;
    for (let n = 2; usedIds.has(id); n++) id = `expert:${sp}-${name.length === 2 ? p1 : p1 + p2}-${n}`;
    usedNames.add(name);
    usedIds.add(id);
    return { name, id };
  }
}
const KIND = { L: 'LEADING', Y: 'YOUNG', U: 'URGENTLY_NEEDED', S: 'LOCAL_SKILLED', N: 'NATIVE_ABROAD', T: 'SUPPORT_TEAM' };
const KIND_ZH = { LEADING: '领军人才', YOUNG: '青年科技人才', URGENTLY_NEEDED: '急需紧缺人才', LOCAL_SKILLED: '本土技能人才', NATIVE_ABROAD: '在外本土人才（返乡）', SUPPORT_TEAM: '“组团式”帮扶人才' };
const PROG = { W: 'WESTERN_LIGHT', G: 'THREE_GORGES_LIGHT', C: 'BAYU_CRAFTSMAN' };
const PROG_ZH = { WESTERN_LIGHT: '西部之光访问学者', THREE_GORGES_LIGHT: '三峡之光研修', BAYU_CRAFTSMAN: '巴渝工匠' };
const LEVEL = { E: 'EXPERT', A: 'ADVANCED', B: 'BASIC' };
const orgName = (id) => b.get(id).name;

export const expertId = new Map(); // row key -> id
for (const [key, org, role, title, expertise, k, card, progs, flexible, second] of EXPERTS) {
  const fixed = DUPLICATE_NAMES[key];
  const { name, id } = fixed ? { name: fixed[0], id: `expert:${fixed[1]}` } : drawName();
  expertId.set(key, id);
  const skills = expertise.split(/\s+/).map((s) => s.split(':')).map(([t, l]) => [t, LEVEL[l]]);
  // Every expert lists at least two topics: a single speciality is completed by its broader field (BASIC).
  if (skills.length < 2) {
    const parent = broaderOf.get(skills[0][0])?.[0];
    if (parent) skills.push([parent, 'BASIC']);
  }
  const kinds = [...k].map((c) => KIND[c]);
  const programmes = [...progs].map((c) => PROG[c]);
  const talentCard = card || null;
  const flexibleEngagement = Boolean(flexible);
  const secondOrg = second ? second.split('|') : null;
  const parts = [`${orgName(org)}${role}`, `专长：${skills.filter(([, l]) => l !== 'BASIC').map(([t]) => topicName.get(t)).join('、')}`];
  if (kinds.length) parts.push(kinds.map((x) => KIND_ZH[x]).join('、'));
  if (talentCard) parts.push(`持X县${talentCard}卡`);
  if (programmes.length) parts.push(programmes.map((x) => PROG_ZH[x]).join('、'));
  if (flexibleEngagement) parts.push('以柔性引才方式（“一人一策”）服务X县');
  if (secondOrg) parts.push(`兼任${orgName(secondOrg[0])}${secondOrg[1]}`);
  b.node('Expert', {
    id, name, title, kinds, talentCard, programmes, flexibleEngagement,
    description: `${parts.join('；')}。（示例人物）`, source: FICT,
  });
  for (const [t, level] of skills) b.rel('HAS_EXPERTISE', id, T(t), { level });
  const orgStart = founded.get(org) ?? 2000;
  const since = Math.max(orgStart, rng.int(title.includes('助理') || kinds.includes('YOUNG') ? 2016 : 2004, 2021));
  b.rel('AFFILIATED_WITH', id, org, { role, primary: true, since });
  if (secondOrg) {
    const s2 = Math.max(founded.get(secondOrg[0]) ?? 2016, rng.int(2018, 2024));
    b.rel('AFFILIATED_WITH', id, secondOrg[0], { role: secondOrg[1], primary: false, since: s2 });
  }
}
const ref = (x) => (x.startsWith('@') ? expertId.get(x.slice(1)) ?? (() => { throw new Error(`unknown expert ${x}`); })() : x);

// ————————————————————————————————————————————— projects
const projectSource = (level, name) => (name.includes('码上游') ? 'speech §二.2 (scenario named; project fictional)' : level === 'NATIONAL' ? 'illustrative (fictional; stands in for the national projects counted in speech §一.3)' : FICT);
for (const [slug, name, level, mode, startYear, endYear, funding, lead, participants, topics, industries] of PROJECTS) {
  if (participants.length < 1 || participants.length > 4) throw new Error(`project ${slug}: ${participants.length} participants`);
  const modeZh = { REGULAR: '常规', OPEN_CHALLENGE: '揭榜挂帅', HORSE_RACE: '赛马' }[mode];
  const levelZh = { NATIONAL: '国家级', MUNICIPAL: '市级', COUNTY: '县级' }[level];
  const id = b.node('Project', {
    id: `proj:${slug}`, name, level, mode, startYear, endYear: endYear ?? undefined, funding,
    description: `${levelZh}科技项目（${modeZh}管理），由${orgName(ref(lead))}牵头，围绕${topics.map((t) => topicName.get(t)).join('、')}。（示例项目）`,
    source: projectSource(level, name),
  });
  b.rel('LEADS', ref(lead), id);
  for (const p of participants) {
    const [who, role] = p.split('|');
    b.rel('PARTICIPATES_IN', ref(who), id, { role });
  }
  for (const t of topics) b.rel('ON_TOPIC', id, T(t));
  for (const i of industries) b.rel('FOR_INDUSTRY', id, I(i));
}

// ————————————————————————————————————————————— patents
const KINDP = { I: 'INVENTION', U: 'UTILITY_MODEL', D: 'DESIGN' };
const seqByYear = new Map();
const affiliations = new Map(); // expert -> Set(org)
for (const r of b.relsOf('AFFILIATED_WITH')) {
  if (!affiliations.has(r.from)) affiliations.set(r.from, new Set());
  affiliations.get(r.from).add(r.to);
}
for (const [owner, inventors, topics, title, k, filedYear, grantedYear] of PATENTS) {
  const n = (seqByYear.get(filedYear) ?? 0) + 1;
  seqByYear.set(filedYear, n);
  const seq = String(n).padStart(4, '0');
  const id = b.node('Patent', {
    id: `patent:sample-${filedYear}-${seq}`, title, number: `SAMPLE-CN-${filedYear}-${seq}`, kind: KINDP[k], filedYear,
    grantedYear: grantedYear ?? undefined,
    description: `示例专利（编号为样例，非真实公开号），权利人：${orgName(owner)}。`, source: FICT,
  });
  b.rel('OWNS', owner, id);
  for (const key of inventors) {
    const e = expertId.get(key);
    if (!affiliations.get(e)?.has(owner)) throw new Error(`inventor ${key} not affiliated with ${owner}`);
    b.rel('INVENTED', e, id);
  }
  for (const t of topics) b.rel('ON_TOPIC', id, T(t));
}

// ————————————————————————————————————————————— demands
for (const [slug, title, poster, m, budget, postedOn, deadline, status, topics, industries, takenBy, takenSince, description] of DEMANDS) {
  const mode = m === 'C' ? 'OPEN_CHALLENGE' : 'REGULAR';
  const id = b.node('Demand', { id: `demand:${slug}`, title, description: `${description}（示例需求）`, mode, budget, postedOn, deadline, status, source: mode === 'OPEN_CHALLENGE' ? 'illustrative (fictional; 揭榜挂帅 mode from speech §二.3)' : FICT });
  b.rel('POSTED', poster, id);
  for (const t of topics) b.rel('REQUIRES', id, T(t));
  for (const i of industries) b.rel('FOR_INDUSTRY', id, I(i));
  if (takenBy) b.rel('TAKEN_BY', id, ref(takenBy), { since: takenSince ?? undefined });
}

// ————————————————————————————————————————————— policies
const ents = [...enterprise.entries()];
const expertRecords = () => b.ofKind('Expert');
function expand(sel) {
  if (!sel.includes(':') || sel.startsWith('industry:') || sel.startsWith('ent:')) return [sel];
  const [, what] = sel.split(':');
  switch (sel) {
    case 'q:HIGH_TECH@county': return ents.filter(([, e]) => e.county && e.qualifications.includes('HIGH_TECH')).map(([id]) => id);
    case 'q:TECH_SME@county-small': return ents.filter(([, e]) => e.county && e.qualifications.includes('TECH_SME') && !e.qualifications.includes('ABOVE_DESIGNATED_SIZE')).map(([id]) => id);
    case 'q:TECH_SME@county-top': return ents.filter(([, e]) => e.county && e.qualifications.includes('TECH_SME') && !e.qualifications.includes('HIGH_TECH') && e.qualifications.includes('ABOVE_DESIGNATED_SIZE')).map(([id]) => id);
    case 'q:ABOVE_DESIGNATED_SIZE@county': return ents.filter(([, e]) => e.county && e.qualifications.includes('ABOVE_DESIGNATED_SIZE')).map(([id]) => id);
    case 'x:flexible': return expertRecords().filter((x) => x.flexibleEngagement).map((x) => x.id);
    case 'x:card': return expertRecords().filter((x) => x.talentCard).map((x) => x.id);
    default: throw new Error(`unknown selector ${sel} (${what})`);
  }
}
for (const [slug, name, kind, year, issuer, description, source, industries, benefits] of POLICIES) {
  const id = b.node('Policy', { id: `policy:${slug}`, name, kind, year, description, source });
  b.rel('ISSUED', issuer, id, { source: 'illustrative (issuer not stated in the speech)' });
  for (const i of industries) b.rel('FOR_INDUSTRY', id, I(i));
  for (const sel of benefits) for (const target of expand(sel)) b.rel('BENEFITS', id, target, {}, { once: true });
}

// ————————————————————————————————————————————— indicators
for (const [slug, code, name, unit, baselineYear, baselineValue, targetYear, targetValue, recordedYear, recorded, description, source, clusters] of INDICATORS) {
  const recordedValue = typeof recorded === 'string'
    ? ents.filter(([, e]) => e.county && e.qualifications.includes(recorded.split(':')[1])).length
    : recorded;
  const id = b.node('Indicator', { id: `indicator:${slug}`, code, name, unit, description, baselineYear, baselineValue, targetYear, targetValue, recordedYear, recordedValue, source });
  b.rel('MEASURES', id, 'region:x-county', { source });
  for (const c of clusters) b.rel('CONTRIBUTES_TO', `cluster:${c}`, id);
}

// ————————————————————————————————————————————— write
b.write(OUT, {
  name: 'X县创新资源知识图谱（示例）',
  description:
    '示例数据集：依据一篇县委书记在全县科技创新和人才工作会议上的讲话（名称以“X”匿名）构建的虚构县域创新资源图谱。' +
    '讲话点名的高校与科研院所（西南大学、市畜牧科学院、中药研究院、市林科院、山地鸡遗传资源研究所）以原名出现，描述仅限讲话内容；' +
    '其余企业、人物、项目、专利、需求均为虚构，指标数值为示例。每条记录的 source 字段注明出处。',
});
if (process.argv.includes('--report')) report(b, { expertId, COUNTY_TOWNS });
else console.log(`wrote ${b.nodes.size} nodes, ${[...b.rels.values()].reduce((n, m) => n + m.size, 0)} relationships to ${path.relative(process.cwd(), OUT)}`);
