import type { TypedDocumentString } from '../generated/graphql';
import { currentToken } from '../auth/token';

/** Why a request failed, as the explorer explains it to a person (each kind has its own message). */
export type FailureKind =
  | 'NOT_READY'
  | 'DATABASE_UNAVAILABLE'
  | 'SERVICE_OVERLOADED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'NETWORK'
  | 'UNKNOWN';

const KNOWN_CODES: readonly FailureKind[] = ['NOT_READY', 'DATABASE_UNAVAILABLE', 'SERVICE_OVERLOADED', 'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND'];

/** A failed GraphQL request: its kind, and the server's message when there was one. */
export class RequestFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

function failureKind(code: string | undefined): FailureKind {
  return KNOWN_CODES.find((known) => known === code) ?? 'UNKNOWN';
}

/** The request body of an operation: what "copy the GraphQL" and "open in GraphiQL" show. */
export interface OperationRequest<TVariables> {
  query: string;
  variables: TVariables;
}

/** The text of an operation without the indentation codegen gives it (as a person reads it in GraphiQL). */
function operationText(document: { toString(): string }): string {
  const lines = document.toString().split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return lines
    .map((line) => line.slice(common))
    .join('\n')
    .trim();
}

/** Builds the request for a typed operation. */
export function operation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): OperationRequest<TVariables> {
  return { query: operationText(document), variables };
}

/**
 * Runs one operation against the service's /graphql with the signed-in token, resolving to its data; rejects with a
 * RequestFailure whose kind says whether the database is down, the service is not ready, sign-in is needed, …
 */
export async function execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(operation(document, variables)), signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new RequestFailure('NETWORK', error instanceof Error ? error.message : String(error));
  }
  let body: GraphQLResponse<TResult> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    body = null;
  }
  const firstError = body?.errors?.[0];
  if (firstError) throw new RequestFailure(failureKind(firstError.extensions?.code), firstError.message);
  if (!response.ok || !body?.data) {
    const byStatus: FailureKind = response.status === 503 ? 'NOT_READY' : response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : response.status === 429 ? 'SERVICE_OVERLOADED' : 'UNKNOWN';
    throw new RequestFailure(byStatus, `HTTP ${response.status}`);
  }
  return body.data;
}
