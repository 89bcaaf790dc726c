/** Create, update and delete of organisations and of cooperation links between them. */
import type { EntityModel } from '../../graph/entity.js';
import { z } from 'zod';
import type {
  CooperationCreateInput,
  CooperationDeleteInput,
  CooperationKind,
  CooperationUpdateInput,
  OrganizationCreateInput,
  OrganizationUpdateInput,
} from '../../generated/graphql.js';
import { NODE_KINDS, ORGANIZATION_KINDS, type NodeKind, type OrganizationKind } from '../../graph/kinds.js';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../neo4j/database.js';
import { recordsOf } from '../../neo4j/values.js';
import { parseRows } from '../../graph/rows.js';
import { kindOf } from '../../graph/projection.js';
import { RELATIONSHIP_SCHEMAS } from '../../graph/format.js';
import { appendChange } from '../shared/change-log.js';
import type { LinkSnapshot } from '../shared/change-log.model.js';
import {
  UserErrorsException,
  deleteNode,
  existingTarget,
  lockNode,
  type DeletionModel,
  type Writer,
  mergeForUpdate,
  newRecordId,
  resolveReferences,
  validateRecord,
  createEntity,
  updateEntity,
  type LinkSet,
  type Reference,
} from '../shared/mutations.js';
import { findEntitiesByIds } from '../../graph/entities.js';

const ID_PREFIX: Record<OrganizationKind, string> = {
  University: 'univ',
  ResearchInstitute: 'inst',
  Enterprise: 'ent',
  Platform: 'plat',
  GovernmentAgency: 'agency',
};

/** Links that describe an organisation and go with it on delete; any other link is another object's reference to it. */
function ownLinks(kind: OrganizationKind): string[] {
  return kind === 'Platform' ? ['LOCATED_IN', 'FOCUSES_ON', 'SERVES', 'HOSTS'] : ['LOCATED_IN', 'FOCUSES_ON', 'IN_INDUSTRY', 'IN_SEGMENT'];
}

type Input = OrganizationCreateInput | OrganizationUpdateInput;

/** Input fields that are references, with the relationship each becomes and the kinds it accepts. */
const LINK_FIELDS: Array<{ field: 'region' | 'topics' | 'industries' | 'segments' | 'hosts'; type: LinkSet['type']; direction: LinkSet['direction']; kinds: readonly NodeKind[]; only?: OrganizationKind }> = [
  { field: 'region', type: 'LOCATED_IN', direction: 'out', kinds: ['Region'] },
  { field: 'topics', type: 'FOCUSES_ON', direction: 'out', kinds: ['Topic'] },
  { field: 'industries', type: 'IN_INDUSTRY', direction: 'out', kinds: ['Industry'], only: 'Enterprise' },
  { field: 'segments', type: 'IN_SEGMENT', direction: 'out', kinds: ['ChainSegment'], only: 'Enterprise' },
  { field: 'hosts', type: 'HOSTS', direction: 'in', kinds: ORGANIZATION_KINDS, only: 'Platform' },
];
const PLATFORM_INDUSTRIES = { field: 'industries', type: 'SERVES', direction: 'out', kinds: ['Industry'] } as const;
const REFERENCE_FIELDS = new Set(['region', 'topics', 'industries', 'segments', 'hosts', 'id', 'kind', 'slug']);

/** Reads the input's reference fields into link sets (only those given), checking each id. */
async function linkSetsOf(database: Database, kind: OrganizationKind, input: Input): Promise<LinkSet[]> {
  const fields = LINK_FIELDS.map((link) => (link.field === 'industries' && kind === 'Platform' ? PLATFORM_INDUSTRIES : link)).filter(
    (link) => input[link.field] !== undefined && input[link.field] !== null,
  );
  const misplaced = fields.filter((link) => 'only' in link && link.only && link.only !== kind);
  if (misplaced.length > 0) {
    throw new UserErrorsException(misplaced.map((link) => ({ field: ['input', link.field], message: `${link.field}: not a field of a ${kind}`, code: 'INVALID_INPUT' as const })));
  }
  const references: Reference[] = [];
  const owners: number[] = [];
  fields.forEach((link, index) => {
    const value = input[link.field];
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    values.forEach((globalId, position) => {
      references.push({ field: ['input', link.field, ...(Array.isArray(value) ? [String(position)] : [])], globalId, kinds: link.kinds });
      owners.push(index);
    });
  });
  const ids = await resolveReferences(database, references);
  return fields.map((link, index) => ({
    type: link.type,
    direction: link.direction,
    targets: ids.flatMap((id, position) => (owners[position] === index ? [{ id, properties: { source: input.source ?? 'api' }, field: references[position]!.field }] : [])),
  }));
}

