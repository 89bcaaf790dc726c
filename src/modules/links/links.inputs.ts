/** Validation of the links queries' arguments, in one place: each error names the argument, what was expected and what came. */
import { NODE_KINDS, RELATIONSHIP_TYPE_NAMES, type NodeKind, type RelationshipType } from '../../graph/kinds.js';
import type { EntityModel } from '../../graph/entity.js';
import { BadUserInputError, NotFoundError } from '../../graphql/errors.js';
import { expectGlobalId } from '../../graphql/global-id.js';
import { LINK_LIMITS } from '../chain/chain.config.js';

/** The relationship kinds `connections` follows by default: collaboration ties, not shared regions or topics. */
export const DEFAULT_CONNECTION_KINDS: readonly RelationshipType[] = [
  'AFFILIATED_WITH',
  'COOPERATES_WITH',
  'HOSTS',
  'LEADS',
  'PARTICIPATES_IN',
  'OWNS',
  'INVENTED',
  'POSTED',
  'TAKEN_BY',
];

/** An integer argument within [low, high]; `fallback` when omitted. */
export function integerArgument(name: string, value: number | null | undefined, low: number, high: number, fallback: number): number {
  const actual = value ?? fallback;
  if (!Number.isInteger(actual) || actual < low || actual > high) {
    throw new BadUserInputError(`${name}: expected a whole number from ${low} to ${high}, got ${actual}`, name);
  }
  return actual;
}

/** A list of relationship kinds: non-empty, known, without repeats; `fallback` when omitted. */
export function relationshipKindsArgument(name: string, value: readonly string[] | null | undefined, fallback: readonly RelationshipType[]): RelationshipType[] {
  if (value === null || value === undefined) return [...fallback];
  if (value.length === 0) throw new BadUserInputError(`${name}: expected at least one relationship kind, got an empty list`, name);
  const unknown = value.filter((kind) => !(RELATIONSHIP_TYPE_NAMES as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new BadUserInputError(`${name}: unknown relationship kind(s) ${unknown.join(', ')}`, name);
  return [...new Set(value)] as RelationshipType[];
}

export function connectionsArguments(args: { maxHops?: number | null; via?: readonly string[] | null; first?: number | null }) {
  return {
    maxHops: integerArgument('maxHops', args.maxHops, 1, LINK_LIMITS.maxHops, LINK_LIMITS.defaultHops),
    via: relationshipKindsArgument('via', args.via, DEFAULT_CONNECTION_KINDS),
    first: integerArgument('first', args.first, 1, LINK_LIMITS.maxPaths, LINK_LIMITS.defaultPaths),
  };
}

export function neighborhoodArguments(args: { depth?: number | null; kinds?: readonly string[] | null; limit?: number | null }) {
  return {
    depth: integerArgument('depth', args.depth, 0, LINK_LIMITS.maxDepth, LINK_LIMITS.defaultDepth),
    kinds: relationshipKindsArgument('kinds', args.kinds, RELATIONSHIP_TYPE_NAMES),
    limit: integerArgument('limit', args.limit, 1, LINK_LIMITS.maxNeighborhoodNodes, LINK_LIMITS.defaultNeighborhoodNodes),
  };
}

/** The entity behind a global id argument, which must be of one of `kinds`; NOT_FOUND when nothing has that id. */
export async function entityArgument(
  context: { loaders: { entityById: { load(id: string): Promise<EntityModel | null> } } },
  name: string,
  globalId: string,
  kinds: readonly NodeKind[] = NODE_KINDS,
): Promise<EntityModel> {
  const decoded = expectGlobalId(globalId, kinds, name);
  const entity = await context.loaders.entityById.load(decoded.id);
  if (!entity || entity.nodeKind !== decoded.kind) throw new NotFoundError(`${name}: no ${decoded.kind} has the id "${globalId}"`);
  return entity;
}
