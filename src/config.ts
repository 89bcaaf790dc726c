import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from './clock.js';

/** The driver's limits: how long one transaction may run, and how long a request waits for a connection. */
export interface DatabaseLimits {
  /** How long one transaction may run; 0: no limit (administrative work only, see Database.unbounded). */
  transactionTimeoutMs: number;
  acquisitionTimeoutMs: number;
  connectionTimeoutMs: number;
  maxPoolSize: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { transactionTimeoutMs: 10_000, acquisitionTimeoutMs: 2_000, connectionTimeoutMs: 5_000, maxPoolSize: 50 };

/** The project's root folder (where package.json lives). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'] as const;
const LOOPBACK_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const port = z.coerce.number().int().min(1).max(65535);
const memorySize = z.string().regex(/^\d+[kmg]$/i, 'a size such as 512m or 2g');
const booleanText = z.enum(['true', 'false']);
const positive = z.coerce.number().int().min(1);

/** The query limits when none are configured: room for every documented query, none for a query bomb. */
export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  introspection: true,
  suggestions: true,
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 50_000,
};

/** Admission control when none is configured: 16 requests run (each runs a few queries in parallel, the pool holds 50). */
/**
 * The JavaScript heap's limit in MB given to the server by `npm start` (`--max-old-space-size`, from SERVER_HEAP_MB):
 * at 1M nodes the server's live heap is about 100 MB at rest and 140 MB under 16 concurrent matching requests (130 MB
 * with the benchmark's 192 needs all kept). 240 since the proximity graph (15 MB at 1M, outside the heap) came to be
 * kept: with 256 the server's resident memory reached 409 MB in the benchmark, with 240 at most 397 MB, at the same
 * latencies (see bench/scale/notes.md).
 */
export const DEFAULT_SERVER_HEAP_MB = 240;

/**
 * The largest proximity graph the server keeps, in MB (`PROXIMITY_GRAPH_MAX_MB`; see `proximityGraphMaxMegabytes` in
 * src/modules/matching/matching.config.ts, which takes it from here).
 */
export const DEFAULT_PROXIMITY_GRAPH_MAX_MB = 64;

/**
 * The young generation's semi-spaces in MB given by `npm start` (`--max-semi-space-size`; Node's default is 16): the
 * server's requests allocate much that dies young, and half the space kept the server's resident memory about 10–25 MB
 * lower at 1M nodes with no measurable change in latency.
 */
export const SERVER_SEMI_SPACE_MB = 8;

/**
 * V8's flags given by `npm start` beside the heap's: allocation-site pretenuring off. With it on, V8 allocates objects
 * straight in the old generation at sites whose objects it has seen survive, and the server's start-up fills kept
 * values through the same code (the driver's decoding, the row parsers) as every request. Under nested3 at 1M, 100
 * requests/s, the old generation grew 20 MB/s of request garbage and a full collection ran every 0.7 s, each marking
 * the whole kept heap. Off: 19–23 → 10–12 full collections in 15 s, and 207 → 251 requests/s at concurrency 8 (three
 * alternating runs each). A sampling heap profile still finds about 130 KB of each request's decoded rows promoted
 * either way. 16 MB semi-spaces served more still (nested3 at c=8 within 1.06× the floor) but took the server's
 * resident memory to 405 MB in the 1M matching runs, over its 400 MB budget (bench/scale/notes.md).
 */
export const SERVER_V8_FLAGS = ['--no-allocation-site-pretenuring'] as const;

export const DEFAULT_ADMISSION: AdmissionSettings = { maxConcurrent: 16, maxQueued: 2_000, maxWaitMs: 20_000, maxHeapFraction: 0.8 };