/** The record fields of the input (references and control fields removed; platformKind is the record's kind). */
function recordFieldsOf(input: Input): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (REFERENCE_FIELDS.has(key)) continue;
    fields[key === 'platformKind' ? 'kind' : key] = value;
  }
  return fields;
}

export async function createOrganization(writer: Writer, input: OrganizationCreateInput): Promise<EntityModel> {
  const kind = input.kind;
  const id = newRecordId(ID_PREFIX[kind], input.slug);
  const record = validateRecord(kind, { ...recordFieldsOf(input), id }, { kind: 'platformKind' });
  const links = await linkSetsOf(writer.database, kind, input);
  return createEntity(writer, kind, id, record, links);
}

export async function updateOrganization(writer: Writer, input: OrganizationUpdateInput): Promise<EntityModel> {
  const target = await existingTarget(writer.database, input.id, ORGANIZATION_KINDS);
  const kind = target.kind;
  const links = await linkSetsOf(writer.database, kind, input);
  return updateEntity(writer, target, (current) => validateRecord(kind, mergeForUpdate(current, recordFieldsOf(input)), { kind: 'platformKind' }), links);
}

export async function deleteOrganization(writer: Writer, input: { id: string; cascade?: boolean | null }): Promise<DeletionModel & { deletedId: string }> {
  const target = await existingTarget(writer.database, input.id, ORGANIZATION_KINDS);
  const deletion = await deleteNode(writer, target, ownLinks(target.kind), input.cascade ?? false);
  return { ...deletion, deletedId: input.id };
}

/** A cooperation link as the API returns it. */
export interface CooperationModel {
  from: EntityModel;
  to: EntityModel;
  kind: CooperationKind;
  since: number;
  source: string;
}

async function cooperationEnds(database: Database, input: { from: string; to: string }): Promise<[string, string]> {
  const [from, to] = await resolveReferences(database, [
    { field: ['input', 'from'], globalId: input.from, kinds: ORGANIZATION_KINDS },
    { field: ['input', 'to'], globalId: input.to, kinds: ORGANIZATION_KINDS },
  ]);
  if (from === to) throw new UserErrorsException([{ field: ['input', 'to'], message: 'to: an organisation cannot cooperate with itself', code: 'INVALID_INPUT' }]);
  return [from!, to!];
}

const cooperationLinkRow = z.object({ from: z.string(), to: z.string(), properties: z.record(z.string(), z.unknown()) });

/** The COOPERATES_WITH link between two organisations (either direction), read inside `transaction`. */
async function cooperationLink(transaction: ManagedTransaction, from: string, to: string, kind?: string): Promise<LinkSnapshot | null> {
  const result = await transaction.run(
    `MATCH (:Organization {id: $from})-[r:COOPERATES_WITH]-(:Organization {id: $to}) WHERE $kind IS NULL OR r.kind = $kind
     RETURN startNode(r).id AS from, endNode(r).id AS to, properties(r) AS properties`,
    { from, to, kind: kind ?? null },
  );
  const [link] = parseRows(cooperationLinkRow, recordsOf(result), 'cooperationLink');
  return link ? { type: 'COOPERATES_WITH', ...link } : null;
}

const cooperationPropertiesSchema = RELATIONSHIP_SCHEMAS.COOPERATES_WITH.omit({ from: true, to: true });

async function cooperationModel(database: Database, link: LinkSnapshot): Promise<CooperationModel> {
  const [fromEntity, toEntity] = await findEntitiesByIds(database, [link.from, link.to]);
  const properties = cooperationPropertiesSchema.parse(link.properties);
  if (!fromEntity || !toEntity) throw new Error(`cooperationModel: an end of ${link.from} → ${link.to} does not exist`);
  return { from: fromEntity, to: toEntity, kind: properties.kind, since: properties.since, source: properties.source };
}

