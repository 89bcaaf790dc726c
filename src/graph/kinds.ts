/**
 * The graph's vocabulary: every node kind (a Neo4j label) and relationship type, with the kinds each
 * relationship may connect. The importer, the migrations and global ids all read this one list.
 */

export const ORGANIZATION_KINDS = ['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'GovernmentAgency'] as const;

export const NODE_KINDS = [
  ...ORGANIZATION_KINDS,
  'Expert',
  'IndustryCluster',
  'Industry',
  'ChainSegment',
  'Topic',
  'Project',
  'Patent',
  'Demand',
  'Policy',
  'Indicator',
  'Region',
] as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type NodeKind = (typeof NODE_KINDS)[number];

/** Every node carries this label besides its kind, so any id can be found through one unique index. */
export const ENTITY_LABEL = 'Entity';
/** Organisations also carry this label. */
export const ORGANIZATION_LABEL = 'Organization';

const organizations: readonly NodeKind[] = ORGANIZATION_KINDS;
const actors: readonly NodeKind[] = [...ORGANIZATION_KINDS, 'Expert'];

/** Relationship types with the node kinds allowed at each end (from → to). */
export const RELATIONSHIP_TYPES = {
  LOCATED_IN: { from: organizations, to: ['Region'] },
  PART_OF: { from: ['Region'], to: ['Region'] },
  IN_ZONE: { from: ['Region'], to: ['Region'] },
  AFFILIATED_WITH: { from: ['Expert'], to: organizations },
  HAS_EXPERTISE: { from: ['Expert'], to: ['Topic'] },
  FOCUSES_ON: { from: organizations, to: ['Topic'] },
  COOPERATES_WITH: { from: organizations, to: organizations },
  HOSTS: { from: organizations, to: ['Platform'] },
  SERVES: { from: ['Platform'], to: ['Industry'] },
  IN_CLUSTER: { from: ['Industry'], to: ['IndustryCluster'] },
  HAS_SEGMENT: { from: ['Industry'], to: ['ChainSegment'] },
  UPSTREAM_OF: { from: ['ChainSegment'], to: ['ChainSegment'] },
  IN_SEGMENT: { from: ['Enterprise'], to: ['ChainSegment'] },
  IN_INDUSTRY: { from: ['Enterprise'], to: ['Industry'] },
  REQUIRES: { from: ['ChainSegment', 'Demand'], to: ['Topic'] },
  LEADS: { from: actors, to: ['Project'] },
  PARTICIPATES_IN: { from: actors, to: ['Project'] },
  ON_TOPIC: { from: ['Project', 'Patent'], to: ['Topic'] },
  FOR_INDUSTRY: { from: ['Project', 'Demand', 'Policy'], to: ['Industry'] },
  OWNS: { from: organizations, to: ['Patent'] },
  INVENTED: { from: ['Expert'], to: ['Patent'] },
  POSTED: { from: ['Enterprise', 'GovernmentAgency'], to: ['Demand'] },
  TAKEN_BY: { from: ['Demand'], to: actors },
  ISSUED: { from: ['GovernmentAgency'], to: ['Policy'] },
  BENEFITS: { from: ['Policy'], to: [...actors, 'Industry'] },
  BROADER: { from: ['Topic'], to: ['Topic'] },
  CONTRIBUTES_TO: { from: ['IndustryCluster'], to: ['Indicator'] },
  MEASURES: { from: ['Indicator'], to: ['Region'] },
} as const satisfies Record<string, { from: readonly NodeKind[]; to: readonly NodeKind[] }>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
// Object.keys types its result string[]; the keys are exactly RELATIONSHIP_TYPES', declared above.
export const RELATIONSHIP_TYPE_NAMES = Object.keys(RELATIONSHIP_TYPES) as RelationshipType[];

/** The labels a node of `kind` carries, in the order they are written. */
export function labelsOf(kind: NodeKind): string[] {
  return ORGANIZATION_KINDS.some((organizationKind) => organizationKind === kind) ? [ENTITY_LABEL, ORGANIZATION_LABEL, kind] : [ENTITY_LABEL, kind];
}

export function isNodeKind(value: string): value is NodeKind {
  return NODE_KINDS.some((kind) => kind === value);
}

/** A kind's GraphQL enum value: `ResearchInstitute` → `RESEARCH_INSTITUTE` (an underscore where lower case meets upper). */
type EnumValueName<TName extends string, TPrevious extends string = ''> = TName extends `${infer THead}${infer TTail}`
  ? `${TPrevious extends '' ? '' : TPrevious extends Lowercase<TPrevious> ? (THead extends Uppercase<THead> ? '_' : '') : ''}${Uppercase<THead>}${EnumValueName<TTail, THead>}`
  : '';

// Object.fromEntries types its result with string keys; each key is the EnumValueName of its value.
const kindEnumValues = <TKind extends NodeKind>(names: readonly TKind[]) =>
  Object.fromEntries(names.map((name) => [name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(), name])) as { [TName in TKind as EnumValueName<TName>]: TName };

/**
 * GraphQL enums whose resolvers see other values than the schema shows: talent cards as stored, kinds as node
 * labels. Used by codegen (for the types) and by the resolvers (for the values).
 */
export const GRAPHQL_ENUM_VALUES = {
  TalentCard: { A_CARD: 'A', B_CARD: 'B' },
  OrganizationKind: kindEnumValues(ORGANIZATION_KINDS),
  EntityKind: kindEnumValues(NODE_KINDS),
  MatchCandidateKind: kindEnumValues(['University', 'ResearchInstitute', 'Enterprise', 'Platform', 'Expert']),
  Role: { VIEWER: 'viewer', EDITOR: 'editor', ADMIN: 'admin' },
} as const;

type EnumValueOf<TEnum extends keyof typeof GRAPHQL_ENUM_VALUES> = (typeof GRAPHQL_ENUM_VALUES)[TEnum][keyof (typeof GRAPHQL_ENUM_VALUES)[TEnum]];

/** The values resolvers return for the enums above: the codegen mappers of these enums (see codegen.ts). */
export type TalentCardValue = EnumValueOf<'TalentCard'>;
export type OrganizationKindValue = EnumValueOf<'OrganizationKind'>;
export type EntityKindValue = EnumValueOf<'EntityKind'>;
export type MatchCandidateKindValue = EnumValueOf<'MatchCandidateKind'>;
export type RoleValue = EnumValueOf<'Role'>;
