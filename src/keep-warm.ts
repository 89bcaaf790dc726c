/**
 * Keeps what the server derives from the whole graph ready before anyone asks: whether region pages can be read from
 * the `LOCATED_IN` index (see src/graph/query.ts), the organisation lists' histograms (`organizationFacets`), the
 * matching vocabulary and the topics' text profiles, the proximity graph (the links a candidate's path to the party in
 * need is searched over, see src/modules/matching/proximity-graph.ts), Neo4j's plans of the matcher's queries (three
 * questions of the graph's own), the default county's chains with their gap candidates, every chain's support that does not depend on the county (see
 * `warmIndustrySupport`), the holders of the most linked topics, and last the holder store's missing
 * lists (see src/modules/matching/holder-store.ts: kept in the database, so done once per change, not per start); after a change, also the matching
 * questions (32) and chains (16) users asked lately, so that their answers are kept again before they come back.
 * Everything kept is dropped by any write (see `DerivedCache`), and at a million nodes reading the vocabulary again
 * takes seconds and a chain's first analysis one to four: so once the graph has changed — a mutation, `kg import`,
 * another server's write — and then stayed unchanged for a check interval (a bulk load is not chased write by write),
 * the same round runs again. One round at a time, one question at a time: it never takes more than a connection or two
 * from the requests. A failed round is logged and tried again after a pause that doubles each time (`retryMs`, at most
 * `MAX_RETRY_MS`): at a million nodes the first round after Neo4j starts can outlast the transaction time limit on a cold
 * page cache, and without a retry the server would stay unprepared until the graph changed. Meanwhile a request reads
 * what it needs.
 */
import type { Logger } from './logger.js';
import type { Database } from './neo4j/database.js';
import { writesSeen } from './neo4j/derived-cache.js';
import { topicProfilesOf, vocabularyOf } from './modules/matching/vocabulary.js';
import { fillEvidenceStore } from './modules/matching/evidence-store.js';
import { prepareProximityGraph } from './modules/matching/matching.repository.js';
import { MATCHING_CONFIG } from './modules/matching/matching.config.js';
import { STORED_HOLDER_KINDS, fillHolderStore, warmMatching, warmTopicHolders } from './modules/matching/matching.service.js';
import { GAP_CANDIDATE_KINDS, warmChains, warmIndustrySupport } from './modules/chain/chain.service.js';
import type { ChainRules } from './modules/chain/chain.config.js';
import { checkLocatedIn } from './graph/query.js';
import { prepareFacets } from './graph/facets.js';
import { organizationFacets } from './modules/organization/organization.repository.js';

export interface KeepWarmOptions {
  /** How often the graph is checked for a change (one `RETURN 1` probe); 0 warms once, at start, and never again. */
  checkMs: number;
  /** At most this many of the default county's chains are analysed ahead (see `warmChains`); 0 for none (the chains asked lately still are). */
  chains: number;
  /**
   * The holders of at most this many of the most linked topics are read ahead (see `warmTopicHolders`) for the kinds
   * matching questions ask, and of the most linked eighth of them for those each dimension of a chain's gaps asks; 0 for none.
   */
  topics: number;
  /**
   * Whether each round ends by computing the holder store's missing lists (see `fillHolderStore`) and the evidence
   * store's missing evidence (see `fillEvidenceStore`); default true.
   */
  holderStore?: boolean;
  /** The year answers are given as of (the server's clock). */
  year: () => number;
  /** The chain rules the server applies (the same chains must be kept as the requests ask for). */
  chainRules?: ChainRules;
  /** The proximity graph is kept only when it takes at most this many MB (0: never; default `proximityGraphMaxMegabytes`). */
  proximityGraphMaxMegabytes?: number;
  /** The pause before a failed round is tried again (doubled after each failure in a row); default `RETRY_MS`. */
  retryMs?: number;
}

/**
 * Of the most linked topics read ahead for matching questions, the share also read ahead for each dimension of a
 * chain's gaps (see `warmTopicHolders`): four more sets of kinds, within the holds kept.
 */
const GAP_TOPICS_SHARE = 1 / 8;

/** The first pause before a failed round is tried again, and the longest. */
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

export interface WarmRound {
  /** Why it ran: the server started, the graph changed, or the round before failed. */
  reason: 'start' | 'change' | 'retry';
  ms: number;
  /** Matching questions answered (see `warmMatching`): its own three and those asked lately. */
  questions: number;
  chains: number;
  /** Industries whose county-independent chain support was counted ahead (see `warmIndustrySupport`). */
  industries: number;
  /** Topics whose holders were read ahead. */
  topics: number;
  /** The holder store's lists computed (those without one, per set of kinds) and kept (not marked stale meanwhile). */
  stored: { computed: number; kept: number };
  /** The evidence store's candidates computed (those without, with enough links) and kept. */
  evidence: { computed: number; kept: number };
  /** The links of the proximity graph read; null when none is kept (larger than allowed, or its read failed). */
  proximityLinks: number | null;
}

export class KeepWarm {
  /** The rounds done, oldest first (the last 16), for tests and diagnostics. */
  readonly rounds: WarmRound[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** Rounds failed in a row: the pause before the next try doubles with each. */
  private failures = 0;
  private stopped = false;
  /** The database's generation (see `writesSeen`) the last round started at, and the one seen at the last check. */
  private warmedAt = -1;
  private seenAt = -1;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: KeepWarmOptions,
  ) {}

