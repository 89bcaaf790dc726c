import neo4j, { type Driver, type ManagedTransaction, routing } from 'neo4j-driver';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits, type Neo4jConnection } from '../config.js';
import { translateDriverError } from './errors.js';
import { rowOf } from './values.js';

export { DEFAULT_DATABASE_LIMITS, type DatabaseLimits };

/** How many times a read is tried when it fails with a retryable error. */
const READ_ATTEMPTS = 3;

/** A row of a query result with every value converted by `toNative`. */
export type Row = Record<string, unknown>;

/** One database round trip, reported to listeners (used for tests and metrics). */
export interface QueryEvent {
  /** `DERIVED`: a write of values derived from the graph (see `writeDerived`), not a change of the graph. */
  mode: 'READ' | 'WRITE' | 'DERIVED';
  durationMs: number;
  /** The Cypher sent, for a single query (null for a transaction of several). */
  query: string | null;
}

/**
 * The project's only entrance to Neo4j: every call names the database, reads go to readers and writes to the
 * leader (so the same code runs on a cluster), values leave as plain JavaScript, and driver errors leave as
 * domain errors.
 */
/** A probe of the last committed transaction gives up after this long (the caches try again at their next check). */
const CHANGE_PROBE_TIMEOUT_MS = 5_000;

export class Database {
  constructor(
    private readonly driver: Driver,
    readonly name: string,
    private readonly transactionTimeoutMs: number = DEFAULT_DATABASE_LIMITS.transactionTimeoutMs,
    /** Where this database is, for tools that need their own driver (the health probe). */
    readonly connection?: Neo4jConnection,
    /** Round-trip listeners; a view of the same database (unbounded) shares them. */
    private readonly listeners = new Set<(event: QueryEvent) => void>(),
  ) {}

  /**
   * The same database on the same driver without the per-transaction time limit, for administrative work that is
   * long by nature (schema migrations, index population, back-fills, bulk import and export from the CLI), never
   * for requests. It shares the driver and the round-trip listeners; closing it closes the shared driver.
   */
  unbounded(): Database {
    return this.transactionTimeoutMs === 0 ? this : new Database(this.driver, this.name, 0, this.connection, this.listeners);
  }

  /** Runs one read query as an auto-commit query on a read session, retried on retryable errors (see autoCommitRead). */
  async read(query: string, parameters: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run('READ', query, parameters);
  }

  /** Runs one write query in its own auto-retried write transaction. */
  async write(query: string, parameters: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run('WRITE', query, parameters);
  }

  /**
   * Runs one write query of values derived from the graph (the holder store's lists), in its own auto-retried write
   * transaction, reported as `DERIVED`: the graph did not change, so the values kept from it stay (see `DerivedCache`).
   */
  async writeDerived(query: string, parameters: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run('DERIVED', query, parameters);
  }

  /** Runs one write query in an auto-commit (implicit) transaction: needed for `CALL { … } IN TRANSACTIONS`; not retried. */
  async writeAutoCommit(query: string, parameters: Record<string, unknown> = {}): Promise<void> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE, bookmarkManager: this.driver.executeQueryBookmarkManager });
    const started = performance.now();
    try {
      await session.run(query, parameters);
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      this.emit({ mode: 'WRITE', durationMs: performance.now() - started, query });
      await session.close();
    }
  }

  /** Runs `work` in one managed read transaction; `work` may be retried, so it must have no side effects outside it. */
  async readTransaction<T>(work: (transaction: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction('READ', work);
  }

  /** Runs `work` in one managed write transaction (all or nothing); `work` may be retried, so it must be idempotent. */
  async writeTransaction<T>(work: (transaction: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', work);
  }

  /** Subscribes to round-trip events; returns the function that unsubscribes. */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A token of the database's last committed transaction: the bookmark a read transaction returns, which changes when
   * any writer commits — this process, another server, `kg import`, a tool. Read on a session of its own (no bookmark
   * chain) and not reported to the round-trip listeners: it is bookkeeping of the caches (see `derived-cache.ts`).
   */
  async lastChange(): Promise<string> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    try {
      await session.executeRead((transaction) => transaction.run('RETURN 1'), { timeout: CHANGE_PROBE_TIMEOUT_MS });
      return session.lastBookmarks().join(' ');
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      await session.close();
    }
  }

  /** Resolves when the server answers on the named database; rejects with a domain error otherwise. */
  async verify(): Promise<{ version: string; edition: string }> {
    try {
      const info = await this.driver.getServerInfo({ database: this.name });
      const rows = await this.read('CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition');
      return { version: String(rows[0]?.version ?? info.protocolVersion), edition: String(rows[0]?.edition ?? 'unknown') };
    } catch (error) {
      throw translateDriverError(error);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async run(mode: QueryEvent['mode'], query: string, parameters: Record<string, unknown>): Promise<Row[]> {
    const started = performance.now();
    try {
      if (mode === 'READ') return await this.autoCommitRead(query, parameters);
      const result = await this.driver.executeQuery(query, parameters, {
        database: this.name,
        routing: routing.WRITE,
        transactionConfig: this.transactionConfig(),
      });
      return result.records.map(rowOf);
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      this.emit({ mode, durationMs: performance.now() - started, query });
    }
  }

  /**
   * One read query as an auto-commit transaction on a read session: one round trip (RUN and PULL pipelined) where a
   * managed transaction takes two (BEGIN+RUN+PULL, then COMMIT) — about 1.5 ms of every read's 3 ms on a local
   * server. Same bookmark chain (reads after this process's writes see them), same timeout; a retryable failure
   * (leader switch, transient lock) is tried again, up to READ_ATTEMPTS times.
   */
  private async autoCommitRead(query: string, parameters: Record<string, unknown>): Promise<Row[]> {
    for (let attempt = 1; ; attempt += 1) {
      const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ, bookmarkManager: this.driver.executeQueryBookmarkManager });
      try {
        const result = await session.run(query, parameters, this.transactionConfig());
        return result.records.map(rowOf);
      } catch (error) {
        if (attempt >= READ_ATTEMPTS || !neo4j.isRetryableError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      } finally {
        await session.close();
      }
    }
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (transaction: ManagedTransaction) => Promise<T>): Promise<T> {
    // One bookmark chain with executeQuery: on a cluster, a read after a write of this process sees that write.
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    const started = performance.now();
    try {
      const config = this.transactionConfig();
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      this.emit({ mode, durationMs: performance.now() - started, query: null });
      await session.close();
    }
  }

  /** The per-transaction limit, or none (the server's own setting) for an unbounded view. */
  private transactionConfig(): { timeout?: number } {
    return this.transactionTimeoutMs > 0 ? { timeout: this.transactionTimeoutMs } : {};
  }

  private emit(event: QueryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * Opens a driver whose every wait is bounded: a connection attempt, a wait for a pooled connection (reported as
 * overload), a transaction's run time, and the retries of a failed transaction.
 */
export function openDatabase(connection: Neo4jConnection, limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS): Database {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: limits.connectionTimeoutMs,
    connectionAcquisitionTimeout: limits.acquisitionTimeoutMs,
    maxConnectionPoolSize: limits.maxPoolSize,
    maxTransactionRetryTime: Math.min(limits.transactionTimeoutMs || Number.POSITIVE_INFINITY, 3_000),
    userAgent: 'innovation-graph/0.1',
    logging: { level: 'error', logger: () => {} },
  });
  return new Database(driver, connection.database, limits.transactionTimeoutMs, connection);
}
