/** Create, update and delete of technology demands (技术需求) and open challenges (揭榜挂帅). */
import type { EntityModel } from '../../graph/entity.js';
import type { DemandCreateInput, DemandUpdateInput } from '../../generated/graphql.js';
import { ORGANIZATION_KINDS } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import { deleteNode, existingTarget, type DeletionModel, type Writer, mergeForUpdate, newRecordId, resolveReferences, validateRecord, createEntity, updateEntity, recordFieldsOf, type LinkSet } from '../shared/mutations.js';

/** Every link of a demand is its own: deleting a demand never leaves another object without something it needs. */
const OWN_LINKS = ['POSTED', 'REQUIRES', 'FOR_INDUSTRY', 'TAKEN_BY'];
const CONTROL_FIELDS = new Set(['id', 'slug', 'postedBy', 'requiredTopics', 'industries', 'takenBy']);

type Input = DemandCreateInput | DemandUpdateInput;

async function linkSetsOf(database: Database, input: Input): Promise<LinkSet[]> {
  const source = input.source ?? 'api';
  const links: LinkSet[] = [];
  const lists: Array<{ field: 'postedBy' | 'requiredTopics' | 'industries'; type: LinkSet['type']; direction: LinkSet['direction']; kinds: Parameters<typeof resolveReferences>[1][number]['kinds'] }> = [
    { field: 'postedBy', type: 'POSTED', direction: 'in', kinds: ['Enterprise', 'GovernmentAgency'] },
    { field: 'requiredTopics', type: 'REQUIRES', direction: 'out', kinds: ['Topic'] },
    { field: 'industries', type: 'FOR_INDUSTRY', direction: 'out', kinds: ['Industry'] },
  ];
  for (const list of lists) {
    const value = input[list.field];
    if (value === undefined || value === null) continue;
    const globalIds = Array.isArray(value) ? value : [value];
    const ids = await resolveReferences(
      database,
      globalIds.map((globalId, index) => ({ field: ['input', list.field, ...(Array.isArray(value) ? [String(index)] : [])], globalId, kinds: list.kinds })),
    );
    links.push({ type: list.type, direction: list.direction, targets: ids.map((id, index) => ({ id, properties: { source }, field: ['input', list.field, ...(Array.isArray(value) ? [String(index)] : [])] })) });
  }
  const takers = 'takenBy' in input ? input.takenBy : null;
  if (takers) {
    const ids = await resolveReferences(
      database,
      takers.map((taker, index) => ({ field: ['input', 'takenBy', String(index), 'taker'], globalId: taker.taker, kinds: [...ORGANIZATION_KINDS, 'Expert'] })),
    );
    links.push({
      type: 'TAKEN_BY',
      direction: 'out',
      targets: takers.map((taker, index) => ({
        id: ids[index]!,
        field: ['input', 'takenBy', String(index)],
        properties: { source: taker.source ?? source, ...(taker.since !== undefined && taker.since !== null ? { since: taker.since } : {}) },
      })),
    });
  }
  return links;
}

export async function createDemand(writer: Writer, input: DemandCreateInput): Promise<EntityModel> {
  const id = newRecordId('demand', input.slug);
  const record = validateRecord('Demand', { postedOn: writer.today, ...recordFieldsOf(input, CONTROL_FIELDS), id });
  const links = await linkSetsOf(writer.database, input);
  return createEntity(writer, 'Demand', id, record, links);
}

export async function updateDemand(writer: Writer, input: DemandUpdateInput): Promise<EntityModel> {
  const target = await existingTarget(writer.database, input.id, ['Demand']);
  const links = await linkSetsOf(writer.database, input);
  return updateEntity(writer, target, (current) => validateRecord('Demand', mergeForUpdate(current, recordFieldsOf(input, CONTROL_FIELDS))), links);
}

export async function deleteDemand(writer: Writer, input: { id: string }): Promise<DeletionModel & { deletedId: string }> {
  const target = await existingTarget(writer.database, input.id, ['Demand']);
  const deletion = await deleteNode(writer, target, OWN_LINKS, true);
  return { ...deletion, deletedId: input.id };
}
