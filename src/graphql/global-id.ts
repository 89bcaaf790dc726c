import { isNodeKind, type NodeKind } from '../graph/kinds.js';
import { BadUserInputError } from './errors.js';

/** Encodes a node's kind and record id as an opaque global id. */
export function toGlobalId(kind: NodeKind, id: string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

/** A decoded global id. */
export interface DecodedId {
  kind: NodeKind;
  id: string;
}

/** Decodes a global id; returns null for anything that is not one of ours. */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (!/^[A-Za-z0-9_-]{4,400}$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const kind = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  return isNodeKind(kind) && id.length > 0 ? { kind, id } : null;
}

/** Decodes a global id that must denote one of `kinds`; throws BAD_USER_INPUT naming the argument otherwise. */
export function expectGlobalId(globalId: string, kinds: readonly NodeKind[], argumentName: string): DecodedId {
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw new BadUserInputError(`${argumentName}: "${globalId}" is not a valid id`, argumentName);
  if (!kinds.includes(decoded.kind)) {
    throw new BadUserInputError(`${argumentName}: expected the id of a ${kinds.join(' or ')}, got the id of a ${decoded.kind}`, argumentName);
  }
  return decoded;
}