function validCooperation(properties: Record<string, unknown>): Record<string, unknown> {
  const result = cooperationPropertiesSchema.safeParse(properties);
  if (result.success) return result.data;
  throw new UserErrorsException(
    result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'input');
      return { field: ['input', field], message: `${field}: ${issue.message}`, code: 'INVALID_INPUT' as const };
    }),
  );
}

const kindOfOrganizationRow = z.object({ kind: z.enum(NODE_KINDS) });

async function kindOfOrganization(transaction: ManagedTransaction, id: string): Promise<NodeKind> {
  const result = await transaction.run(`MATCH (n:Organization {id: $id}) RETURN ${kindOf('n')} AS kind`, { id });
  const [row] = parseRows(kindOfOrganizationRow, recordsOf(result), 'kindOfOrganization');
  if (!row) throw new Error(`kindOfOrganization: no organisation has the id ${id}`);
  return row.kind;
}

export async function createCooperation(writer: Writer, input: CooperationCreateInput): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(writer.database, input);
  const properties = validCooperation({ kind: input.kind, since: input.since, source: input.source });
  const link = await writer.database.writeTransaction(async (transaction) => {
    await lockNode(transaction, from);
    const existing = await cooperationLink(transaction, from, to);
    if (existing) {
      throw new UserErrorsException([
        { field: ['input'], message: `these organisations already cooperate (${String(existing.properties.kind)}); update or delete that link instead`, code: 'ALREADY_EXISTS' },
      ]);
    }
    await transaction.run('MATCH (a:Organization {id: $from}), (b:Organization {id: $to}) CREATE (a)-[r:COOPERATES_WITH]->(b) SET r = $properties', { from, to, properties });
    const after: LinkSnapshot = { type: 'COOPERATES_WITH', from, to, properties };
    await appendChange(transaction, writer.actor, writer.now, { action: 'LINK_CREATE', entityId: from, entityKind: await kindOfOrganization(transaction, from), before: null, after });
    return after;
  });
  return cooperationModel(writer.database, link);
}

function notFoundCooperation(input: { kind: CooperationKind }): UserErrorsException {
  return new UserErrorsException([{ field: ['input'], message: `no ${input.kind} cooperation between these organisations`, code: 'NOT_FOUND' }]);
}

export async function updateCooperation(writer: Writer, input: CooperationUpdateInput): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(writer.database, input);
  const link = await writer.database.writeTransaction(async (transaction) => {
    await lockNode(transaction, from);
    const before = await cooperationLink(transaction, from, to, input.kind);
    if (!before) throw notFoundCooperation(input);
    const changes = Object.fromEntries(Object.entries({ since: input.since, source: input.source }).filter(([, value]) => value !== undefined));
    const properties = validCooperation({ ...before.properties, ...changes });
    await transaction.run('MATCH (:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]->(:Organization {id: $to}) SET r = $properties', {
      from: before.from,
      to: before.to,
      kind: before.properties.kind,
      properties,
    });
    const after: LinkSnapshot = { ...before, properties };
    await appendChange(transaction, writer.actor, writer.now, { action: 'LINK_UPDATE', entityId: before.from, entityKind: await kindOfOrganization(transaction, before.from), before, after });
    return after;
  });
  return cooperationModel(writer.database, link);
}

export async function deleteCooperation(writer: Writer, input: CooperationDeleteInput): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(writer.database, input);
  return writer.database.writeTransaction(async (transaction) => {
    await lockNode(transaction, from);
    const link = await cooperationLink(transaction, from, to, input.kind);
    if (!link) throw notFoundCooperation(input);
    const model = await cooperationModel(writer.database, link);
    await transaction.run('MATCH (:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]->(:Organization {id: $to}) DELETE r', { from: link.from, to: link.to, kind: link.properties.kind });
    await appendChange(transaction, writer.actor, writer.now, { action: 'LINK_DELETE', entityId: link.from, entityKind: await kindOfOrganization(transaction, link.from), before: link, after: null });
    return model;
  });
}
