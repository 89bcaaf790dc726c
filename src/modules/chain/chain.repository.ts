/**
 * Every Cypher query of the chain module. Definitions used throughout (documented in the schema too):
 * - a segment's topics are the topics it REQUIRES and every narrower topic (BROADER*0..);
 * - "local" means located in the county or a region PART_OF it (experts: through any affiliation);
 * - an expert covers a segment when they HAS_EXPERTISE in one of its topics; a research organisation
 *   (University, ResearchInstitute) when it FOCUSES_ON one;
 * - a platform serves a segment when it SERVES the segment's industry and the platform or its host FOCUSES_ON one
 *   of the segment's topics, or an expert affiliated with the platform has expertise in one;
 * - an R&D partner of a segment is a University or ResearchInstitute that COOPERATES_WITH an enterprise of the
 *   segment or leads or takes part in a project on the segment;
 * - a project (patent) is on a segment when it is ON_TOPIC one of the segment's topics.
 */
import { ENTITY_LABEL } from '../../graph/kinds.js';
import { entityProjection } from '../../graph/projection.js';
import type { EntityModel } from '../../graph/entity.js';
import type { Database } from '../../neo4j/database.js';
import { z } from 'zod';
import { entitySchema, parseRows, storedEnum } from '../../graph/rows.js';
import { STORED_ENUMS, type StoredEnumValue } from '../../graph/properties.js';
import { DerivedCache, KEPT_VALUES_TTL_MS } from '../../neo4j/derived-cache.js';

const LOCAL_ORGANIZATION = (variable: string) => `EXISTS { MATCH (${variable})-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(county) }`;
const LOCAL_ACTOR = (variable: string) =>
  `EXISTS { MATCH (${variable})-[:AFFILIATED_WITH*0..1]->(:${ENTITY_LABEL})-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(county) }`;
const SEGMENT_TOPIC = '(segment)-[:REQUIRES]->(:Topic)<-[:BROADER*0..]-(topic:Topic)';
const SEGMENTS_OF_INDUSTRY = `MATCH (county:Region {id: $countyId})
     MATCH (industry:Industry {id: $industryId})-[:HAS_SEGMENT]->(segment:ChainSegment)`;

const entityByIdRow = z.object({ node: entitySchema });

/** One entity by record id and kind; null when none exists. */
export async function findEntity(database: Database, label: string, id: string): Promise<EntityModel | null> {
  const rows = await database.read(`MATCH (node:${label} {id: $id}) RETURN ${entityProjection('node')} AS node`, { id });
  return parseRows(entityByIdRow, rows, `${label} by id`)[0]?.node ?? null;
}

/**
 * The safety-net time to live of the default county (a write by this process or another drops it, see `DerivedCache`): finding it
 * counts every enterprise's county, too much for every chain request of a large graph.
 */
const DEFAULT_COUNTY_TTL_MS = KEPT_VALUES_TTL_MS;

const defaultCountyRow = z.object({ county: entitySchema });

const defaultCounties = new DerivedCache<EntityModel | null>(async (database) => {
  const rows = await database.read(
    `MATCH (enterprise:Enterprise)-[:LOCATED_IN]->(:Region)-[:PART_OF*0..]->(county:Region {kind: 'COUNTY'})
     WITH county, count(DISTINCT enterprise) AS enterprises
     ORDER BY enterprises DESC, county.id LIMIT 1
     RETURN ${entityProjection('county')} AS county`,
  );
  return parseRows(defaultCountyRow, rows, 'default county')[0]?.county ?? null;
}, DEFAULT_COUNTY_TTL_MS);

/** The default county: the region of kind COUNTY in which (or in whose parts) most enterprises are located; ties by id. */
export function findDefaultCounty(database: Database): Promise<EntityModel | null> {
  return defaultCounties.get(database, '');
}

const localEnterprisesPerChainRow = z.object({ id: z.string(), localEnterprises: z.number().int() });

const chainIndustriesRow = z.object({ id: z.string() });

/**
 * Every industry with a chain (at least one segment), with how many enterprises located in the county (or its parts)
 * work in it: counted from the county's side, which holds far fewer enterprises than a province's chain.
 */
