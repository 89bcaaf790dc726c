import { afterAll, describe, expect, it } from 'vitest';
import { deleteByPrefix, openTestDatabase, uniquePrefix } from '../support/database.js';
import { prefixedCopy } from '../support/fixtures.js';
import { checkDataset, datasetNodes, datasetRelationships } from '../../src/import/dataset.js';
import { NODE_KINDS, type RelationshipType } from '../../src/graph/kinds.js';
import { importDataset } from '../../src/import/importer.js';
import { HELDOUT_DATASET, HELDOUT_JUDGEMENTS_FILE, readJudgedSet } from '../../bench/eval/evaluate.js';

/** Every id the held-out judgements name: judged candidates, need targets, flagged candidates, gap segments and candidates. */
function judgedIds(): Set<string> {
  const set = readJudgedSet(HELDOUT_JUDGEMENTS_FILE);
  const ids = new Set<string>();
  for (const query of set.queries) {
    for (const id of Object.keys(query.judgements)) ids.add(id);
    for (const id of [query.need.demand, query.need.for, query.need.region]) if (id) ids.add(id);
  }
  for (const flag of set.requiredFlags ?? []) ids.add(flag.candidate);
  const gaps = set.chainGaps;
  if (gaps) {
    ids.add(gaps.county);
    for (const entry of gaps.expectations) for (const id of [entry.segment, ...Object.keys(entry.expected)]) ids.add(id);
    for (const entry of gaps.segmentsWithoutTopics) ids.add(entry.segment);
  }
  return ids;
}

describe('the held-out county (bench/eval/heldout)', () => {
  const database = openTestDatabase();
  const prefix = uniquePrefix();
  afterAll(async () => {
    await deleteByPrefix(database, prefix);
    await database.close();
  });

  it('validates: no problem, no reference outside the folder; 211 nodes and 559 relationships', async () => {
    const reading = await checkDataset(HELDOUT_DATASET);
    expect(reading.problems).toEqual([]);
    expect([...reading.externalReferences.keys()]).toEqual([]);
    expect(reading.dataset.nodes).toBe(211);
    expect(reading.dataset.relationships).toBe(559);
  });

  it('has the shape it claims: few declared focuses, experts with two affiliations, two pairs of namesakes', () => {
    const relationships = (type: RelationshipType) => [...datasetRelationships(HELDOUT_DATASET, type)];
    expect(new Set(relationships('FOCUSES_ON').map((record) => record.from)).size).toBe(3);
    const affiliations = new Map<string, number>();
    for (const record of relationships('AFFILIATED_WITH')) affiliations.set(record.from, (affiliations.get(record.from) ?? 0) + 1);
    expect([...affiliations.values()].filter((count) => count > 1)).toHaveLength(8);
    const names = [...datasetNodes(HELDOUT_DATASET, 'Expert')].map((record) => record.properties.name as string);
    expect(names.filter((name, index) => names.indexOf(name) !== index).sort()).toEqual(['张伟', '徐青木'].sort());
  });

  it('every id its judgements name exists in it', () => {
    const defined = new Set(NODE_KINDS.flatMap((kind) => [...datasetNodes(HELDOUT_DATASET, kind)].map((record) => record.id)));
    expect([...judgedIds()].filter((id) => !defined.has(id))).toEqual([]);
  });

  it('has at least 40 graded needs across the three families, and a reason for every grade', () => {
    const { queries } = readJudgedSet(HELDOUT_JUDGEMENTS_FILE);
    const graded = queries.filter((query) => !query.expectNoTopic);
    expect(graded.length).toBeGreaterThanOrEqual(40);
    for (const family of ['expertSearch', 'demandMatches', 'partnerRecommendations']) expect(graded.some((query) => query.family === family)).toBe(true);
    for (const query of graded) expect(Object.keys(query.reasons ?? {}).sort(), query.id).toEqual(Object.keys(query.judgements).sort());
  });

  it('imports cleanly (under an id prefix, beside the sample county) and every judged id is then in the graph', async () => {
    const summary = await importDataset(database, prefixedCopy(HELDOUT_DATASET, prefix));
    expect(summary.nodes).toBe(211);
    expect(summary.relationships).toBe(559);
    const ids = [...judgedIds()].map((id) => `${prefix}:${id}`);
    const rows = await database.read('MATCH (node:Entity) WHERE node.id IN $ids RETURN count(node) AS found', { ids });
    expect(Number(rows[0]?.found)).toBe(ids.length);
  });
});