const environmentSchema = z.object({
  NEO4J_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((uri) => NEO4J_SCHEMES.some((scheme) => uri.startsWith(`${scheme}://`)), {
        message: `must start with one of ${NEO4J_SCHEMES.map((s) => `${s}://`).join(', ')}`,
      })
      .optional(),
  ),
  NEO4J_USER: z.preprocess(emptyAsUndefined, z.string().default('neo4j')),
  NEO4J_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
  NEO4J_DATABASE: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9][a-z0-9.-]{0,62}$/i).default('neo4j')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(4000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  SEED_DIR: z.preprocess(emptyAsUndefined, z.string().default('seeds/sample-county')),
  SEED_WHEN_EMPTY: z.preprocess(emptyAsUndefined, z.enum(['true', 'false']).default('true')),
  LOCAL_NEO4J_DIR: z.preprocess(emptyAsUndefined, z.string().default('.neo4j')),
  LOCAL_NEO4J_INSTANCE: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z0-9-]{1,40}$/, 'a short lowercase name').default('default')),
  LOCAL_NEO4J_HOST: z.preprocess(
    emptyAsUndefined,
    z.string().regex(LOOPBACK_HOSTS, 'a loopback address (127.0.0.1, localhost or ::1): the local server never listens on a network').default('127.0.0.1'),
  ),
  LOCAL_NEO4J_BOLT_PORT: z.preprocess(emptyAsUndefined, port.default(7687)),
  LOCAL_NEO4J_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .min(8, 'at least 8 characters')
      // neo4j-admin reads an argument starting with "-" as an option and refuses to set such a password.
      .refine((value) => !value.startsWith('-'), 'must not start with "-"')
      .optional(),
  ),
  LOCAL_NEO4J_HEAP: z.preprocess(emptyAsUndefined, memorySize.default('1g')),
  LOCAL_NEO4J_PAGECACHE: z.preprocess(emptyAsUndefined, memorySize.default('512m')),
  AUTH_JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'at least 32 characters').optional()),
  AUTH_JWKS_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  AUTH_ISSUER: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_AUDIENCE: z.preprocess(emptyAsUndefined, z.string().optional()),
  AUTH_ANONYMOUS_READS: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  GRAPHQL_INTROSPECTION: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  GRAPHQL_SUGGESTIONS: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  GRAPHQL_MAX_DEPTH: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_GRAPHQL_LIMITS.maxDepth)),
  GRAPHQL_MAX_ALIASES: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_GRAPHQL_LIMITS.maxAliases)),
  GRAPHQL_MAX_TOKENS: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_GRAPHQL_LIMITS.maxTokens)),
  GRAPHQL_MAX_DIRECTIVES: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_GRAPHQL_LIMITS.maxDirectives)),
  GRAPHQL_MAX_COST: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_GRAPHQL_LIMITS.maxCost)),
  HTTP_BODY_LIMIT: z.preprocess(emptyAsUndefined, z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb').default('256kb')),
  NEO4J_TRANSACTION_TIMEOUT_MS: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_DATABASE_LIMITS.transactionTimeoutMs)),
  NEO4J_ACQUISITION_TIMEOUT_MS: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_DATABASE_LIMITS.acquisitionTimeoutMs)),
  NEO4J_CONNECTION_TIMEOUT_MS: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_DATABASE_LIMITS.connectionTimeoutMs)),
  NEO4J_MAX_POOL_SIZE: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_DATABASE_LIMITS.maxPoolSize)),
  SHUTDOWN_GRACE_MS: z.preprocess(emptyAsUndefined, positive.default(10_000)),
  GRAPHQL_MAX_CONCURRENT: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_ADMISSION.maxConcurrent)),
  GRAPHQL_MAX_QUEUED: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_ADMISSION.maxQueued)),
  GRAPHQL_MAX_WAIT_MS: z.preprocess(emptyAsUndefined, positive.default(DEFAULT_ADMISSION.maxWaitMs)),
  GRAPHQL_MAX_HEAP_FRACTION: z.preprocess(emptyAsUndefined, z.coerce.number().gt(0).lte(1).default(DEFAULT_ADMISSION.maxHeapFraction)),
  WARM_UP: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  GRAPHQL_DIRECT_ANSWERS: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  WARM_UP_CHECK_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(10_000)),
  WARM_UP_CHAINS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1000).default(24)),
  WARM_UP_TOPICS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(2000).default(300)),
  HOLDER_STORE: z.preprocess(emptyAsUndefined, booleanText.default('true')),
  PROXIMITY_GRAPH_MAX_MB: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(4096).default(DEFAULT_PROXIMITY_GRAPH_MAX_MB)),
  SOURCE_MAPPED_STACKS: z.preprocess(emptyAsUndefined, booleanText.default('false')),
  COUNTY_TIME_ZONE: z.preprocess(emptyAsUndefined, z.string().refine(isTimeZone, 'an IANA time zone name such as Asia/Shanghai').default(DEFAULT_TIME_ZONE)),
});