export async function findChainIndustries(database: Database, countyId: string): Promise<Array<{ id: string; localEnterprises: number }>> {
  const [industries, local] = await Promise.all([
    database.read('MATCH (industry:Industry) WHERE EXISTS { (industry)-[:HAS_SEGMENT]->(:ChainSegment) } RETURN industry.id AS id'),
    database.read(
      `MATCH (:Region {id: $countyId})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(enterprise:Enterprise)-[:IN_SEGMENT]->(:ChainSegment)<-[:HAS_SEGMENT]-(industry:Industry)
       RETURN industry.id AS id, count(DISTINCT enterprise) AS localEnterprises`,
      { countyId },
    ),
  ]);
  const counts = new Map(parseRows(localEnterprisesPerChainRow, local, 'local enterprises per chain').map((row) => [row.id, row.localEnterprises]));
  return parseRows(chainIndustriesRow, industries, 'chain industries').map((row) => ({ id: row.id, localEnterprises: counts.get(row.id) ?? 0 }));
}

const segmentRowSchema = z.object({ segment: entitySchema, downstreamIds: z.array(z.string()), requiredTopics: z.array(entitySchema) });
export type SegmentRow = z.output<typeof segmentRowSchema>;

/** The segments of an industry with their downstream links and required topics. */
export async function findSegments(database: Database, industryId: string): Promise<SegmentRow[]> {
  const rows = await database.read(
    `MATCH (industry:Industry {id: $industryId})-[:HAS_SEGMENT]->(segment:ChainSegment)
     CALL (industry, segment) {
       OPTIONAL MATCH (segment)-[:UPSTREAM_OF]->(next:ChainSegment)<-[:HAS_SEGMENT]-(industry)
       RETURN collect(DISTINCT next.id) AS downstreamIds
     }
     CALL (segment) {
       OPTIONAL MATCH (segment)-[:REQUIRES]->(topic:Topic)
       WITH topic ORDER BY topic.name
       RETURN collect(${entityProjection('topic')}) AS requiredTopics
     }
     RETURN ${entityProjection('segment')} AS segment, downstreamIds, requiredTopics
     ORDER BY segment.order, segment.id`,
    { industryId },
  );
  return parseRows(segmentRowSchema, rows, 'findSegments');
}

/** The support of the segments' local members: the ones located in the county or its parts (experts: affiliated there). */
const localSupportRow = z.object({
  segmentId: z.string(),
  enterprises: z.number(),
  localEnterprises: z.number(),
  localEnterpriseIds: z.array(z.string()),
  experts: z.number(),
  localExperts: z.number(),
  localExpertIds: z.array(z.string()),
});
/** The support of research: R&D partners and research organisations. */
const researchSupportRow = z.object({ segmentId: z.string(), rdPartners: z.number(), rdPartnerIds: z.array(z.string()), researchOrganizations: z.number() });
/** The support of platforms and work (projects, patents). */
const workSupportRow = z.object({
  segmentId: z.string(),
  platforms: z.number(),
  platformIds: z.array(z.string()),
  projects: z.number(),
  recentProjects: z.number(),
  patents: z.number(),
  lastProjectYear: z.number().nullable(),
});
export type SupportRow = z.output<typeof localSupportRow> & z.output<typeof researchSupportRow> & z.output<typeof workSupportRow>;

/** A chain's segments, each with its topics (see the module comment), for the support queries. */
const SEGMENTS_WITH_TOPICS = `MATCH (industry:Industry {id: $industryId})-[:HAS_SEGMENT]->(segment:ChainSegment)
     CALL (segment) {
       OPTIONAL MATCH ${SEGMENT_TOPIC}
       RETURN collect(DISTINCT topic) AS topics
     }`;

