/**
 * The seed file format (seeds/README.md), as validators. The JSON Schema in seeds/format.schema.json is
 * generated from these by `npm run codegen`, so the docs and the importer agree by construction.
 */
import { z } from 'zod';
import { NODE_KINDS, RELATIONSHIP_TYPE_NAMES, RELATIONSHIP_TYPES, type NodeKind, type RelationshipType } from './kinds.js';
import { isCalendarDate } from '../clock.js';

export const FORMAT_VERSION = 1;

export { DERIVED_PROPERTIES } from '../graph/derived.js';

const id = z.string().regex(/^[a-z][a-z0-9-]*(:[a-z0-9-]+)+$/, 'an id like "expert:zhang-san" (lowercase ASCII, prefix:slug)');
const source = z.string().trim().min(1, 'a non-empty provenance, e.g. "speech §二.2" or "illustrative (fictional)"');
const text = z.string().trim().min(1);
const optionalText = text.nullish();
const year = z.number().int().min(1900).max(2100);
const money = z.number().min(0);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine(isCalendarDate, 'a real calendar date');
const aliases = z.array(text).nullish();
const indicatorCode = z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'an upper-case code such as HIGH_TECH_ENTERPRISES');
/** A web address people may click: http or https only (no javascript:, data: or file: URLs). */
const webAddress = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http(s) URL such as https://www.example.edu.cn');
const phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'a phone number: digits, spaces, brackets and hyphens, optionally starting with +');
const email = z.string().trim().max(254).pipe(z.email('an e-mail address such as name@example.cn'));
const setOf = <T extends [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).refine((items) => new Set(items).size === items.length, 'no repeated values');

