/** Create, update and delete of organisations and of cooperation links between them. */
import type { EntityModel } from '../../graph/entity.js';
import type { CooperationKind } from '../../generated/graphql.js';
import { ORGANIZATION_KINDS, type NodeKind, type OrganizationKind } from '../../graph/kinds.js';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../neo4j/database.js';
import { toNative } from '../../neo4j/values.js';
import { kindOf } from '../../graph/query.js';
import { RELATIONSHIP_SCHEMAS } from '../../import/format.js';
import { appendChange } from '../audit/audit.repository.js';
import type { LinkSnapshot } from '../audit/audit.model.js';
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
import { findEntitiesByIds } from '../node/node.repository.js';

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

type Input = Record<string, unknown>;

/** Input fields that are references, with the relationship each becomes and the kinds it accepts. */
const LINK_FIELDS: Array<{ field: string; type: LinkSet['type']; direction: LinkSet['direction']; kinds: readonly NodeKind[]; only?: OrganizationKind }> = [
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
    const values = Array.isArray(input[link.field]) ? (input[link.field] as string[]) : [input[link.field] as string];
    values.forEach((globalId, position) => {
      references.push({ field: ['input', link.field, ...(Array.isArray(input[link.field]) ? [String(position)] : [])], globalId, kinds: link.kinds });
      owners.push(index);
    });
  });
  const ids = await resolveReferences(database, references);
  return fields.map((link, index) => ({
    type: link.type,
    direction: link.direction,
    targets: ids.flatMap((id, position) => (owners[position] === index ? [{ id, properties: { source: (input.source as string) ?? 'api' }, field: references[position]!.field }] : [])),
  }));
}

/** The record fields of the input (references and control fields removed; platformKind is the record's kind). */
function recordFieldsOf(input: Input): Input {
  const fields: Input = {};
  for (const [key, value] of Object.entries(input)) {
    if (REFERENCE_FIELDS.has(key)) continue;
    fields[key === 'platformKind' ? 'kind' : key] = value;
  }
  return fields;
}

export async function createOrganization(writer: Writer, input: Input): Promise<EntityModel> {
  const kind = input.kind as OrganizationKind;
  const id = newRecordId(ID_PREFIX[kind], input.slug as string | undefined);
  const record = validateRecord(kind, { ...recordFieldsOf(input), id }, { kind: 'platformKind' });
  const links = await linkSetsOf(writer.database, kind, input);
  return createEntity(writer, kind, id, record, links);
}

export async function updateOrganization(writer: Writer, input: Input): Promise<EntityModel> {
  const target = await existingTarget(writer.database, input.id as string, ORGANIZATION_KINDS);
  const kind = target.kind as OrganizationKind;
  const links = await linkSetsOf(writer.database, kind, input);
  return updateEntity(writer, target, (current) => validateRecord(kind, mergeForUpdate(current, recordFieldsOf(input)), { kind: 'platformKind' }), links);
}

export async function deleteOrganization(writer: Writer, input: { id: string; cascade?: boolean | null }): Promise<DeletionModel & { deletedId: string }> {
  const target = await existingTarget(writer.database, input.id, ORGANIZATION_KINDS);
  const deletion = await deleteNode(writer, target, ownLinks(target.kind as OrganizationKind), input.cascade ?? false);
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

async function cooperationEnds(database: Database, input: Input): Promise<[string, string]> {
  const [from, to] = await resolveReferences(database, [
    { field: ['input', 'from'], globalId: input.from as string, kinds: ORGANIZATION_KINDS },
    { field: ['input', 'to'], globalId: input.to as string, kinds: ORGANIZATION_KINDS },
  ]);
  if (from === to) throw new UserErrorsException([{ field: ['input', 'to'], message: 'to: an organisation cannot cooperate with itself', code: 'INVALID_INPUT' }]);
  return [from!, to!];
}

/** The COOPERATES_WITH link between two organisations (either direction), read inside `transaction`. */
async function cooperationLink(transaction: ManagedTransaction, from: string, to: string, kind?: string): Promise<LinkSnapshot | null> {
  const result = await transaction.run(
    `MATCH (:Organization {id: $from})-[r:COOPERATES_WITH]-(:Organization {id: $to}) WHERE $kind IS NULL OR r.kind = $kind
     RETURN startNode(r).id AS from, endNode(r).id AS to, properties(r) AS properties`,
    { from, to, kind: kind ?? null },
  );
  const record = result.records[0];
  if (!record) return null;
  return { type: 'COOPERATES_WITH', from: record.get('from') as string, to: record.get('to') as string, properties: toNative(record.get('properties')) as Record<string, unknown> };
}

async function cooperationModel(database: Database, link: LinkSnapshot): Promise<CooperationModel> {
  const [fromEntity, toEntity] = await findEntitiesByIds(database, [link.from, link.to]);
  const properties = link.properties as { kind: CooperationKind; since: number; source: string };
  return { from: fromEntity!, to: toEntity!, kind: properties.kind, since: properties.since, source: properties.source };
}

function validCooperation(properties: Record<string, unknown>): Record<string, unknown> {
  const result = RELATIONSHIP_SCHEMAS.COOPERATES_WITH.omit({ from: true, to: true }).safeParse(properties);
  if (result.success) return result.data;
  throw new UserErrorsException(
    result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'input');
      return { field: ['input', field], message: `${field}: ${issue.message}`, code: 'INVALID_INPUT' as const };
    }),
  );
}

async function kindOfOrganization(transaction: ManagedTransaction, id: string): Promise<NodeKind> {
  const result = await transaction.run(`MATCH (n:Organization {id: $id}) RETURN ${kindOf('n')} AS kind`, { id });
  return result.records[0]!.get('kind') as NodeKind;
}

export async function createCooperation(writer: Writer, input: Input): Promise<CooperationModel> {
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

function notFoundCooperation(input: Input): UserErrorsException {
  return new UserErrorsException([{ field: ['input'], message: `no ${String(input.kind)} cooperation between these organisations`, code: 'NOT_FOUND' }]);
}

export async function updateCooperation(writer: Writer, input: Input): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(writer.database, input);
  const link = await writer.database.writeTransaction(async (transaction) => {
    await lockNode(transaction, from);
    const before = await cooperationLink(transaction, from, to, input.kind as string);
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

export async function deleteCooperation(writer: Writer, input: Input): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(writer.database, input);
  return writer.database.writeTransaction(async (transaction) => {
    await lockNode(transaction, from);
    const link = await cooperationLink(transaction, from, to, input.kind as string);
    if (!link) throw notFoundCooperation(input);
    const model = await cooperationModel(writer.database, link);
    await transaction.run('MATCH (:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]->(:Organization {id: $to}) DELETE r', { from: link.from, to: link.to, kind: link.properties.kind });
    await appendChange(transaction, writer.actor, writer.now, { action: 'LINK_DELETE', entityId: link.from, entityKind: await kindOfOrganization(transaction, link.from), before: link, after: null });
    return model;
  });
}