/**
 * Every segment's support counted in Cypher (the same definitions as the member queries below, which list them), with
 * the ids of the supporters a gap candidate must not be — at most `supporterLimit` of each, enough for any gap: a
 * dimension has a gap only while its count is below its minimum. "Local" is decided once per query from the county's
 * side (what is located in it or its parts, and the experts affiliated with that), then checked by list membership,
 * which is far cheaper than walking from every member of a large segment to the county.
 *
 * Counted in three queries run side by side (Neo4j Community runs a query on one core): a large chain's support at a
 * million nodes walks some 10⁶ relationships, about a second in one query; each part repeats only the segments and
 * their topics (a few ms).
 */
async function querySegmentSupport(
  database: Database,
  industryId: string,
  countyId: string,
  options: { recentSince: number; supporterLimit: number },
  attempt = 1,
): Promise<SupportRow[]> {
  const params = { industryId, countyId, recentSince: options.recentSince, supporterLimit: options.supporterLimit };
  const [local, research, work] = await Promise.all([
    database.read(
      `MATCH (county:Region {id: $countyId})
       CALL (county) {
         MATCH (region:Region)-[:PART_OF*0..]->(county)
         MATCH (region)<-[:LOCATED_IN]-(located)
         OPTIONAL MATCH (located)<-[:AFFILIATED_WITH]-(affiliated:Expert)
         WITH collect(DISTINCT located) AS countyLocated, collect(DISTINCT affiliated) AS affiliatedHere
         RETURN countyLocated, [node IN countyLocated WHERE node:Expert] + affiliatedHere AS countyExperts
       }
       ${SEGMENTS_WITH_TOPICS}
       CALL (segment, countyLocated) {
         MATCH (segment)<-[:IN_SEGMENT]-(node:Enterprise)
         WITH DISTINCT node
         WITH node, node IN countyLocated AS local
         RETURN count(node) AS enterprises, count(CASE WHEN local THEN 1 END) AS localEnterprises,
                collect(CASE WHEN local THEN node.id END)[0..$supporterLimit] AS localEnterpriseIds
       }
       CALL (topics, countyExperts) {
         UNWIND topics AS topic
         // Only experts have expertise (the format's HAS_EXPERTISE): no label to check per holder.
         MATCH (topic)<-[:HAS_EXPERTISE]-(node)
         WITH DISTINCT node
         WITH node, node IN countyExperts AS local
         RETURN count(node) AS experts, count(CASE WHEN local THEN 1 END) AS localExperts,
                collect(CASE WHEN local THEN node.id END)[0..$supporterLimit] AS localExpertIds
       }
       RETURN segment.id AS segmentId, enterprises, localEnterprises, localEnterpriseIds, experts, localExperts, localExpertIds`,
      params,
    ),
    database.read(
      `${SEGMENTS_WITH_TOPICS}
       CALL (segment, topics) {
         CALL (segment, topics) {
           MATCH (segment)<-[:IN_SEGMENT]-(:Enterprise)-[:COOPERATES_WITH]-(node)
           WHERE node:University OR node:ResearchInstitute
           RETURN node
           UNION
           UNWIND topics AS topic
           MATCH (topic)<-[:ON_TOPIC]-(:Project)<-[:LEADS|PARTICIPATES_IN]-(node)
           WHERE node:University OR node:ResearchInstitute
           RETURN node
         }
         WITH DISTINCT node
         RETURN count(node) AS rdPartners, collect(node.id)[0..$supporterLimit] AS rdPartnerIds
       }
       CALL (topics) {
         UNWIND topics AS topic
         MATCH (topic)<-[:FOCUSES_ON]-(node)
         WHERE node:University OR node:ResearchInstitute
         RETURN count(DISTINCT node) AS researchOrganizations
       }
       RETURN segment.id AS segmentId, rdPartners, rdPartnerIds, researchOrganizations`,
      params,
    ),
    database.read(
      `${SEGMENTS_WITH_TOPICS}
       CALL (industry, topics) {
         MATCH (industry)<-[:SERVES]-(node:Platform)
         WHERE EXISTS { MATCH (node)-[:FOCUSES_ON]->(topic) WHERE topic IN topics }
            OR EXISTS { MATCH (node)<-[:HOSTS]-(:Organization)-[:FOCUSES_ON]->(topic) WHERE topic IN topics }
            OR EXISTS { MATCH (node)<-[:AFFILIATED_WITH]-(:Expert)-[:HAS_EXPERTISE]->(topic) WHERE topic IN topics }
         WITH DISTINCT node
         RETURN count(node) AS platforms, collect(node.id)[0..$supporterLimit] AS platformIds
       }
       // Projects and patents in one walk (only they are ON_TOPIC, per the format).
       CALL (topics) {
         UNWIND topics AS topic
         MATCH (topic)<-[:ON_TOPIC]-(work)
         WITH DISTINCT work
         WITH work, work:Project AS project
         RETURN count(CASE WHEN project THEN 1 END) AS projects,
                count(CASE WHEN project AND work.startYear >= $recentSince THEN 1 END) AS recentProjects,
                max(CASE WHEN project THEN work.startYear END) AS lastProjectYear,
                count(CASE WHEN NOT project THEN 1 END) AS patents
       }
       RETURN segment.id AS segmentId, platforms, platformIds, projects, recentProjects, lastProjectYear, patents`,
      params,
    ),
  ]);
  const researchOf = new Map(parseRows(researchSupportRow, research, 'segment support (research)').map((row) => [row.segmentId, row]));
  const workOf = new Map(parseRows(workSupportRow, work, 'segment support (platforms and work)').map((row) => [row.segmentId, row]));
  const rows = parseRows(localSupportRow, local, 'segment support (local)').map((row) => {
    const researchRow = researchOf.get(row.segmentId);
    const workRow = workOf.get(row.segmentId);
    return researchRow && workRow ? { ...row, ...researchRow, ...workRow } : null;
  });
  if (rows.every((row) => row !== null)) return rows;
  // A write between the parts (a segment added or removed): counted again, once, from the graph as it is now.
  if (attempt < 2) return querySegmentSupport(database, industryId, countyId, options, attempt + 1);
  throw new Error(`segment support of ${industryId}: its segments changed while they were counted, twice`);
}