/** Connection settings of a Neo4j server, however it was found. */
export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/** Settings of a Neo4j server that this project downloads, starts and stops itself. */
export interface LocalNeo4jSettings {
  /** The instance name; each instance has its own data, logs, port and password. */
  instance: string;
  /** Root folder for downloaded jars and instances (git-ignored). */
  rootDir: string;
  host: string;
  boltPort: number;
  /** Password to set on first start; a random one is generated and kept when absent. */
  password?: string;
  heap: string;
  pageCache: string;
}

/** Admission control: GraphQL requests running at once, waiting at most, and how long one may wait. */
export interface AdmissionSettings {
  maxConcurrent: number;
  maxQueued: number;
  maxWaitMs: number;
  /** Beyond this share of the heap's limit in use, a request starts only when none is running. */
  maxHeapFraction: number;
}

export interface AppConfig {
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Set when NEO4J_URI is given: an external server. Otherwise the local one is used. */
  externalNeo4j?: Neo4jConnection;
  neo4jDatabase: string;
  localNeo4j: LocalNeo4jSettings;
  seed: { directory: string; whenEmpty: boolean };
  auth: AuthSettings;
  graphql: GraphQLLimits;
  /** Driver limits: every transaction's timeout, and how long a request may wait for a pooled connection. */
  neo4jLimits: DatabaseLimits;
  http: { host: string; port: number; bodyLimit: string; shutdownGraceMs: number };
  admission: AdmissionSettings;
  /** Whether queries that allow it are answered directly from their one read (see src/graphql/direct.ts). */
  directAnswers: boolean;
  /** The county's time zone (IANA name): "today" and "this year" of every answer and write are read in it. */
  countyTimeZone: string;
  /** What the server prepares before anyone asks, and again once the graph changed (see `KeepWarm`). */
  warmUp: { enabled: boolean; checkMs: number; chains: number; topics: number; holderStore: boolean; proximityGraphMaxMegabytes: number };
  /**
   * Whether the server's stack traces point into the TypeScript sources (source maps on) or into the code tsx compiled
   * from them (off, the default of `npm start`): mapping a stack is paid on every database round trip, since the Neo4j
   * driver records the caller's stack for each query (see src/index.ts).
   */
  sourceMappedStacks: boolean;
}

/** How bearer tokens are checked: an HS256 secret (generated and kept locally when none is configured) or a JWKS URL. */
export interface AuthSettings {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Whether a request without a token may read (never write). */
  anonymousReads: boolean;
}