  /** Runs the first round now and, with a check interval, checks for changes until `stop`. */
  start(): void {
    this.round('start');
    if (this.options.checkMs > 0) {
      this.timer = setInterval(() => this.check(), this.options.checkMs);
      this.timer.unref();
    }
  }

  /** No more checks; a round under way finishes (its failure, as the database closes, is not reported). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = null;
    this.retry = null;
  }

  /** Resolves once no round is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Reads the proximity graph (see `prepareProximityGraph`) and returns its links; null when none is kept. A failure is
   * logged and the round goes on: without the graph, paths are Neo4j's, as before it was read.
   */
  private async readProximityGraph(reason: WarmRound['reason'], started: number): Promise<number | null> {
    try {
      const proximity = await prepareProximityGraph(this.database, this.options.proximityGraphMaxMegabytes ?? MATCHING_CONFIG.proximityGraphMaxMegabytes);
      const megabytes = Math.round(proximity.bytes / 1e5) / 10;
      if (proximity.graph) {
        this.logger.info({ reason, ms: Math.round(performance.now() - started), links: proximity.graph.linkCount, megabytes }, 'proximity graph read');
        return proximity.graph.linkCount;
      }
      this.logger.info({ reason, megabytes, maxMegabytes: proximity.maxBytes / 1e6 }, 'proximity graph not kept: larger than PROXIMITY_GRAPH_MAX_MB allows; Neo4j finds the paths');
    } catch (error) {
      if (!this.stopped) this.logger.warn({ reason, error: error instanceof Error ? error.message : String(error) }, 'proximity graph not read; Neo4j finds the paths until the next round');
    }
    return null;
  }

  /** A change seen at the previous check and none since (the graph is quiet): warm again. */
  private check(): void {
    const seen = writesSeen(this.database);
    const quiet = seen === this.seenAt;
    this.seenAt = seen;
    if (quiet && seen !== this.warmedAt && !this.running && !this.retry) this.round('change');
  }

  private round(reason: WarmRound['reason']): void {
    const started = performance.now();
    this.warmedAt = writesSeen(this.database);
    this.seenAt = this.warmedAt;
    const year = this.options.year();
    const work = async (): Promise<WarmRound> => {
      if (!(await checkLocatedIn(this.database))) {
        this.logger.warn({ reason }, 'some LOCATED_IN relationships lack the keys derived from their ends: region pages are read from each region, slower, until the migrations derive them (restart the server or run any kg command that opens the database)');
      }
      await Promise.all(organizationFacets().map((filter) => prepareFacets(this.database, filter)));
      this.logger.info({ reason, ms: Math.round(performance.now() - started) }, 'list facets read');
      await Promise.all([vocabularyOf(this.database), topicProfilesOf(this.database)]);
      this.logger.info({ reason, ms: Math.round(performance.now() - started) }, 'matching vocabulary loaded');
      const proximityLinks = await this.readProximityGraph(reason, started);
      const questions = await warmMatching(this.database, year);
      this.logger.info({ reason, ms: Math.round(performance.now() - started), questions }, 'matching warmed up');
      const chains = await warmChains(this.database, year, this.options.chains, this.options.chainRules);
      const ms = Math.round(performance.now() - started);
      this.logger.info({ reason, ms, chains }, 'chains warmed up');
      const industries = await warmIndustrySupport(this.database, year, this.options.chainRules, () => this.stopped);
      this.logger.info({ reason, ms: Math.round(performance.now() - started), industries }, 'chain support counted');
      const topics = await warmTopicHolders(this.database, this.options.topics, { kinds: GAP_CANDIDATE_KINDS, count: Math.ceil(this.options.topics * GAP_TOPICS_SHARE) });
      this.logger.info({ reason, ms: Math.round(performance.now() - started), topics }, 'topic holders warmed up');
      const stored =
        this.options.holderStore === false
          ? { computed: 0, kept: 0 }
          : await fillHolderStore(this.database, [...STORED_HOLDER_KINDS, ...GAP_CANDIDATE_KINDS], { shouldStop: () => this.stopped });
      const total = Math.round(performance.now() - started);
      this.logger.info({ reason, ms: total, ...stored }, 'holder store filled');
      const evidence =
        this.options.holderStore === false
          ? { computed: 0, kept: 0 }
          : await fillEvidenceStore(this.database, MATCHING_CONFIG.evidenceStoredFrom, { shouldStop: () => this.stopped });
      const finished = Math.round(performance.now() - started);
      this.logger.info({ reason, ms: finished, ...evidence }, 'evidence store filled');
      return { reason, ms: finished, questions, chains, industries, topics, stored, evidence, proximityLinks };
    };
    this.running = work().then(
      (round) => {
        this.failures = 0;
        this.rounds.push(round);
        if (this.rounds.length > 16) this.rounds.shift();
      },
      (error: unknown) => {
        if (this.stopped) return;
        const retryInMs = Math.min(MAX_RETRY_MS, (this.options.retryMs ?? RETRY_MS) * 2 ** this.failures);
        this.failures += 1;
        this.logger.warn(
          { reason, error: error instanceof Error ? error.message : String(error), retryInMs },
          'not warmed up; tried again later, and meanwhile a request reads what it needs',
        );
        this.retry = setTimeout(() => {
          this.retry = null;
          if (!this.stopped && !this.running) this.round('retry');
        }, retryInMs);
        this.retry.unref();
      },
    ).finally(() => {
      this.running = null;
    });
  }
}
