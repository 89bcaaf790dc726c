/**
 * The evidence store: each heavily linked candidate's projects and patents with their topics (what `readEvidence`
 * reads of it for any topics), kept in the database by the write path, so that a need's first answer reads the kept
 * evidence of its hubs instead of walking their thousands of links and each item's topics — at 1M that walk was most
 * of a first answer's database work (8 600 project and 10 500 patent rows for one demand's 100 candidates, 70–100 ms).
 * Never stale: every write marks the candidates it can reach in its own transaction (src/graph/holder-marks.ts), and
 * evidence is kept only if no mark came between the making of the candidate's store node (before the graph is read)
 * and its storing. A candidate without kept evidence is read live, as before, and the keep-warm worker
 * (`fillEvidenceStore`) computes the missing ones in the background, the most linked first.
 *
 * One `(:CandidateEvidence {candidateId, stamp, evidence_<format>, evidence_<format>:<topic id>…})` node per
 * candidate: a property per topic it has evidence on, the items on that topic as JSON, so that a need reads and parses
 * only its own topics' (a hub's items on all its topics were 70 000 for one demand's 26 hubs, 271 ms to parse). Only candidates with at least `evidenceStoredFrom` links are filled: a
 * candidate with a few links is read live about as fast as its store node.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ENTITY_LABEL } from '../../graph/kinds.js';
import { EVIDENCE_LINKS, EVIDENCE_STORE_LABEL } from '../../graph/holder-marks.js';
import type { Database } from '../../neo4j/database.js';
import { parseRows } from '../../graph/rows.js';

/** A project as kept: [id, name, start year, level, whether the candidate led it]. */
const storedProjectSchema = z.tuple([z.string(), z.string(), z.number(), z.string(), z.boolean()]);
/** A patent as kept: [id, title, year (granted, else filed), kind]. */
const storedPatentSchema = z.tuple([z.string(), z.string(), z.number(), z.string()]);
const topicEvidenceSchema = z.object({ projects: z.array(storedProjectSchema), patents: z.array(storedPatentSchema) });

/** A candidate's projects and patents on one topic, as kept. */
export type StoredTopicEvidence = z.infer<typeof topicEvidenceSchema>;

/**
 * The property that marks a candidate's evidence kept; its evidence on each topic is kept in the property of that name,
 * a colon and the topic's id, as JSON (a topic it has none on has none). The name carries the format's fingerprint:
 * another format finds none, and computes its own.
 */
export const EVIDENCE_PROPERTY = `evidence_${createHash('sha256')
  .update(JSON.stringify(['per-topic-json', 'project: id name startYear level led', 'patent: id title grantedElseFiledYear kind']))
  .digest('hex')
  .slice(0, 16)}`;
const topicProperty = (topicId: string) => `${EVIDENCE_PROPERTY}:${topicId}`;

const keptRow = z.object({ candidateId: z.string(), lists: z.array(z.string().nullable()) });

/**
 * The kept evidence of those of the candidates that have it (a candidate marked stale has none), on the topics asked
 * for only: per candidate, per topic it has evidence on.
 */
