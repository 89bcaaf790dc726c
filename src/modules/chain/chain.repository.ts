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
  const [industryIds, local] = await Promise.all([
    findChainIndustryIds(database),
    database.read(
      `MATCH (:Region {id: $countyId})<-[:PART_OF*0..]-(:Region)<-[:LOCATED_IN]-(enterprise:Enterprise)-[:IN_SEGMENT]->(:ChainSegment)<-[:HAS_SEGMENT]-(industry:Industry)
       RETURN industry.id AS id, count(DISTINCT enterprise) AS localEnterprises`,
      { countyId },
    ),
  ]);
  const counts = new Map(parseRows(localEnterprisesPerChainRow, local, 'local enterprises per chain').map((row) => [row.id, row.localEnterprises]));
  return industryIds.map((id) => ({ id, localEnterprises: counts.get(id) ?? 0 }));
}

/** The ids of every industry with a chain (at least one segment), in id order. */
export async function findChainIndustryIds(database: Database): Promise<string[]> {
  const rows = await database.read('MATCH (industry:Industry) WHERE EXISTS { (industry)-[:HAS_SEGMENT]->(:ChainSegment) } RETURN industry.id AS id ORDER BY id');
  return parseRows(chainIndustriesRow, rows, 'chain industries').map((row) => row.id);
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

/** What a segment's support owes to the county: its members located there (experts: affiliated with an organisation there). */
interface LocalSupport {
  segmentId: string;
  localEnterprises: number;
  localEnterpriseIds: string[];
  localExperts: number;
  localExpertIds: string[];
}
/** The segment's members in all, wherever they are, and the topics it requires (to find the county's experts on them). */
const membersSupportRow = z.object({ segmentId: z.string(), enterprises: z.number(), experts: z.number(), requiredTopicIds: z.array(z.string()) });
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
/** The part of a segment's support that does not depend on the county: the same for every county's view of the chain. */
type IndustrySupportRow = z.output<typeof membersSupportRow> & z.output<typeof researchSupportRow> & z.output<typeof workSupportRow>;
export type SupportRow = Omit<IndustrySupportRow, 'requiredTopicIds'> & LocalSupport;

/** A chain's segments, each with its topics (see the module comment), for the support queries. */
const SEGMENTS_WITH_TOPICS = `MATCH (industry:Industry {id: $industryId})-[:HAS_SEGMENT]->(segment:ChainSegment)
     CALL (segment) {
       OPTIONAL MATCH ${SEGMENT_TOPIC}
       RETURN collect(DISTINCT topic) AS topics
     }`;

/**
 * Every segment's support that does not depend on the county — its enterprises and experts in all, R&D partners,
 * research organisations, platforms, projects and patents — counted in Cypher (the same definitions as the member
 * queries below, which list them), with the ids of the supporters a gap candidate must not be: at most
 * `supporterLimit` of each, enough for any gap (a dimension has a gap only while its count is below its minimum).
 *
 * Counted in three queries run side by side (Neo4j Community runs a query on one core): a large chain's support at a
 * million nodes walks some 10⁶ relationships, about a second in one query; each part repeats only the segments and
 * their topics (a few ms). A write between the parts (a segment added or removed) has the whole counted again, once.
 */
async function queryIndustrySupport(
  database: Database,
  industryId: string,
  options: { recentSince: number; supporterLimit: number },
  attempt = 1,
): Promise<IndustrySupportRow[]> {
  const params = { industryId, recentSince: options.recentSince, supporterLimit: options.supporterLimit };
  const [members, research, work] = await Promise.all([
    database.read(
      `${SEGMENTS_WITH_TOPICS}
       CALL (segment) {
         MATCH (segment)<-[:IN_SEGMENT]-(node:Enterprise)
         RETURN count(DISTINCT node) AS enterprises
       }
       CALL (topics) {
         UNWIND topics AS topic
         // Only experts have expertise (the format's HAS_EXPERTISE): no label to check per holder.
         MATCH (topic)<-[:HAS_EXPERTISE]-(node)
         RETURN count(DISTINCT node) AS experts
       }
       RETURN segment.id AS segmentId, enterprises, experts, [(segment)-[:REQUIRES]->(required:Topic) | required.id] AS requiredTopicIds`,
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
  const rows = parseRows(membersSupportRow, members, 'segment support (members)').map((row) => {
    const researchRow = researchOf.get(row.segmentId);
    const workRow = workOf.get(row.segmentId);
    return researchRow && workRow ? { ...row, ...researchRow, ...workRow } : null;
  });
  if (rows.length === researchOf.size && rows.length === workOf.size && rows.every((row) => row !== null)) return rows;
  // A write between the parts (a segment added or removed): counted again, once, from the graph as it is now.
  if (attempt < 2) return queryIndustrySupport(database, industryId, options, attempt + 1);
  throw new Error(`segment support of ${industryId}: its segments changed while they were counted, twice`);
}

const countyMembersRow = z.object({
  enterprises: z.array(z.tuple([z.string(), z.array(z.string())])),
  experts: z.array(z.tuple([z.string(), z.array(z.string())])),
});

/** A county's members as every chain's support needs them: its enterprises per segment, its experts per required topic. */
interface CountyMembers {
  /** The ids of the enterprises located in the county (or its parts), per segment they work in. */
  enterprisesBySegment: Map<string, string[]>;
  /**
   * The ids of the experts affiliated with an organisation located there, per topic some segment requires that they
   * hold or hold a narrower topic of (BROADER*0..).
   */
  expertsByRequiredTopic: Map<string, string[]>;
}

/**
 * What a county's view of any chain needs from the county (see the module comment for "local"), walked from its side —
 * what is located in it or its parts, those organisations' segments, their experts' topics up to the topics segments
 * require — which holds far fewer members than a province's chains: at a million nodes a county of 13 651 located
 * organisations reads some 10 000 enterprises' segments and 7 750 experts' 26 000 holds in a few hundred milliseconds,
 * once for all its chains. Walked towards the industry instead, the broad topics a chain requires led through every
 * segment of every industry that requires them (54 million rows for one chain).
 */
async function queryCountyMembers(database: Database, countyId: string): Promise<CountyMembers> {
  const rows = await database.read(
    `MATCH (county:Region {id: $countyId})
     CALL (county) {
       MATCH (region:Region)-[:PART_OF*0..]->(county)
       MATCH (region)<-[:LOCATED_IN]-(located)
       RETURN collect(DISTINCT located) AS countyLocated
     }
     CALL (countyLocated) {
       UNWIND countyLocated AS node
       MATCH (node:Enterprise)-[:IN_SEGMENT]->(segment:ChainSegment)
       WITH segment, collect(DISTINCT node.id) AS ids
       RETURN collect([segment.id, ids]) AS enterprises
     }
     CALL (countyLocated) {
       UNWIND countyLocated AS organization
       MATCH (organization)<-[:AFFILIATED_WITH]-(expert:Expert)
       WITH DISTINCT expert
       MATCH (expert)-[:HAS_EXPERTISE]->(topic:Topic)
       WITH topic, collect(DISTINCT expert.id) AS experts
       MATCH (topic)-[:BROADER*0..]->(required:Topic)
       WHERE EXISTS { (required)<-[:REQUIRES]-(:ChainSegment) }
       UNWIND experts AS expertId
       WITH required, collect(DISTINCT expertId) AS ids
       RETURN collect([required.id, ids]) AS experts
     }
     RETURN enterprises, experts`,
    { countyId },
  );
  const [row] = parseRows(countyMembersRow, rows, 'county members');
  return { enterprisesBySegment: new Map(row?.enterprises ?? []), expertsByRequiredTopic: new Map(row?.experts ?? []) };
}

/** The safety-net time to live of a chain's support counts (a write by this process or another drops them; see `DerivedCache`). */
const SUPPORT_TTL_MS = KEPT_VALUES_TTL_MS;
/**
 * Industries (× year × limit) whose county-independent support is kept per database: enough for every chain of a
 * province (167 at a million generated nodes), which the keep-warm round counts ahead (see `warmIndustrySupport`);
 * a chain's rows are a few numbers and ids per segment.
 */
const INDUSTRY_SUPPORT_KEYS = 4096;
/** Counties whose members are kept per database, and at most so many ids in all (the default county of 1M: about 50 000). */
const COUNTY_MEMBERS_KEYS = 16;
const COUNTY_MEMBER_IDS = 1_000_000;

const industrySupportCache = new DerivedCache<IndustrySupportRow[], string>(
  (database, key) => {
    const [industryId, recentSince, supporterLimit] = JSON.parse(key) as [string, number, number];
    return queryIndustrySupport(database, industryId, { recentSince, supporterLimit });
  },
  SUPPORT_TTL_MS,
  INDUSTRY_SUPPORT_KEYS,
);

const countyMembersCache = new DerivedCache<CountyMembers, string>(queryCountyMembers, SUPPORT_TTL_MS, COUNTY_MEMBERS_KEYS, {
  of: (members) => [...members.enterprisesBySegment.values(), ...members.expertsByRequiredTopic.values()].reduce((sum, ids) => sum + ids.length, 0),
  max: COUNTY_MEMBER_IDS,
});

/**
 * The county-independent part of every segment's support (see `queryIndustrySupport`), kept per industry until a
 * write by this process or another (see `DerivedCache`): counting a large chain's members takes a second at a million
 * nodes, and every county's view of the chain shares it.
 */
export async function findIndustrySupport(database: Database, industryId: string, options: { recentSince: number; supporterLimit: number }): Promise<void> {
  await industrySupportCache.get(database, JSON.stringify([industryId, options.recentSince, options.supporterLimit]));
}

/**
 * Every segment's support: the industry's part (see `queryIndustrySupport`) joined with the county's members (see
 * `queryCountyMembers`), each kept until a write; one row per segment of the industry's part.
 */
export async function findSegmentSupport(database: Database, industryId: string, countyId: string, options: { recentSince: number; supporterLimit: number }): Promise<SupportRow[]> {
  const [industry, county] = await Promise.all([
    industrySupportCache.get(database, JSON.stringify([industryId, options.recentSince, options.supporterLimit])),
    countyMembersCache.get(database, countyId),
  ]);
  return industry.map(({ requiredTopicIds, ...row }) => {
    const enterprises = county.enterprisesBySegment.get(row.segmentId) ?? [];
    const experts = [...new Set(requiredTopicIds.flatMap((topicId) => county.expertsByRequiredTopic.get(topicId) ?? []))];
    return {
      ...row,
      localEnterprises: enterprises.length,
      localEnterpriseIds: enterprises.slice(0, options.supporterLimit),
      localExperts: experts.length,
      localExpertIds: experts.slice(0, options.supporterLimit),
    };
  });
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