/** Limits every GraphQL document must meet before it executes. */
export interface GraphQLLimits {
  introspection: boolean;
  suggestions: boolean;
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

/** A configuration error: names every variable at fault and what was expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration from environment variables; throws ConfigError naming each bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      const received = environment[variable];
      const shown = variable.includes('PASSWORD') || received === undefined ? '' : ` (received "${received}")`;
      return `${variable}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  if (env.AUTH_JWT_SECRET && env.AUTH_JWKS_URL) {
    throw new ConfigError('Invalid configuration:\n  AUTH_JWKS_URL: set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  if (env.NEO4J_URI && env.NEO4J_PASSWORD === undefined) {
    throw new ConfigError('Invalid configuration:\n  NEO4J_PASSWORD: required when NEO4J_URI is set');
  }
  return {
    http: { host: env.HOST, port: env.PORT, bodyLimit: env.HTTP_BODY_LIMIT, shutdownGraceMs: env.SHUTDOWN_GRACE_MS },
    logLevel: env.LOG_LEVEL,
    externalNeo4j: env.NEO4J_URI
      ? { uri: env.NEO4J_URI, user: env.NEO4J_USER, password: env.NEO4J_PASSWORD ?? '', database: env.NEO4J_DATABASE }
      : undefined,
    neo4jDatabase: env.NEO4J_DATABASE,
    localNeo4j: {
      instance: env.LOCAL_NEO4J_INSTANCE,
      rootDir: path.resolve(projectRoot, env.LOCAL_NEO4J_DIR),
      host: env.LOCAL_NEO4J_HOST,
      boltPort: env.LOCAL_NEO4J_BOLT_PORT,
      password: env.LOCAL_NEO4J_PASSWORD,
      heap: env.LOCAL_NEO4J_HEAP,
      pageCache: env.LOCAL_NEO4J_PAGECACHE,
    },
    seed: { directory: path.resolve(projectRoot, env.SEED_DIR), whenEmpty: env.SEED_WHEN_EMPTY === 'true' },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      anonymousReads: env.AUTH_ANONYMOUS_READS === 'true',
    },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION === 'true',
      suggestions: env.GRAPHQL_SUGGESTIONS === 'true',
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
      maxCost: env.GRAPHQL_MAX_COST,
    },
    countyTimeZone: env.COUNTY_TIME_ZONE,
    directAnswers: env.GRAPHQL_DIRECT_ANSWERS === 'true',
    sourceMappedStacks: env.SOURCE_MAPPED_STACKS === 'true',
    warmUp: { enabled: env.WARM_UP === 'true', checkMs: env.WARM_UP_CHECK_MS, chains: env.WARM_UP_CHAINS, topics: env.WARM_UP_TOPICS, holderStore: env.HOLDER_STORE === 'true', proximityGraphMaxMegabytes: env.PROXIMITY_GRAPH_MAX_MB },
    admission: { maxConcurrent: env.GRAPHQL_MAX_CONCURRENT, maxQueued: env.GRAPHQL_MAX_QUEUED, maxWaitMs: env.GRAPHQL_MAX_WAIT_MS, maxHeapFraction: env.GRAPHQL_MAX_HEAP_FRACTION },
    neo4jLimits: {
      transactionTimeoutMs: env.NEO4J_TRANSACTION_TIMEOUT_MS,
      acquisitionTimeoutMs: env.NEO4J_ACQUISITION_TIMEOUT_MS,
      connectionTimeoutMs: env.NEO4J_CONNECTION_TIMEOUT_MS,
      maxPoolSize: env.NEO4J_MAX_POOL_SIZE,
    },
  };
}

/* ---- Chain analysis rules (re-exported by src/modules/chain/chain.config.ts; see that module) ---- */

/** The support dimensions of a segment, each counted by `chain.repository.ts`, in the order the API lists them. */
export const SUPPORT_DIMENSIONS = ['ENTERPRISES', 'RD_PARTNERS', 'PLATFORMS', 'EXPERTS', 'RECENT_PROJECTS'] as const;
export type SupportDimension = (typeof SUPPORT_DIMENSIONS)[number];

export interface ChainRules {
  /** A segment is STALE when no project on it started in the last `staleYears` years (startYear ≥ asOfYear − staleYears). */
  staleYears: number;
  /**
   * A segment is WEAK in a dimension when it has some support there but less than this minimum
   * (zero support is the stronger verdict NO_ENTERPRISE, NO_RD_PARTNER, NO_PLATFORM, NO_EXPERT or STALE).
   */
  weakMinimums: Record<SupportDimension, number>;
  /** Gap candidates are scored by the matching module (src/modules/matching/matching.config.ts), like partner recommendations. */
  /** How many candidates a gap lists by default and at most. */
  candidatesDefault: number;
  candidatesMax: number;
}

export const CHAIN_RULES: ChainRules = {
  staleYears: 5,
  weakMinimums: { ENTERPRISES: 2, RD_PARTNERS: 1, PLATFORMS: 1, EXPERTS: 3, RECENT_PROJECTS: 1 },
  candidatesDefault: 5,
  candidatesMax: 20,
};

/** The rules applied to one chain: the configured rules and the year they were applied as of. */
export interface AppliedChainRules extends ChainRules {
  asOfYear: number;
}

/** Returns `rules` when every threshold is a whole number in range; throws naming the first one that is not. */
export function checkedChainRules(rules: ChainRules): ChainRules {
  const wholeIn = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`chain rules: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  };
  wholeIn('staleYears', rules.staleYears, 1, 100);
  for (const dimension of SUPPORT_DIMENSIONS) wholeIn(`weakMinimums.${dimension}`, rules.weakMinimums[dimension], 1, 1000);
  wholeIn('candidatesMax', rules.candidatesMax, 0, 100);
  wholeIn('candidatesDefault', rules.candidatesDefault, 0, rules.candidatesMax);
  return rules;
}
