import type { EntityModel } from '../graph/entity.js';
import { ORGANIZATION_KINDS, type NodeKind } from '../graph/kinds.js';

/** The kinds an organisation or expert (an actor) may be: members of ChainActor, ProjectActor and DemandTaker. */
export const ACTOR_KINDS = [...ORGANIZATION_KINDS, 'Expert'] as const;

/**
 * The `__resolveType` of a union or interface of entities: the entity's kind, which must be one of `members`
 * (an entity of another kind is a bug upstream, reported as a field error, as GraphQL itself would).
 */
export function entityTypeResolver<TKind extends NodeKind>(members: readonly TKind[]): (entity: EntityModel) => TKind {
  // Widening only: `includes` on a TKind[] would not accept a NodeKind argument.
  const isMember = (kind: NodeKind): kind is TKind => (members as readonly NodeKind[]).includes(kind);
  return (entity) => {
    if (isMember(entity.nodeKind)) return entity.nodeKind;
    throw new Error(`a ${entity.nodeKind} cannot stand where one of ${members.join(', ')} is expected`);
  };
}

