/**
 * A driver error, recognised by shape rather than by class: a bundler or test runner can load the driver's
 * ESM and CommonJS builds side by side, and then `instanceof Neo4jError` fails for half of the errors.
 */
function isNeo4jError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'Neo4jError' && 'code' in error && typeof error.code === 'string';
}

/** The database could not be reached or refused our credentials; retrying later may help. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly reason: 'UNREACHABLE' | 'UNAUTHORIZED' | 'NO_SUCH_DATABASE',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Every pooled connection stayed busy for the acquisition timeout: the server is overloaded, the database may be fine. */
export class ServiceOverloadedError extends Error {
  override name = 'ServiceOverloadedError';
}

/** A transaction ran past its configured timeout and was stopped by the database. */
export class QueryTimeoutError extends Error {
  override name = 'QueryTimeoutError';
}

/**
 * The database refused a value of the request (a property type it cannot store, a value too large for its index).
 * `publicMessage` says what was wrong without the database's own words (no Cypher, no index internals); `property`
 * names the stored property at fault when the database said which.
 */
export class DatabaseRejectedInputError extends Error {
  override name = 'DatabaseRejectedInputError';
  constructor(
    message: string,
    readonly publicMessage: string,
    readonly property?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** "Property value is too large to index … schema=(:Organization {name}) … property size: 40011." */
const INDEX_VALUE_TOO_LARGE = /Property value is too large to index[\s\S]*?schema=\(:(\w+) \{(\w+)\}\)[\s\S]*?property size: (\d+)/;

/** A write broke a uniqueness constraint: the record exists already. */
export class ConstraintViolationError extends Error {
  override name = 'ConstraintViolationError';
}

/** Turns driver errors into the project's error classes, in this one place; anything else passes through unchanged. */
export function translateDriverError(error: unknown): unknown {
  if (!isNeo4jError(error)) return error;
  const code = error.code ?? '';
  if (/^Connection acquisition timed out/.test(error.message)) return new ServiceOverloadedError(error.message, { cause: error });
  if (/^Neo\.ClientError\.Transaction\.TransactionTimedOut/.test(code)) return new QueryTimeoutError(error.message, { cause: error });
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /connect|ECONNREFUSED|ENOTFOUND|timed out/i.test(error.message) && !code.startsWith('Neo.')) {
    return new DatabaseUnavailableError(`Neo4j cannot be reached: ${error.message}`, 'UNREACHABLE', { cause: error });
  }
  if (code.startsWith('Neo.ClientError.Security')) {
    return new DatabaseUnavailableError('Neo4j refused the credentials (check NEO4J_USER and NEO4J_PASSWORD)', 'UNAUTHORIZED', { cause: error });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new DatabaseUnavailableError(`Neo4j has no such database (check NEO4J_DATABASE): ${error.message}`, 'NO_SUCH_DATABASE', { cause: error });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConstraintViolationError(error.message, { cause: error });
  }
  const tooLarge = INDEX_VALUE_TOO_LARGE.exec(error.message);
  if (tooLarge) {
    const [, label, property, size] = tooLarge;
    return new DatabaseRejectedInputError(
      error.message,
      `${property}: the value is too large for the database to index (${size} bytes stored for ${label}.${property}; keep it well under 8 000 bytes)`,
      property,
      { cause: error },
    );
  }
  if (code === 'Neo.ClientError.Statement.TypeError' || code === 'Neo.ClientError.Statement.ArgumentError') {
    return new DatabaseRejectedInputError(error.message, 'The database refused a value of this request as invalid.', undefined, { cause: error });
  }
  if (code === 'Neo.ClientError.Procedure.ProcedureCallFailed' && /ParseException|TooManyClauses/.test(error.message)) {
    return new DatabaseRejectedInputError(error.message, 'The search text could not be parsed as a query; simplify it.', undefined, { cause: error });
  }
  return error;
}
