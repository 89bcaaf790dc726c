import type { Resolvers } from '../generated/graphql.js';
import { GRAPHQL_ENUM_VALUES } from '../graph/kinds.js';
import { scalarResolvers } from '../graphql/scalars.js';
import { nodeResolvers } from './node/node.resolvers.js';
import { organizationMutationResolvers, organizationResolvers } from './organization/organization.resolvers.js';
import { expertMutationResolvers, expertResolvers } from './expert/expert.resolvers.js';
import { industryResolvers } from './industry/industry.resolvers.js';
import { topicResolvers } from './topic/topic.resolvers.js';
import { projectResolvers } from './project/project.resolvers.js';
import { demandMutationResolvers, demandResolvers } from './demand/demand.resolvers.js';
import { policyResolvers } from './policy/policy.resolvers.js';
import { regionResolvers } from './region/region.resolvers.js';
import { searchResolvers } from './search/search.resolvers.js';
import { matchingResolvers } from './matching/matching.resolvers.js';
import { chainResolvers } from './chain/chain.resolvers.js';
import { linksResolvers } from './links/links.resolvers.js';
import { exportResolvers } from './export/export.resolvers.js';
import { auditResolvers } from './audit/audit.resolvers.js';

/** Enum values the resolvers see differently from the schema (see GRAPHQL_ENUM_VALUES). */
const enumResolvers: Resolvers = { ...GRAPHQL_ENUM_VALUES };

/** Every module's resolvers; Apollo merges them. */
export const resolvers: Resolvers[] = [
  scalarResolvers,
  enumResolvers,
  nodeResolvers,
  organizationResolvers,
  expertResolvers,
  industryResolvers,
  topicResolvers,
  projectResolvers,
  demandResolvers,
  policyResolvers,
  regionResolvers,
  searchResolvers,
  matchingResolvers,
  chainResolvers,
  linksResolvers,
  exportResolvers,
  organizationMutationResolvers,
  expertMutationResolvers,
  demandMutationResolvers,
  auditResolvers,
];
