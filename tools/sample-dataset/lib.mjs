// Helpers for the deterministic sample-dataset generator: a seeded PRNG and a graph builder that
// checks ids, endpoints and duplicate pairs before anything is written.
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export const FICT = 'illustrative (fictional)';

/** mulberry32: a tiny seeded PRNG, so the output is the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** k distinct items, order kept as drawn */
    sample: (list, k) => {
      const copy = [...list];
      const out = [];
      while (out.length < k && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

export class Builder {
  constructor() {
    this.nodes = new Map(); // id -> { kind, record }
    this.rels = new Map(); // type -> Map(from|to -> record)
  }

  node(kind, record) {
    if (!record.id || !record.source) throw new Error(`node without id/source: ${JSON.stringify(record)}`);
    if (this.nodes.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    const clean = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
    this.nodes.set(record.id, { kind, record: clean });
    return record.id;
  }

  has(id) {
    return this.nodes.has(id);
  }

  kindOf(id) {
    return this.nodes.get(id)?.kind;
  }

  get(id) {
    return this.nodes.get(id)?.record;
  }

  ofKind(kind) {
    return [...this.nodes.values()].filter((n) => n.kind === kind).map((n) => n.record);
  }

  /** Adds a relationship; throws on a duplicate (from, to) pair unless `once` is set, in which case it is skipped. */
  rel(type, from, to, props = {}, { once = false } = {}) {
    if (!this.rels.has(type)) this.rels.set(type, new Map());
    const key = `${from}|${to}`;
    const byPair = this.rels.get(type);
    if (byPair.has(key)) {
      if (once) return false;
      throw new Error(`duplicate ${type} ${key}`);
    }
    const record = { from, to, source: props.source ?? FICT };
    for (const [k, v] of Object.entries(props)) if (k !== 'source' && v !== undefined) record[k] = v;
    byPair.set(key, record);
    return true;
  }

  relsOf(type) {
    return [...(this.rels.get(type)?.values() ?? [])];
  }

  hasRel(type, from, to) {
    return this.rels.get(type)?.has(`${from}|${to}`) ?? false;
  }

  /** Every endpoint must exist. */
  checkEndpoints() {
    const missing = [];
    for (const [type, byPair] of this.rels) {
      for (const r of byPair.values()) {
        if (!this.nodes.has(r.from)) missing.push(`${type} from ${r.from}`);
        if (!this.nodes.has(r.to)) missing.push(`${type} to ${r.to}`);
      }
    }
    if (missing.length) throw new Error(`dangling endpoints:\n${missing.join('\n')}`);
  }

  write(folder, manifest) {
    this.checkEndpoints();
    for (const sub of ['nodes', 'relationships']) {
      const dir = path.join(folder, sub);
      if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(path.join(dir, f));
      mkdirSync(dir, { recursive: true });
    }
    const dump = (file, data) => writeFileSync(path.join(folder, file), `${JSON.stringify(data, null, 2)}\n`);
    dump('dataset.json', { formatVersion: 1, ...manifest });
    const byKind = new Map();
    for (const { kind, record } of this.nodes.values()) {
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind).push(record);
    }
    const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    for (const [kind, records] of [...byKind].sort(([a], [b]) => cmp(a, b))) {
      records.sort((a, b) => cmp(a.id, b.id));
      dump(`nodes/${kind}.json`, { formatVersion: 1, records });
    }
    for (const [type, byPair] of [...this.rels].sort(([a], [b]) => cmp(a, b))) {
      const records = [...byPair.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
      if (records.length) dump(`relationships/${type}.json`, { formatVersion: 1, records });
    }
  }
}
