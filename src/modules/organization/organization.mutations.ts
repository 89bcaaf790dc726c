/** Create, update and delete of organisations and of cooperation links between them. */
import type { EntityModel } from '../../graph/entity.js';
import { ORGANIZATION_KINDS, type NodeKind, type OrganizationKind } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import {
  UserErrorsException,
  deleteNode,
  existingEntity,
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
    targets: ids.filter((_, position) => owners[position] === index).map((id) => ({ id, properties: { source: (input.source as string) ?? 'api' } })),
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

export async function createOrganization(database: Database, input: Input): Promise<EntityModel> {
  const kind = input.kind as OrganizationKind;
  const id = newRecordId(ID_PREFIX[kind], input.slug as string | undefined);
  const record = validateRecord(kind, { ...recordFieldsOf(input), id }, { kind: 'platformKind' });
  const links = await linkSetsOf(database, kind, input);
  return createEntity(database, kind, id, record, links);
}

export async function updateOrganization(database: Database, input: Input): Promise<EntityModel> {
  const current = await existingEntity(database, input.id as string, ORGANIZATION_KINDS);
  const kind = current.nodeKind as OrganizationKind;
  const record = validateRecord(kind, mergeForUpdate(current, recordFieldsOf(input)), { kind: 'platformKind' });
  const links = await linkSetsOf(database, kind, input);
  return updateEntity(database, kind, current.id, record, links);
}

export async function deleteOrganization(database: Database, input: { id: string; cascade?: boolean | null }): Promise<string> {
  const current = await existingEntity(database, input.id, ORGANIZATION_KINDS);
  await deleteNode(database, current.id, ownLinks(current.nodeKind as OrganizationKind), input.cascade ?? false);
  return input.id;
}

/** A cooperation link as the API returns it. */
export interface CooperationModel {
  from: EntityModel;
  to: EntityModel;
  kind: string;
  since: number | null;
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

function checkSince(since: unknown): void {
  if (since !== undefined && since !== null && (!Number.isInteger(since) || (since as number) < 1900 || (since as number) > 2100)) {
    throw new UserErrorsException([{ field: ['input', 'since'], message: 'since: a year from 1900 to 2100', code: 'INVALID_INPUT' }]);
  }
}

async function readCooperation(database: Database, from: string, to: string, kind: string): Promise<CooperationModel | null> {
  const rows = await database.read(
    `MATCH (a:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]-(b:Organization {id: $to})
     RETURN startNode(r).id AS from, endNode(r).id AS to, properties(r) AS properties`,
    { from, to, kind },
  );
  const row = rows[0];
  if (!row) return null;
  const [fromEntity, toEntity] = await findEntitiesByIds(database, [row.from as string, row.to as string]);
  const properties = row.properties as { kind: string; since?: number; source: string };
  return { from: fromEntity!, to: toEntity!, kind: properties.kind, since: properties.since ?? null, source: properties.source };
}

export async function createCooperation(database: Database, input: Input): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(database, input);
  checkSince(input.since);
  if (!String(input.source ?? '').trim()) throw new UserErrorsException([{ field: ['input', 'source'], message: 'source: a non-empty provenance', code: 'INVALID_INPUT' }]);
  const created = await database.writeTransaction(async (transaction) => {
    const existing = await transaction.run('MATCH (:Organization {id: $from})-[r:COOPERATES_WITH]-(:Organization {id: $to}) RETURN r.kind AS kind', { from, to });
    if (existing.records.length > 0) return existing.records[0]!.get('kind') as string;
    await transaction.run(
      'MATCH (a:Organization {id: $from}), (b:Organization {id: $to}) CREATE (a)-[:COOPERATES_WITH {kind: $kind, since: $since, source: $source}]->(b)',
      { from, to, kind: input.kind, since: input.since, source: input.source },
    );
    return null;
  });
  if (created !== null) {
    throw new UserErrorsException([{ field: ['input'], message: `these organisations already cooperate (${created}); update or delete that link instead`, code: 'ALREADY_EXISTS' }]);
  }
  return (await readCooperation(database, from, to, input.kind as string))!;
}

async function existingCooperation(database: Database, input: Input): Promise<CooperationModel> {
  const [from, to] = await cooperationEnds(database, input);
  const cooperation = await readCooperation(database, from, to, input.kind as string);
  if (!cooperation) throw new UserErrorsException([{ field: ['input'], message: `no ${input.kind as string} cooperation between these organisations`, code: 'NOT_FOUND' }]);
  return cooperation;
}

export async function updateCooperation(database: Database, input: Input): Promise<CooperationModel> {
  const cooperation = await existingCooperation(database, input);
  checkSince(input.since);
  if (input.source !== undefined && !String(input.source ?? '').trim()) {
    throw new UserErrorsException([{ field: ['input', 'source'], message: 'source: a non-empty provenance', code: 'INVALID_INPUT' }]);
  }
  await database.write(
    `MATCH (:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]->(:Organization {id: $to})
     SET r.since = CASE WHEN $sinceGiven THEN $since ELSE r.since END, r.source = coalesce($source, r.source)`,
    { from: cooperation.from.id, to: cooperation.to.id, kind: cooperation.kind, since: input.since ?? null, sinceGiven: input.since !== undefined, source: input.source ?? null },
  );
  return (await readCooperation(database, cooperation.from.id, cooperation.to.id, cooperation.kind))!;
}

export async function deleteCooperation(database: Database, input: Input): Promise<CooperationModel> {
  const cooperation = await existingCooperation(database, input);
  await database.write('MATCH (:Organization {id: $from})-[r:COOPERATES_WITH {kind: $kind}]->(:Organization {id: $to}) DELETE r', {
    from: cooperation.from.id,
    to: cooperation.to.id,
    kind: cooperation.kind,
  });
  return cooperation;
}