export const ENUMS = {
  EnterpriseQualification: ['ABOVE_DESIGNATED_SIZE', 'HIGH_TECH', 'TECH_SME', 'SPECIALIZED', 'LEADING'],
  PlatformKind: [
    'STAR_CREATION_SPACE',
    'EXPERT_COURTYARD',
    'SME_SERVICE_CENTER',
    'MAKER_SPACE',
    'INCUBATOR',
    'ACCELERATOR',
    'INNOVATION_CENTER',
    'TESTING_CENTER',
    'TALENT_SERVICE',
    'JOINT_LAB',
  ],
  PlatformLevel: ['NATIONAL', 'MUNICIPAL', 'COUNTY'],
  ExpertKind: ['LEADING', 'YOUNG', 'URGENTLY_NEEDED', 'LOCAL_SKILLED', 'NATIVE_ABROAD', 'SUPPORT_TEAM'],
  TalentCard: ['A', 'B'],
  TalentProgramme: ['WESTERN_LIGHT', 'THREE_GORGES_LIGHT', 'BAYU_CRAFTSMAN'],
  ChainPosition: ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'],
  ProjectLevel: ['NATIONAL', 'MUNICIPAL', 'COUNTY'],
  ProjectMode: ['REGULAR', 'OPEN_CHALLENGE', 'HORSE_RACE'],
  PatentKind: ['INVENTION', 'UTILITY_MODEL', 'DESIGN'],
  DemandMode: ['REGULAR', 'OPEN_CHALLENGE'],
  DemandStatus: ['OPEN', 'MATCHED', 'IN_PROGRESS', 'CLOSED'],
  PolicyKind: ['SUPPORT_POLICY', 'VOUCHER', 'MANAGEMENT_MEASURE', 'ACTION_PLAN'],
  RegionKind: ['MUNICIPALITY', 'COUNTY', 'DISTRICT', 'TOWNSHIP', 'PROVINCE', 'COOPERATION_ZONE'],
  ExpertiseLevel: ['BASIC', 'ADVANCED', 'EXPERT'],
  CooperationKind: ['INDUSTRY_ACADEMIA', 'LONG_TERM_AGREEMENT', 'JOINT_LAB', 'JOINT_PROJECT', 'TECH_SERVICE'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

const organization = { id, name: text, aliases, description: optionalText, website: webAddress.nullish(), source };

/** The fields of each node kind's records. */
export const NODE_SCHEMAS = {
  University: z.strictObject(organization),
  ResearchInstitute: z.strictObject(organization),
  GovernmentAgency: z.strictObject(organization),
  Enterprise: z.strictObject({
    ...organization,
    qualifications: setOf([...ENUMS.EnterpriseQualification]).nullish(),
    foundedYear: year,
    employees: z.number().int().min(0),
    rdSpending: money,
    revenue: money.nullish(),
  }),
  Platform: z.strictObject({
    ...organization,
    kind: z.enum(ENUMS.PlatformKind),
    level: z.enum(ENUMS.PlatformLevel),
    establishedYear: year.nullish(),
  }),
  Expert: z.strictObject({
    id,
    name: text,
    title: text,
    kinds: setOf([...ENUMS.ExpertKind]).nullish(),
    talentCard: z.enum(ENUMS.TalentCard).nullish(),
    programmes: setOf([...ENUMS.TalentProgramme]).nullish(),
    flexibleEngagement: z.boolean().default(false),
    description: optionalText,
    phone: phone.nullish(),
    email: email.nullish(),
    source,
  }),
  IndustryCluster: z.strictObject({ id, name: text, aliases, description: optionalText, source }),
  Industry: z.strictObject({ id, name: text, aliases, description: optionalText, source }),
  ChainSegment: z.strictObject({
    id,
    name: text,
    position: z.enum(ENUMS.ChainPosition),
    order: z.number().int().min(1).max(100),
    description: optionalText,
    source,
  }),
  Topic: z.strictObject({ id, name: text, aliases, description: optionalText, source }),
  Project: z.strictObject({
    id,
    name: text,
    level: z.enum(ENUMS.ProjectLevel),
    mode: z.enum(ENUMS.ProjectMode),
    startYear: year,
    endYear: year.nullish(),
    funding: money,
    description: optionalText,
    source,
  }),
  Patent: z.strictObject({
    id,
    title: text,
    number: text,
    kind: z.enum(ENUMS.PatentKind),
    filedYear: year,
    grantedYear: year.nullish(),
    description: optionalText,
    source,
  }),
  Demand: z.strictObject({
    id,
    title: text,
    description: optionalText,
    mode: z.enum(ENUMS.DemandMode),
    budget: money,
    postedOn: date,
    deadline: date.nullish(),
    status: z.enum(ENUMS.DemandStatus),
    source,
  }),
  Policy: z.strictObject({
    id,
    name: text,
    kind: z.enum(ENUMS.PolicyKind),
    year,
    description: optionalText,
    source,
  }),
  Indicator: z.strictObject({
    id,
    /** A stable code (e.g. HIGH_TECH_ENTERPRISES): chooses the formula that derives the current value, if any. */
    code: indicatorCode.nullish(),
    name: text,
    unit: text,
    description: optionalText,
    baselineYear: year,
    baselineValue: z.number(),
    targetYear: year,
    targetValue: z.number(),
    recordedYear: year.nullish(),
    recordedValue: z.number().nullish(),
    source,
  }),
  Region: z.strictObject({
    id,
    name: text,
    kind: z.enum(ENUMS.RegionKind),
    population: z.number().int().min(0).nullish(),
    description: optionalText,
    source,
  }),
} as const satisfies Record<NodeKind, z.ZodType>;

const endpoints = { from: id, to: id, source };

/** The properties of each relationship type's records (besides from, to and source). */
export const RELATIONSHIP_SCHEMAS = {
  LOCATED_IN: z.strictObject(endpoints),
  PART_OF: z.strictObject(endpoints),
  IN_ZONE: z.strictObject(endpoints),
  AFFILIATED_WITH: z.strictObject({ ...endpoints, role: optionalText, primary: z.boolean().default(false), since: year.nullish() }),
  HAS_EXPERTISE: z.strictObject({ ...endpoints, level: z.enum(ENUMS.ExpertiseLevel) }),
  FOCUSES_ON: z.strictObject(endpoints),
  COOPERATES_WITH: z.strictObject({ ...endpoints, kind: z.enum(ENUMS.CooperationKind), since: year }),
  HOSTS: z.strictObject(endpoints),
  SERVES: z.strictObject(endpoints),
  IN_CLUSTER: z.strictObject(endpoints),
  HAS_SEGMENT: z.strictObject(endpoints),
  UPSTREAM_OF: z.strictObject(endpoints),
  IN_SEGMENT: z.strictObject(endpoints),
  IN_INDUSTRY: z.strictObject(endpoints),
  REQUIRES: z.strictObject(endpoints),
  LEADS: z.strictObject(endpoints),
  PARTICIPATES_IN: z.strictObject({ ...endpoints, role: optionalText }),
  ON_TOPIC: z.strictObject(endpoints),
  FOR_INDUSTRY: z.strictObject(endpoints),
  OWNS: z.strictObject(endpoints),
  INVENTED: z.strictObject(endpoints),
  POSTED: z.strictObject(endpoints),
  TAKEN_BY: z.strictObject({ ...endpoints, since: date.nullish() }),
  ISSUED: z.strictObject(endpoints),
  BENEFITS: z.strictObject(endpoints),
  BROADER: z.strictObject(endpoints),
  CONTRIBUTES_TO: z.strictObject(endpoints),
  MEASURES: z.strictObject(endpoints),
} as const satisfies Record<RelationshipType, z.ZodType>;

/** The envelope of every data file. */
export function fileSchema(record: z.ZodType) {
  return z.strictObject({ formatVersion: z.literal(FORMAT_VERSION), records: z.array(record) });
}

export const datasetManifestSchema = z.strictObject({
  formatVersion: z.literal(FORMAT_VERSION),
  name: text,
  description: optionalText,
});

/** The JSON Schema of the whole format: one definition per file kind. */
export function formatJsonSchema(): Record<string, unknown> {
  const definitions: Record<string, unknown> = { 'dataset.json': z.toJSONSchema(datasetManifestSchema, { io: 'input' }) };
  for (const kind of NODE_KINDS) definitions[`nodes/${kind}.json`] = z.toJSONSchema(fileSchema(NODE_SCHEMAS[kind]), { io: 'input' });
  for (const type of RELATIONSHIP_TYPE_NAMES) {
    const schema: Record<string, unknown> = { ...z.toJSONSchema(fileSchema(RELATIONSHIP_SCHEMAS[type]), { io: 'input' }) };
    const ends = RELATIONSHIP_TYPES[type];
    schema.description = `${type}: from ${ends.from.join(' | ')} to ${ends.to.join(' | ')} (ids of records of those kinds)`;
    definitions[`relationships/${type}.json`] = schema;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Innovation graph seed format, version ${FORMAT_VERSION}`,
    description: 'Each entry of "files" is the JSON Schema of one file of a dataset folder (see seeds/README.md).',
    files: definitions,
  };
}
