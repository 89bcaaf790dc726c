/** Validation of the links queries' arguments, in one place: each error names the argument, what was expected and what came. */
import { RELATIONSHIP_TYPE_NAMES, type RelationshipType } from '../../graph/kinds.js';
import { BadUserInputError } from '../../graphql/errors.js';
import { integerArgument } from '../shared/arguments.js';
import { LINK_LIMITS } from './links.config.js';

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

/** A list of relationship kinds: non-empty, known, without repeats; `fallback` when omitted. */
export function relationshipKindsArgument(name: string, value: readonly string[] | null | undefined, fallback: readonly RelationshipType[]): RelationshipType[] {
  if (value === null || value === undefined) return [...fallback];
  if (value.length === 0) throw new BadUserInputError(`${name}: expected at least one relationship kind, got an empty list`, name);
  const known = value.flatMap((kind) => RELATIONSHIP_TYPE_NAMES.filter((type) => type === kind));
  if (known.length < value.length) {
    const unknown = value.filter((kind) => !RELATIONSHIP_TYPE_NAMES.some((type) => type === kind));
    throw new BadUserInputError(`${name}: unknown relationship kind(s) ${unknown.join(', ')}`, name);
  }
  return [...new Set(known)];
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
