/**
 * The import graph of src/, for the module-boundary test: which file imports which (static `import`/`export … from`,
 * type-only imports included: a type is a dependency too), grouped into units (a folder of src/, or one domain
 * module's folder under src/modules/), each unit in a layer.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  from: string;
  to: string;
}

/** Every relative import between the .ts files under `root` (paths relative to `root`, `.js` specifiers mapped to `.ts`). */
export function importEdges(root: string): ImportEdge[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const file = path.join(folder, name);
      return statSync(file).isDirectory() ? walk(file) : file.endsWith('.ts') ? [file] : [];
    });
  return walk(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gm)].map((match) => ({
      from: path.relative(root, file),
      to: path.relative(root, path.resolve(path.dirname(file), match[1]!.replace(/\.js$/, '.ts'))),
    })),
  );
}

/** The unit of a file: `modules/<domain>` under src/modules/, else its top folder (or file name) under src/. */
export function unitOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === 'modules' && parts.length > 2) return `modules/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

/**
 * The layers, lowest first; a unit may import its own layer's units only where the layer says so (`peers`).
 * Arrows run one way: domain modules → shared → graphql/import → graph → neo4j → base.
 */
export const LAYERS: ReadonlyArray<{ name: string; units: (unit: string) => boolean; peers: boolean }> = [
  { name: 'base', units: (unit) => ['config', 'logger', 'clock', 'version', 'text', 'auth', 'http', 'local-neo4j'].includes(unit), peers: true },
  { name: 'neo4j', units: (unit) => unit === 'neo4j', peers: false },
  { name: 'graph', units: (unit) => unit === 'graph', peers: false },
  { name: 'graphql and import', units: (unit) => unit === 'graphql' || unit === 'import', peers: false },
  { name: 'shared', units: (unit) => unit === 'modules/shared', peers: false },
  { name: 'domain modules', units: (unit) => unit.startsWith('modules/'), peers: true },
  { name: 'resolver map', units: (unit) => unit === 'modules', peers: false },
  { name: 'application', units: (unit) => ['server', 'boot', 'keep-warm', 'cli', 'index'].includes(unit), peers: true },
];

/** Codegen's output refers to the models its mappers name, wherever they live; it is not a layer. */
const UNLAYERED = new Set(['generated']);

export function layerOf(unit: string): number {
  const index = LAYERS.findIndex((layer) => layer.units(unit));
  if (index < 0) throw new Error(`${unit} is in no layer: add it to LAYERS in tests/support/module-graph.ts`);
  return index;
}

/** Imports that go up a layer, or across units of a layer whose units may not import each other. */
export function forbiddenArrows(edges: readonly ImportEdge[]): string[] {
  return edges.flatMap(({ from, to }) => {
    const [source, target] = [unitOf(from), unitOf(to)];
    if (source === target || UNLAYERED.has(source) || UNLAYERED.has(target)) return [];
    const [low, high] = [layerOf(target), layerOf(source)];
    if (low < high || (low === high && LAYERS[low]!.peers)) return [];
    return [`${from} → ${to} (${LAYERS[high]!.name} may not import ${LAYERS[low]!.name}${low === high ? ` peers` : ''})`];
  });
}

/** The cycles of a directed graph, each once, as node lists (first node repeated at the end). */
export function cyclesOf(arrows: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of arrows) if (from !== to) next.set(from, [...new Set([...(next.get(from) ?? []), to])]);
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const target of next.get(node) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join(' → '), [...canonical, canonical[0]!]);
      } else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...next.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles.values()];
}