/** The safety-net time to live of a chain's support counts (a write by this process or another drops them; see `DerivedCache`). */
const SUPPORT_TTL_MS = KEPT_VALUES_TTL_MS;
/** Chains (industry × county × year × limit) whose support is kept per database. */
const SUPPORT_KEYS = 512;

const supportCache = new DerivedCache<SupportRow[], string>(
  (database, key) => {
    const [industryId, countyId, recentSince, supporterLimit] = JSON.parse(key) as [string, string, number, number];
    return querySegmentSupport(database, industryId, countyId, { recentSince, supporterLimit });
  },
  SUPPORT_TTL_MS,
  SUPPORT_KEYS,
);

/**
 * Every segment's support (see `querySegmentSupport`), kept per chain until a write by this process or another (see
 * `DerivedCache`): counting a large chain's members takes a few hundred milliseconds at a million nodes, and
 * officials read the same chains again and again.
 */
export function findSegmentSupport(database: Database, industryId: string, countyId: string, options: { recentSince: number; supporterLimit: number }): Promise<SupportRow[]> {
  return supportCache.get(database, JSON.stringify([industryId, countyId, options.recentSince, options.supporterLimit]));
}

const memberRowSchema = z.object({
  segmentId: z.string(),
  node: entitySchema,
  local: z.boolean(),
  topics: z.array(entitySchema),
  level: storedEnum('ExpertiseLevel').nullish(),
  basis: z.array(z.string()).optional(),
});
export type MemberRow = z.output<typeof memberRowSchema>;

const memberRows = (rows: readonly unknown[]) => parseRows(memberRowSchema, rows, 'segment members');

/** Enterprises working in each segment (IN_SEGMENT), local first. */
export async function findSegmentEnterprises(database: Database, industryId: string, countyId: string): Promise<MemberRow[]> {
  return memberRows(
    await database.read(
      `${SEGMENTS_OF_INDUSTRY}
       MATCH (segment)<-[:IN_SEGMENT]-(node:Enterprise)
       WITH segment, node, ${LOCAL_ORGANIZATION('node')} AS local
       ORDER BY segment.id, local DESC, node.name, node.id
       RETURN segment.id AS segmentId, ${entityProjection('node')} AS node, local, [] AS topics`,
      { industryId, countyId },
    ),
  );
}

