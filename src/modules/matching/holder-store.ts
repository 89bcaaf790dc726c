/**
 * The holder store: each topic's strongest holders per set of kinds (what `findTopicHolders` answers for one need
 * topic), kept in the database by the write path, so that a need's first answer reads its topics' lists instead of
 * weighing a popular topic's hundred thousand holds. Never stale: every write marks the topics it can reach in its own
 * transaction (src/graph/holder-marks.ts), and a list is kept only if no mark came between the reading of the graph
 * it was computed from and its storing (the topic's stamp, compared under the topic's lock). A topic without a list
 * is read live, as before, and the keep-warm worker (`fillHolderStore`) computes the missing lists in the background.
 *
 * One `(:TopicHolders {topicId, stamp, holds_<key>…})` node per topic, a property per set of kinds: a JSON array of
 * holds (`StoredHold`), deflated and written in base64 — a popular topic's list is some 28 KB of JSON, about 7 KB so,
 * and at a million nodes the plain lists of six sets of kinds took 1.1 GB, as much again as the whole graph. The property's name carries a fingerprint of the kinds, the hierarchy steps and the matching
 * config the list was computed with: a version with other weights or bounds finds no list, and computes its own.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { NodeKind } from '../../graph/kinds.js';
import { HOLDER_STORE_LABEL } from '../../graph/holder-marks.js';
import type { Database } from '../../neo4j/database.js';
import { parseRows } from '../../graph/rows.js';
import { MATCHING_CONFIG } from './matching.config.js';
import type { HoldVia, TopicHold } from './holds.js';

const HOLD_VIAS = ['expertise', 'focus', 'staff', 'members', 'led', 'joined', 'patent', 'segment', 'serves'] as const satisfies readonly HoldVia[];

/** A hold as stored: [candidate, held topic, down, up, way, level, evidence id, evidence name, primary, year, kinds]. */
const storedHoldSchema = z.tuple([
  z.string(),
  z.string(),
  z.number(),
  z.number(),
  z.enum(HOLD_VIAS),
  z.string().nullable(),
  z.string().nullable(),
  z.string().nullable(),
  z.boolean().nullable(),
  z.number().nullable(),
  z.array(z.string()),
]);
type StoredHold = z.infer<typeof storedHoldSchema>;
const storedListSchema = z.array(storedHoldSchema);

/** The lists' encoding (part of the property's fingerprint): JSON, deflated, base64. */
const STORED_FORMAT = 'json-deflate-base64';
const pack = (holds: readonly TopicHold[]): string => deflateRawSync(JSON.stringify(holds.map(encode))).toString('base64');
const unpack = (text: string): unknown => JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8'));

/** The property a set of kinds' lists are kept in (see the module comment). */
export function holderListProperty(kinds: readonly NodeKind[], steps: number): string {
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        STORED_FORMAT,
        [...new Set(kinds)].sort(),
        steps,
        MATCHING_CONFIG.topics,
        MATCHING_CONFIG.holdersPerTopic,
        MATCHING_CONFIG.holdsReadPerWay,
        MATCHING_CONFIG.relatedTopicsRead,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return `holds_${fingerprint}`;
}

const encode = (hold: TopicHold): StoredHold => [
  hold.candidateId,
  hold.heldTopicId,
  hold.down,
  hold.up,
  hold.via,
  hold.level,
  hold.viaId ?? null,
  hold.viaName ?? null,
  hold.primary ?? null,
  hold.year ?? null,
  hold.kinds,
];

const decode = (needTopicId: string, [candidateId, heldTopicId, down, up, via, level, viaId, viaName, primary, year, kinds]: StoredHold): TopicHold => ({
  candidateId,
  needTopicId,
  heldTopicId,
  down,
  up,
  level,
  via,
  viaId,
  viaName,
  primary,
  year,
  kinds,
});

const storedRow = z.object({ topicId: z.string(), holds: z.string() });

