/** Validation of arguments that several modules share; each error names the argument, what was expected and what came. */
import { NODE_KINDS, type NodeKind } from '../../graph/kinds.js';
import type { EntityModel } from '../../graph/entity.js';
import { BadUserInputError, NotFoundError } from '../../graphql/errors.js';
import { expectGlobalId } from '../../graphql/global-id.js';

/** An integer argument within [low, high]; `fallback` when omitted. */
export function integerArgument(name: string, value: number | null | undefined, low: number, high: number, fallback: number): number {
  const actual = value ?? fallback;
  if (!Number.isInteger(actual) || actual < low || actual > high) {
    throw new BadUserInputError(`${name}: expected a whole number from ${low} to ${high}, got ${actual}`, name);
  }
  return actual;
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