/** Experts with expertise in a segment topic, with those topics and their highest level. */
export async function findSegmentExperts(database: Database, industryId: string, countyId: string): Promise<MemberRow[]> {
  return memberRows(
    await database.read(
      `${SEGMENTS_OF_INDUSTRY}
       MATCH ${SEGMENT_TOPIC}<-[expertise:HAS_EXPERTISE]-(node:Expert)
       WITH county, segment, node, collect(DISTINCT topic) AS topics,
            max(CASE expertise.level WHEN 'EXPERT' THEN 3 WHEN 'ADVANCED' THEN 2 ELSE 1 END) AS rank
       WITH segment, node, topics, rank, ${LOCAL_ACTOR('node')} AS local
       ORDER BY segment.id, rank DESC, local DESC, node.name, node.id
       RETURN segment.id AS segmentId, ${entityProjection('node')} AS node, local,
              [topic IN topics | ${entityProjection('topic')}] AS topics,
              CASE rank WHEN 3 THEN 'EXPERT' WHEN 2 THEN 'ADVANCED' ELSE 'BASIC' END AS level`,
      { industryId, countyId },
    ),
  );
}

/** Universities and research institutes focusing on a segment topic. */
export async function findSegmentResearchOrganizations(database: Database, industryId: string, countyId: string): Promise<MemberRow[]> {
  return memberRows(
    await database.read(
      `${SEGMENTS_OF_INDUSTRY}
       MATCH ${SEGMENT_TOPIC}<-[:FOCUSES_ON]-(node)
       WHERE node:University OR node:ResearchInstitute
       WITH county, segment, node, collect(DISTINCT topic) AS topics
       WITH segment, node, topics, ${LOCAL_ORGANIZATION('node')} AS local
       ORDER BY segment.id, size(topics) DESC, node.name, node.id
       RETURN segment.id AS segmentId, ${entityProjection('node')} AS node, local, [topic IN topics | ${entityProjection('topic')}] AS topics`,
      { industryId, countyId },
    ),
  );
}

/** Platforms serving each segment (see the module comment for the rule), with the topics that tie them to it. */
export async function findSegmentPlatforms(database: Database, industryId: string, countyId: string): Promise<MemberRow[]> {
  return memberRows(
    await database.read(
      `${SEGMENTS_OF_INDUSTRY}
       MATCH (industry)<-[:SERVES]-(node:Platform)
       MATCH ${SEGMENT_TOPIC}
       WHERE EXISTS { MATCH (node)-[:FOCUSES_ON]->(topic) }
          OR EXISTS { MATCH (node)<-[:HOSTS]-(:Organization)-[:FOCUSES_ON]->(topic) }
          OR EXISTS { MATCH (node)<-[:AFFILIATED_WITH]-(:Expert)-[:HAS_EXPERTISE]->(topic) }
       WITH county, segment, node, collect(DISTINCT topic) AS topics
       WITH segment, node, topics, ${LOCAL_ORGANIZATION('node')} AS local
       ORDER BY segment.id, local DESC, node.name, node.id
       RETURN segment.id AS segmentId, ${entityProjection('node')} AS node, local, [topic IN topics | ${entityProjection('topic')}] AS topics`,
      { industryId, countyId },
    ),
  );
}

/** R&D partners of each segment with the basis of the partnership (COOPERATION, PROJECT). */
export async function findSegmentRdPartners(database: Database, industryId: string, countyId: string): Promise<MemberRow[]> {
  return memberRows(
    await database.read(
      `${SEGMENTS_OF_INDUSTRY}
       CALL (segment) {
         MATCH (segment)<-[:IN_SEGMENT]-(:Enterprise)-[:COOPERATES_WITH]-(node)
         WHERE node:University OR node:ResearchInstitute
         RETURN node, 'COOPERATION' AS basis
         UNION
         MATCH ${SEGMENT_TOPIC}<-[:ON_TOPIC]-(:Project)<-[:LEADS|PARTICIPATES_IN]-(node)
         WHERE node:University OR node:ResearchInstitute
         RETURN node, 'PROJECT' AS basis
       }
       WITH county, segment, node, collect(DISTINCT basis) AS basis
       WITH segment, node, basis, ${LOCAL_ORGANIZATION('node')} AS local
       ORDER BY segment.id, size(basis) DESC, local DESC, node.name, node.id
       RETURN segment.id AS segmentId, ${entityProjection('node')} AS node, local, [] AS topics, basis`,
      { industryId, countyId },
    ),
  );
}

