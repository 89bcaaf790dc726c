/** Create, update and delete of experts, with their affiliations and expertise. */
import type { EntityModel } from '../../graph/entity.js';
import type { ExpertCreateInput, ExpertUpdateInput } from '../../generated/graphql.js';
import { ORGANIZATION_KINDS } from '../../graph/kinds.js';
import type { Database } from '../../neo4j/database.js';
import { UserErrorsException, deleteNode, existingTarget, type DeletionModel, type Writer, mergeForUpdate, newRecordId, resolveReferences, validateRecord, createEntity, updateEntity, recordFieldsOf, type LinkSet } from '../shared/mutations.js';

/** An expert's own links: they go with the expert; projects, patents, demands and policies refer to the expert. */
const OWN_LINKS = ['AFFILIATED_WITH', 'HAS_EXPERTISE'];
const CONTROL_FIELDS = new Set(['id', 'slug', 'affiliations', 'expertise']);

type Input = ExpertCreateInput | ExpertUpdateInput;

const withoutNulls = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));

async function linkSetsOf(database: Database, input: Input): Promise<LinkSet[]> {
  const links: LinkSet[] = [];
  const fallbackSource = input.source ?? 'api';
  if (input.affiliations) {
    const affiliations = input.affiliations;
    if (affiliations.filter((affiliation) => affiliation.primary).length > 1) {
      throw new UserErrorsException([{ field: ['input', 'affiliations'], message: 'affiliations: at most one may be primary', code: 'INVALID_INPUT' }]);
    }
    const ids = await resolveReferences(
      database,
      affiliations.map((affiliation, index) => ({ field: ['input', 'affiliations', String(index), 'organization'], globalId: affiliation.organization, kinds: ORGANIZATION_KINDS })),
    );
    links.push({
      type: 'AFFILIATED_WITH',
      direction: 'out',
      targets: affiliations.map((affiliation, index) => ({
        id: ids[index]!,
        field: ['input', 'affiliations', String(index)],
        properties: withoutNulls({ role: affiliation.role, primary: affiliation.primary ?? false, since: affiliation.since, source: affiliation.source ?? fallbackSource }),
      })),
    });
  }
  if (input.expertise) {
    const expertise = input.expertise;
    const ids = await resolveReferences(
      database,
      expertise.map((item, index) => ({ field: ['input', 'expertise', String(index), 'topic'], globalId: item.topic, kinds: ['Topic'] })),
    );
    links.push({ type: 'HAS_EXPERTISE', direction: 'out', targets: expertise.map((item, index) => ({ id: ids[index]!, field: ['input', 'expertise', String(index)], properties: { level: item.level, source: item.source ?? fallbackSource } })) });
  }
  return links;
}

export async function createExpert(writer: Writer, input: ExpertCreateInput): Promise<EntityModel> {
  const id = newRecordId('expert', input.slug);
  const record = validateRecord('Expert', { ...recordFieldsOf(input, CONTROL_FIELDS), id });
  const links = await linkSetsOf(writer.database, input);
  return createEntity(writer, 'Expert', id, record, links);
}

export async function updateExpert(writer: Writer, input: ExpertUpdateInput): Promise<EntityModel> {
  const target = await existingTarget(writer.database, input.id, ['Expert']);
  const links = await linkSetsOf(writer.database, input);
  return updateEntity(writer, target, (current) => validateRecord('Expert', mergeForUpdate(current, recordFieldsOf(input, CONTROL_FIELDS))), links);
}

export async function deleteExpert(writer: Writer, input: { id: string; cascade?: boolean | null }): Promise<DeletionModel & { deletedId: string }> {
  const target = await existingTarget(writer.database, input.id, ['Expert']);
  const deletion = await deleteNode(writer, target, OWN_LINKS, input.cascade ?? false);
  return { ...deletion, deletedId: input.id };
}
