/**
 * The write side of the holder store (see src/modules/matching/holder-store.ts) and of the evidence store (see
 * src/modules/matching/evidence-store.ts): which topics' kept holder lists and which candidates' kept evidence a write
 * can change, and marking them stale in the write's own transaction, so that no reader ever takes a list the write made
 * wrong. One `(:TopicHolders {topicId, stamp})` node per topic and one `(:CandidateEvidence {candidateId, stamp})` per
 * candidate whose evidence was kept, outside the `Entity` label (no query, export or count of the graph sees them): a
 * mark raises the stamp and drops what was kept; the stores' workers compute it again and keep it only if the stamp has
 * not moved meanwhile.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';
import { ENTITY_LABEL } from './kinds.js';

/** A record as a change logs it (src/modules/shared/change-log.model.ts): its kind, properties and relationships. */
interface RecordSnapshot {
  kind: string;
  properties: Record<string, unknown>;
  relationships: ReadonlyArray<{ type: string; direction: 'out' | 'in'; other: string; properties: Record<string, unknown> }>;
}
/** A link as a change logs it. */
interface LinkSnapshot {
  type: string;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}
type Snapshot = RecordSnapshot | LinkSnapshot | null;

export const HOLDER_STORE_LABEL = 'TopicHolders';
export const EVIDENCE_STORE_LABEL = 'CandidateEvidence';

/** The links from a candidate to its evidence (projects it led or joined, patents it invented or owns). */
export const EVIDENCE_LINKS = 'LEADS|PARTICIPATES_IN|INVENTED|OWNS';

/**
 * How far (in `BROADER` steps, either way) a topic's holders reach into other topics' kept lists: a need topic's list
 * holds its own holders and those of the topics within its hierarchy steps and its siblings (two steps: up, then
 * down), so a change of one topic's holders is a change of the lists of every topic this close to it. Must be at
 * least the matcher's `hierarchySteps` and 2 (a test holds it to the config).
 */
export const HOLDER_REACH = 2;

/**
 * The records whose topics a change reaches, by the way it reaches them (each a list of record ids):
 * - `topics`: the topics themselves (an expertise, focus, project or patent topic, segment requirement, a topic written);
 * - `works`: projects and patents, whose `ON_TOPIC` topics (a candidate's role on them, their title or year changed);
 * - `experts`: experts, whose expertise topics (an affiliation: the organisation holds them through its staff);
 * - `segments`: chain segments, whose required topics (an enterprise in them, an industry's segment, a name);
 * - `industries`: industries, whose segments' required topics (a platform serving them);
 * - `own`: topics written themselves (made, changed or deleted), marked whether or not they still exist: a topic
 *   deleted and made again must not find the old one's lists.
 * And the candidates whose kept evidence it reaches: those of `works` (every candidate of a project or patent), of
 * `topicWorks` (the projects and patents whose topics changed), and `candidates` themselves (a link to a work added or
 * removed, a record made or deleted: one deleted and made again must not find the old one's evidence).
 */
export interface HolderReach {
  own: string[];
  topics: string[];
  works: string[];
  experts: string[];
  segments: string[];
  industries: string[];
  topicWorks: string[];
  candidates: string[];
}