const findSegmentWorkRow = z.object({ segmentId: z.string(), projects: z.array(entitySchema), patents: z.array(entitySchema) });

/** Projects and patents on each segment's topics, newest first. */
export async function findSegmentWork(database: Database, industryId: string): Promise<Array<{ segmentId: string; projects: EntityModel[]; patents: EntityModel[] }>> {
  const rows = await database.read(
    `MATCH (industry:Industry {id: $industryId})-[:HAS_SEGMENT]->(segment:ChainSegment)
     CALL (segment) {
       OPTIONAL MATCH ${SEGMENT_TOPIC}<-[:ON_TOPIC]-(project:Project)
       WITH DISTINCT project ORDER BY project.startYear DESC, project.id
       RETURN collect(${entityProjection('project')}) AS projects
     }
     CALL (segment) {
       OPTIONAL MATCH ${SEGMENT_TOPIC}<-[:ON_TOPIC]-(patent:Patent)
       WITH DISTINCT patent ORDER BY patent.filedYear DESC, patent.id
       RETURN collect(${entityProjection('patent')}) AS patents
     }
     RETURN segment.id AS segmentId, projects, patents`,
    { industryId },
  );
  return parseRows(findSegmentWorkRow, rows, 'findSegmentWork');
}

const clusterIndustriesRow = z.object({ industry: entitySchema });

/** The industries of a cluster, by name. */
export async function findClusterIndustries(database: Database, clusterId: string): Promise<EntityModel[]> {
  const rows = await database.read(
    `MATCH (:IndustryCluster {id: $clusterId})<-[:IN_CLUSTER]-(industry:Industry)
     RETURN ${entityProjection('industry')} AS industry ORDER BY industry.name, industry.id`,
    { clusterId },
  );
  return parseRows(clusterIndustriesRow, rows, 'cluster industries').map((row) => row.industry);
}

const byQualificationRows = z.array(z.object({ qualification: storedEnum('EnterpriseQualification'), count: z.number() }));

/** Local enterprises of a cluster's industries (IN_INDUSTRY or IN_SEGMENT), counted in all and by qualification. */
export async function countClusterEnterprises(
  database: Database,
  clusterId: string,
  countyId: string,
): Promise<{ total: number; byQualification: Array<{ qualification: StoredEnumValue<'EnterpriseQualification'>; count: number }> }> {
  const rows = await database.read(
    `MATCH (county:Region {id: $countyId})
     MATCH (:IndustryCluster {id: $clusterId})<-[:IN_CLUSTER]-(industry:Industry)
     CALL (industry) {
       MATCH (industry)<-[:IN_INDUSTRY]-(enterprise:Enterprise) RETURN enterprise
       UNION
       MATCH (industry)-[:HAS_SEGMENT]->(:ChainSegment)<-[:IN_SEGMENT]-(enterprise:Enterprise) RETURN enterprise
     }
     WITH DISTINCT county, enterprise
     WHERE ${LOCAL_ORGANIZATION('enterprise')}
     WITH collect(enterprise) AS enterprises
     RETURN size(enterprises) AS total,
            [qualification IN $qualifications |
              {qualification: qualification, count: size([e IN enterprises WHERE qualification IN coalesce(e.qualifications, [])])}] AS byQualification`,
    { clusterId, countyId, qualifications: STORED_ENUMS.EnterpriseQualification },
  );
  return { total: Number(rows[0]?.total ?? 0), byQualification: rows[0] ? byQualificationRows.parse(rows[0].byQualification) : [] };
}

