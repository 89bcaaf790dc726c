/**
 * The database's health as the service sees it: a small, separate driver probes the server on its own schedule,
 * so the answer never depends on the request pool being busy. State changes are logged once each; while the
 * database is down, requests are refused at once instead of each waiting for the driver's timeouts.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Neo4jConnection } from '../config.js';

export type DatabaseState = 'unknown' | 'up' | 'down';

export interface HealthSettings {
  /** Between probes while the database answers. */
  intervalMs: number;
  /** First delay between probes while it does not; doubled up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /** How long one probe may take. */
  probeTimeoutMs: number;
}

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = { intervalMs: 5_000, minBackoffMs: 250, maxBackoffMs: 5_000, probeTimeoutMs: 3_000 };

/** Consecutive failed probes before a database that was up is called down (one slow answer is not an outage). */
const FAILURES_BEFORE_DOWN = 2;

export class DatabaseHealth {
  private current: DatabaseState = 'unknown';
  private readonly driver: Driver;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private stopped = false;
  private readonly waiters = new Set<() => void>();
  private probing: Promise<boolean> | undefined;
  private failures = 0;

  constructor(
    private readonly connection: Neo4jConnection,
    private readonly logger: Logger,
    private readonly settings: HealthSettings = DEFAULT_HEALTH_SETTINGS,
  ) {
    this.backoffMs = settings.minBackoffMs;
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
      maxConnectionPoolSize: 1,
      connectionTimeout: settings.probeTimeoutMs,
      connectionAcquisitionTimeout: settings.probeTimeoutMs,
      maxTransactionRetryTime: 0,
      logging: { level: 'error', logger: () => {} },
    });
  }

  get state(): DatabaseState {
    return this.current;
  }

  /** Starts probing now and on schedule. */
  start(): void {
    void this.tick();
  }

  /** Probes once at once (e.g. after a request saw the database fail); resolves with whether it answered. */
  async probe(): Promise<boolean> {
    this.probing ??= this.runProbe().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  /** Resolves once the database has answered a probe (or at once when it has). */
  async whenUp(): Promise<void> {
    if (this.current === 'up') return;
    await new Promise<void>((resolve) => this.waiters.add(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const resolve of this.waiters) resolve();
    await this.driver.close();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const up = await this.probe();
    if (this.stopped) return;
    this.backoffMs = up ? this.settings.minBackoffMs : Math.min(this.backoffMs * 2, this.settings.maxBackoffMs);
    this.timer = setTimeout(() => void this.tick(), up ? this.settings.intervalMs : this.backoffMs);
    this.timer.unref();
  }

  private async runProbe(): Promise<boolean> {
    let up: boolean;
    let reason: string | undefined;
    try {
      const probe = this.driver.executeQuery('RETURN 1', {}, { database: this.connection.database, routing: neo4j.routing.READ });
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${this.settings.probeTimeoutMs} ms`)), this.settings.probeTimeoutMs).unref());
      await Promise.race([probe, timeout]);
      up = true;
    } catch (error) {
      up = false;
      reason = error instanceof Error ? error.message : String(error);
    }
    this.failures = up ? 0 : this.failures + 1;
    if (up || this.current !== 'up' || this.failures >= FAILURES_BEFORE_DOWN) this.record(up ? 'up' : 'down', reason);
    else return this.runProbe();
    return up;
  }

  private record(next: DatabaseState, reason?: string): void {
    if (next === this.current || this.stopped) return;
    const previous = this.current;
    this.current = next;
    if (next === 'up') {
      this.logger.info({ database: this.connection.database, uri: this.connection.uri, previous }, 'database is up');
      for (const resolve of this.waiters) resolve();
      this.waiters.clear();
    } else {
      this.logger.warn({ database: this.connection.database, uri: this.connection.uri, previous, reason }, 'database is down');
    }
  }
}