export async function readStoredEvidence(database: Database, candidateIds: readonly string[], topicIds: readonly string[]): Promise<Map<string, Map<string, StoredTopicEvidence>>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await database.read(
    `UNWIND $candidateIds AS candidateId
     MATCH (kept:${EVIDENCE_STORE_LABEL} {candidateId: candidateId}) WHERE kept[$property] IS NOT NULL
     RETURN candidateId, [topicId IN $topicIds | kept[$property + ':' + topicId]] AS lists`,
    { candidateIds: [...new Set(candidateIds)], topicIds: [...topicIds], property: EVIDENCE_PROPERTY },
  );
  return new Map(
    parseRows(keptRow, rows, 'stored candidate evidence').map(({ candidateId, lists }) => {
      const byTopic = new Map<string, StoredTopicEvidence>();
      lists.forEach((list, index) => {
        if (list === null) return;
        const parsed = topicEvidenceSchema.safeParse(JSON.parse(list));
        if (!parsed.success) throw new Error(`stored evidence of ${candidateId} on ${topicIds[index]}: not projects and patents (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        byTopic.set(topicIds[index]!, parsed.data);
      });
      return [candidateId, byTopic];
    }),
  );
}

const missingRow = z.object({ id: z.string(), links: z.number() });

/**
 * The candidates (of `candidateIds`, or all) with at least `leastLinks` links to projects and patents and no kept
 * evidence, the most linked first (their evidence saves the most), ties by id; with their number of links.
 */
export async function candidatesWithoutEvidence(database: Database, leastLinks: number, candidateIds: readonly string[] | null): Promise<Array<{ id: string; links: number }>> {
  const rows = await database.read(
    `MATCH (candidate:${ENTITY_LABEL}) ${candidateIds === null ? '' : 'WHERE candidate.id IN $candidateIds'}
     WITH candidate, COUNT { (candidate)-[:${EVIDENCE_LINKS}]->() } AS links WHERE links >= $leastLinks
     OPTIONAL MATCH (kept:${EVIDENCE_STORE_LABEL} {candidateId: candidate.id})
     WITH candidate, links, kept WHERE kept IS NULL OR kept[$property] IS NULL
     RETURN candidate.id AS id, links ORDER BY links DESC, id`,
    { candidateIds: candidateIds ?? [], leastLinks, property: EVIDENCE_PROPERTY },
  );
  return parseRows(missingRow, rows, 'candidates without kept evidence');
}

const stampRow = z.object({ candidateId: z.string(), stamp: z.number() });

/**
 * Makes the candidates' store nodes where missing and returns their stamps now: called before their evidence is read
 * from the graph, so that a write committed after it finds the node and marks it (see `markHoldersStale`), and
 * `keepEvidence` then refuses what was read before that write.
 */
export async function evidenceStamps(database: Database, candidateIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await database.writeDerived(
    `UNWIND $candidateIds AS candidateId
     WITH DISTINCT candidateId ORDER BY candidateId
     MERGE (kept:${EVIDENCE_STORE_LABEL} {candidateId: candidateId})
       ON CREATE SET kept.stamp = 0
     RETURN candidateId, kept.stamp AS stamp`,
    { candidateIds: [...candidateIds] },
  );
  return new Map(parseRows(stampRow, rows, 'candidate evidence stamps').map((row) => [row.candidateId, row.stamp]));
}

const computedRow = z.object({
  candidateId: z.string(),
  projects: z.array(z.tuple([z.string(), z.string(), z.number(), z.string(), z.boolean(), z.array(z.string())])),
  patents: z.array(z.tuple([z.string(), z.string(), z.number(), z.string(), z.array(z.string())])),
});

/** Reads the candidates' every project and patent on some topic, per topic (what the store keeps of each). */
export async function computeEvidence(database: Database, candidateIds: readonly string[]): Promise<Map<string, Map<string, StoredTopicEvidence>>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await database.read(
    `UNWIND $candidateIds AS candidateId
     MATCH (candidate:${ENTITY_LABEL} {id: candidateId})
     CALL (candidate) {
       MATCH (candidate)-[link:LEADS|PARTICIPATES_IN]->(item:Project)
       WITH item, collect(type(link)) AS links
       WITH item, links, COLLECT { MATCH (item)-[:ON_TOPIC]->(topic:Topic) RETURN DISTINCT topic.id } AS topics WHERE size(topics) > 0
       RETURN collect([item.id, item.name, item.startYear, item.level, 'LEADS' IN links, topics]) AS projects
     }
     CALL (candidate) {
       MATCH (candidate)-[:INVENTED|OWNS]->(item:Patent)
       WITH DISTINCT item
       WITH item, COLLECT { MATCH (item)-[:ON_TOPIC]->(topic:Topic) RETURN DISTINCT topic.id } AS topics WHERE size(topics) > 0
       RETURN collect([item.id, item.title, coalesce(item.grantedYear, item.filedYear), item.kind, topics]) AS patents
     }
     RETURN candidateId, projects, patents`,
    { candidateIds: [...new Set(candidateIds)] },
  );
  return new Map(
    parseRows(computedRow, rows, 'candidate evidence').map(({ candidateId, projects, patents }) => {
      const byTopic = new Map<string, StoredTopicEvidence>();
      const on = (topicId: string) => {
        let evidence = byTopic.get(topicId);
        if (!evidence) byTopic.set(topicId, (evidence = { projects: [], patents: [] }));
        return evidence;
      };
      for (const [id, name, year, level, led, topics] of projects) for (const topicId of topics) on(topicId).projects.push([id, name, year, level, led]);
      for (const [id, title, year, kind, topics] of patents) for (const topicId of topics) on(topicId).patents.push([id, title, year, kind]);
      return [candidateId, byTopic];
    }),
  );
}

const keptCount = z.object({ kept: z.number() });

/**
 * Keeps the evidence computed for some candidates, each only if the candidate's stamp is still the one returned by
 * `evidenceStamps` before it was read: a write that marked the candidate since leaves it without, for the next round.
 * Returns how many were kept.
 */
export async function keepEvidence(database: Database, entries: ReadonlyArray<{ candidateId: string; stamp: number; evidence: ReadonlyMap<string, StoredTopicEvidence> }>): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await database.writeDerived(
    `UNWIND $entries AS entry
     MATCH (kept:${EVIDENCE_STORE_LABEL} {candidateId: entry.candidateId})
     // Take the candidate's lock first: the stamp read next is then the latest committed one.
     SET kept.__lock = true REMOVE kept.__lock
     WITH kept, entry WHERE kept.stamp = entry.stamp
     SET kept += entry.values
     RETURN count(kept) AS kept`,
    {
      entries: [...entries]
        .sort((a, b) => (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0))
        .map((entry) => ({
          candidateId: entry.candidateId,
          stamp: entry.stamp,
          values: Object.fromEntries([[EVIDENCE_PROPERTY, true], ...[...entry.evidence].map(([topicId, evidence]) => [topicProperty(topicId), JSON.stringify(evidence)] as const)]),
        })),
    },
  );
  return parseRows(keptCount, rows, 'kept candidate evidence')[0]?.kept ?? 0;
}

/** One fill's batch reads at most this many links' evidence (a hub has thousands), and at most `CANDIDATES_PER_BATCH` candidates. */
const LINKS_PER_BATCH = 20_000;
const CANDIDATES_PER_BATCH = 200;

/**
 * Computes the missing evidence of the candidates given (whatever their links) or of every candidate with at least
 * `leastLinks` links, the most linked first, batch after batch, each batch's store nodes made (and stamps read) before
 * its evidence is read. Evidence marked stale meanwhile is not kept (the next round computes it). `shouldStop` is asked
 * between batches (the server stopping). Returns the candidates computed and those kept.
 */
export async function fillEvidenceStore(
  database: Database,
  leastLinks: number,
  options: { candidateIds?: readonly string[] | null; shouldStop?: () => boolean } = {},
): Promise<{ computed: number; kept: number }> {
  const missing = await candidatesWithoutEvidence(database, options.candidateIds ? 0 : leastLinks, options.candidateIds ?? null);
  let computed = 0;
  let kept = 0;
  for (let start = 0; start < missing.length; ) {
    if (options.shouldStop?.()) break;
    let end = start;
    let links = 0;
    while (end < missing.length && end - start < CANDIDATES_PER_BATCH && (end === start || links + missing[end]!.links <= LINKS_PER_BATCH)) links += missing[end++]!.links;
    const batch = missing.slice(start, end).map(({ id }) => id);
    start = end;
    const stamps = await evidenceStamps(database, batch);
    const evidence = await computeEvidence(database, batch);
    kept += await keepEvidence(
      database,
      batch.flatMap((candidateId) => {
        const stamp = stamps.get(candidateId);
        return stamp === undefined ? [] : [{ candidateId, stamp, evidence: evidence.get(candidateId) ?? new Map<string, StoredTopicEvidence>() }];
      }),
    );
    computed += batch.length;
  }
  return { computed, kept };
}