interface Link {
  type: string;
  /** The relationship's two ends. */
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

const linksOf = (id: string, snapshot: Snapshot): Link[] => {
  if (snapshot === null) return [];
  if (!('kind' in snapshot)) return [snapshot];
  return snapshot.relationships.map((relationship) => ({
    type: relationship.type,
    from: relationship.direction === 'out' ? id : relationship.other,
    to: relationship.direction === 'out' ? relationship.other : id,
    properties: relationship.properties,
  }));
};

const linkKey = (link: Link): string => JSON.stringify([link.type, link.from, link.to, Object.entries(link.properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);

/**
 * What a change (one record's or one link's snapshot before and after) reaches: the links it added, removed or
 * changed, each by the way it leads to topics, and — when the record's own properties changed — the record's own
 * topics (an expert's name, a project's title or year, a segment's name are parts of its holds' evidence).
 */
export function holderReach(entityId: string, before: Snapshot, after: Snapshot): HolderReach {
  const reach: HolderReach = { own: [], topics: [], works: [], experts: [], segments: [], industries: [], topicWorks: [], candidates: [] };
  const previous = new Map(linksOf(entityId, before).map((link) => [linkKey(link), link]));
  const next = new Map(linksOf(entityId, after).map((link) => [linkKey(link), link]));
  const changed = [...[...previous].filter(([key]) => !next.has(key)), ...[...next].filter(([key]) => !previous.has(key))].map(([, link]) => link);
  for (const link of changed) {
    switch (link.type) {
      case 'ON_TOPIC':
        reach.topics.push(link.to);
        reach.topicWorks.push(link.from);
        break;
      case 'HAS_EXPERTISE':
      case 'FOCUSES_ON':
      case 'REQUIRES':
        reach.topics.push(link.to);
        break;
      case 'BROADER':
        reach.topics.push(link.from, link.to);
        break;
      case 'LEADS':
      case 'PARTICIPATES_IN':
      case 'OWNS':
      case 'INVENTED':
        reach.works.push(link.to);
        reach.candidates.push(link.from);
        break;
      case 'AFFILIATED_WITH':
        reach.experts.push(link.from);
        break;
      case 'IN_SEGMENT':
      case 'HAS_SEGMENT':
        reach.segments.push(link.to);
        break;
      case 'SERVES':
        reach.industries.push(link.to);
        break;
      default:
        // Other links (regions, cooperation, clusters, demands, hosting, policies) hold no topic.
        break;
    }
  }
  const own = (snapshot: Snapshot): RecordSnapshot | null => (snapshot !== null && 'kind' in snapshot ? snapshot : null);
  const [was, is] = [own(before), own(after)];
  if (was?.kind === 'Topic' || is?.kind === 'Topic') reach.own.push(entityId);
  if ((was === null) !== (is === null)) reach.candidates.push(entityId);
  if (was && is && JSON.stringify(was.properties) !== JSON.stringify(is.properties)) {
    reach.works.push(entityId);
    reach.experts.push(entityId);
    reach.segments.push(entityId);
  }
  return reach;
}

const isEmpty = (reach: HolderReach) => Object.values(reach).every((ids: string[]) => ids.length === 0);

/**
 * Marks stale, in `transaction`, the kept holder lists of every topic the reach leads to and of the topics within
 * `HOLDER_REACH` of those (read after the write, in the same transaction: the graph as it will be committed — what a
 * removed link led to is named by the link itself), and the kept evidence of every candidate it reaches. Topics and
 * candidates are marked in id order (concurrent marks take their locks in one order). A candidate without a store
 * node has nothing kept and no computing under way (the evidence store's worker makes the node before it reads the
 * graph), so only existing nodes are marked. Returns how many topics and candidates were marked.
 */
export async function markHoldersStale(transaction: ManagedTransaction, reach: HolderReach): Promise<{ topics: number; candidates: number }> {
  if (isEmpty(reach)) return { topics: 0, candidates: 0 };
  const topics = await transaction.run(
    `CALL () {
       UNWIND $reach.topics AS id MATCH (topic:Topic {id: id}) RETURN topic
       UNION
       UNWIND $reach.works AS id MATCH (:${ENTITY_LABEL} {id: id})-[:ON_TOPIC]->(topic:Topic) RETURN topic
       UNION
       UNWIND $reach.experts AS id MATCH (:${ENTITY_LABEL} {id: id})-[:HAS_EXPERTISE]->(topic:Topic) RETURN topic
       UNION
       UNWIND $reach.segments AS id MATCH (:${ENTITY_LABEL} {id: id})-[:REQUIRES]->(topic:Topic) RETURN topic
       UNION
       UNWIND $reach.industries AS id MATCH (:${ENTITY_LABEL} {id: id})-[:HAS_SEGMENT]->(:ChainSegment)-[:REQUIRES]->(topic:Topic) RETURN topic
     }
     MATCH (near:Topic)-[:BROADER*0..${HOLDER_REACH}]-(topic)
     WITH collect(DISTINCT near.id) AS near
     UNWIND near + $reach.own AS topicId
     WITH DISTINCT topicId ORDER BY topicId
     ${MARK}
     RETURN count(*) AS marked`,
    { reach },
  );
  const candidates = await transaction.run(
    `CALL () {
       UNWIND $reach.candidates AS id RETURN id
       UNION
       UNWIND $reach.works + $reach.topicWorks AS workId
       MATCH (:${ENTITY_LABEL} {id: workId})<-[:${EVIDENCE_LINKS}]-(candidate:${ENTITY_LABEL})
       RETURN candidate.id AS id
     }
     WITH DISTINCT id ORDER BY id
     MATCH (kept:${EVIDENCE_STORE_LABEL} {candidateId: id})
     ${MARK_EVIDENCE}
     RETURN count(*) AS marked`,
    { reach },
  );
  return { topics: Number(topics.records[0]?.get('marked') ?? 0), candidates: Number(candidates.records[0]?.get('marked') ?? 0) };
}

/** After a `MATCH` of `kept`, a candidate's evidence store node: raises its stamp and drops what it kept. */
const MARK_EVIDENCE = 'SET kept = {candidateId: kept.candidateId, stamp: coalesce(kept.stamp, 0) + 1}';

/** After a `WITH topicId`: raises the topic's stamp and drops its kept lists (the node is made if missing). */
const MARK = `MERGE (holders:${HOLDER_STORE_LABEL} {topicId: topicId})
     SET holders = {topicId: topicId, stamp: coalesce(holders.stamp, 0) + 1}`;

/**
 * Marks every topic's kept holder lists and every candidate's kept evidence stale, in batches (after a bulk load, which
 * does not trace what it changed).
 */
export async function markAllStoresStale(database: Database): Promise<void> {
  await database.writeAutoCommit(
    `CALL () {
       MATCH (topic:Topic) RETURN topic.id AS topicId
       UNION
       MATCH (kept:${HOLDER_STORE_LABEL}) RETURN kept.topicId AS topicId
     }
     CALL (topicId) { ${MARK} } IN TRANSACTIONS OF 5000 ROWS`,
  );
  await database.writeAutoCommit(`MATCH (kept:${EVIDENCE_STORE_LABEL}) CALL (kept) { ${MARK_EVIDENCE} } IN TRANSACTIONS OF 5000 ROWS`);
}
