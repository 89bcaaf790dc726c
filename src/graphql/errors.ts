import { GraphQLError } from 'graphql';

/** The public error codes a client may see in `errors[].extensions.code`. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVICE_OVERLOADED: 'SERVICE_OVERLOADED',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  NOT_READY: 'NOT_READY',
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  LIST_TOO_LONG: 'LIST_TOO_LONG',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An argument is malformed or out of range; the message names the argument. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) } });
  }
}

/** A plain (unpaginated) list field has more items than it may return; it is refused rather than cut. */
export class ListTooLongError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.LIST_TOO_LONG } });
  }
}

/** The object asked for does not exist. */
export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}