/** The kept lists of those of the topics that have one for the kinds and steps (a topic marked stale has none). */
export async function readStoredHolders(database: Database, topicIds: readonly string[], kinds: readonly NodeKind[], steps: number): Promise<Map<string, TopicHold[]>> {
  if (topicIds.length === 0) return new Map();
  const rows = await database.read(
    `UNWIND $topicIds AS topicId
     MATCH (kept:${HOLDER_STORE_LABEL} {topicId: topicId})
     WITH topicId, kept[$property] AS holds WHERE holds IS NOT NULL
     RETURN topicId, holds`,
    { topicIds: [...new Set(topicIds)], property: holderListProperty(kinds, steps) },
  );
  return new Map(
    parseRows(storedRow, rows, 'stored topic holders').map(({ topicId, holds }) => {
      const parsed = storedListSchema.safeParse(unpack(holds));
      if (!parsed.success) throw new Error(`stored topic holders of ${topicId}: not a list of holds (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return [topicId, parsed.data.map((hold) => decode(topicId, hold))];
    }),
  );
}

const staleRow = z.object({ id: z.string() });

/**
 * The topics (of `topicIds`, or all) without a kept list for the kinds and steps, the most linked first (their lists
 * save the most), ties by id.
 */
export async function topicsWithoutList(database: Database, kinds: readonly NodeKind[], steps: number, topicIds: readonly string[] | null): Promise<string[]> {
  const rows = await database.read(
    `MATCH (topic:Topic) ${topicIds === null ? '' : 'WHERE topic.id IN $topicIds'}
     OPTIONAL MATCH (kept:${HOLDER_STORE_LABEL} {topicId: topic.id})
     WITH topic, kept WHERE kept IS NULL OR kept[$property] IS NULL
     RETURN topic.id AS id ORDER BY count { (topic)<-[:HAS_EXPERTISE|FOCUSES_ON|REQUIRES]-() } DESC, id`,
    { topicIds: topicIds ?? [], property: holderListProperty(kinds, steps) },
  );
  return parseRows(staleRow, rows, 'topics without a holder list').map((row) => row.id);
}

const stampRow = z.object({ topicId: z.string(), stamp: z.number().nullable() });

/** The topics' stamps now (null: never marked nor kept); read before their lists are computed, see `keepHolderLists`. */
export async function holderStamps(database: Database, topicIds: readonly string[]): Promise<Map<string, number | null>> {
  const rows = await database.read(
    `UNWIND $topicIds AS topicId
     OPTIONAL MATCH (kept:${HOLDER_STORE_LABEL} {topicId: topicId})
     RETURN topicId, kept.stamp AS stamp`,
    { topicIds: [...topicIds] },
  );
  return new Map(parseRows(stampRow, rows, 'topic holder stamps').map((row) => [row.topicId, row.stamp]));
}

const keptRow = z.object({ kept: z.number() });

/**
 * Keeps the lists computed for some topics, each only if the topic's stamp is still the one read before computing it
 * (`stamps`): a write that marked the topic since (it commits before this takes the topic's lock) leaves it without a
 * list, for the next round. Returns how many lists were kept.
 */
export async function keepHolderLists(
  database: Database,
  kinds: readonly NodeKind[],
  steps: number,
  lists: ReadonlyArray<{ topicId: string; stamp: number | null; holds: readonly TopicHold[] }>,
): Promise<number> {
  if (lists.length === 0) return 0;
  const property = holderListProperty(kinds, steps);
  const rows = await database.writeDerived(
    `UNWIND $lists AS list
     MERGE (kept:${HOLDER_STORE_LABEL} {topicId: list.topicId})
       ON CREATE SET kept.stamp = 0
     // Take the topic's lock first: the stamp read next is then the latest committed one.
     SET kept.__lock = true REMOVE kept.__lock
     WITH kept, list WHERE kept.stamp = coalesce(list.stamp, 0)
     SET kept += list.values
     RETURN count(kept) AS kept`,
    {
      lists: [...lists]
        .sort((a, b) => (a.topicId < b.topicId ? -1 : a.topicId > b.topicId ? 1 : 0))
        .map((list) => ({ topicId: list.topicId, stamp: list.stamp, values: { [property]: pack(list.holds) } })),
    },
  );
  return parseRows(keptRow, rows, 'kept holder lists')[0]?.kept ?? 0;
}
