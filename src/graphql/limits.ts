/**
 * What a document must meet before it runs: depth, aliases, tokens and directives (GraphQL Armor), and a cost
 * budget (graphql-query-complexity) that multiplies each list's page size through nested selections and charges
 * the analytical fields what they really cost the database. A refused document gets a 400 naming the limit and
 * the measured value, and never reaches a resolver.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, Kind, Lexer, Source, TokenKind, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { GraphQLLimits } from '../config.js';
import { ErrorCode } from './errors.js';

export { DEFAULT_GRAPHQL_LIMITS as DEFAULT_LIMITS } from '../config.js';

/**
 * The cost of one call of a field, before its selection: the analytical fields run several queries or walk large
 * parts of the graph. Every other field costs 1.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.search': 100,
  'Query.expertSearch': 2_500,
  'Query.partnerRecommendations': 2_500,
  'Query.demandMatches': 2_500,
  'Query.industryChain': 5_000,
  'Query.clusterOverview': 2_500,
  'Query.indicatorProgress': 500,
  'Query.connections': 2_500,
  'Query.neighborhood': 1_000,
  'Query.chainBridges': 1_000,
  'Query.graphExport': 12_000,
  'Query.changes': 100,
  'ChainGap.candidates': 250,
  'IndustryChain.export': 5_000,
  'Connections.export': 2_500,
  'Subgraph.export': 2_500,
};

/** How many items a list without a page-size argument is assumed to hold (such lists are short: reasons, levels…). */
export const ASSUMED_LIST_SIZE = 5;

/**
 * Each field costs its FIELD_COSTS entry plus its selection's cost times the items it may return: its page size
 * (`first`, `limit`) for lists and connections, ASSUMED_LIST_SIZE for other lists. A single object with a page size
 * (a subgraph of at most `limit` nodes) pays one per item on top of its selection.
 */
export const fieldCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.startsWith('__')) return childComplexity;
  const own = FIELD_COSTS[`${type.name}.${field.name}`] ?? 1;
  // A connection's `nodes` and `edges` hold the page its field already paid for with `first`.
  if (type.name.endsWith('Connection')) return own + childComplexity;
  const pageSize = typeof args.first === 'number' ? Math.max(args.first, 1) : typeof args.limit === 'number' ? Math.max(args.limit, 1) : undefined;
  // By its printed form ("[Expert!]!", "ExpertConnection!"), not instanceof: the schema may come from the other build of graphql.
  const printed = String(field.type);
  if (printed.startsWith('[')) return own + (pageSize ?? ASSUMED_LIST_SIZE) * childComplexity;
  if (printed.replace(/!$/, '').endsWith('Connection')) return own + (pageSize ?? 1) * childComplexity;
  return own + (pageSize ?? 0) + childComplexity;
};

/** The cost of a document with its variables (the operation named, or the only one). */
export function documentCost(schema: GraphQLSchema, query: Parameters<typeof getComplexity>[0]['query'], variables: Record<string, unknown> | undefined, operationName?: string): number {
  return getComplexity({ schema, query, variables, operationName, estimators: [fieldCostEstimator] });
}

/** Whether graphql refused a variable's value (by shape: the graphql package may be loaded twice). */
function isVariableCoercionError(error: unknown): boolean {
  const nodes = (error as { nodes?: ReadonlyArray<{ kind?: unknown }> } | null)?.nodes;
  return error instanceof Error && nodes?.length === 1 && nodes[0]?.kind === Kind.VARIABLE_DEFINITION && error.message.startsWith('Variable "$');
}

/** The costs worked out, per document (Apollo keeps a parsed document for each text it has met) and variables. */
const COSTS_KEPT_PER_DOCUMENT = 256;

/**
 * Refuses, before execution, an operation whose cost exceeds the budget. The cost of a document with given variables
 * is worked out once (walking the document against the schema took a few tenths of a millisecond of every request).
 */
function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  const kept = new WeakMap<object, LRUCache<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let costs = kept.get(document);
          if (!costs) {
            costs = new LRUCache<string, number>({ max: COSTS_KEPT_PER_DOCUMENT });
            kept.set(document, costs);
          }
          const key = JSON.stringify([operationName ?? null, request.variables ?? null]);
          let cost = costs.get(key);
          if (cost === undefined) {
            try {
              cost = documentCost(schema, document, request.variables ?? undefined, operationName ?? undefined);
            } catch (error) {
              // Variables that do not fit their types: execution refuses them before any resolver runs (400 BAD_USER_INPUT).
              if (isVariableCoercionError(error)) return;
              throw error;
            }
            costs.set(key, cost);
          }
          if (cost > maxCost) {
            throw new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}. Ask for fewer items (first/limit) or fewer nested lists.`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'cost', maximum: maxCost, measured: cost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** How many tokens a document has (lexing is linear, and the body size is already bounded). */
function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexical error ends the count; the parser will report it.
  }
  return count;
}

/** Documents found within the token limit, by text (at most 1 MB of them): an application sends the same few again and again. */
const TOKEN_CHECKS_KEPT_BYTES = 1 << 20;
/** Longer documents are checked every time (they are rare, and would crowd out the others). */
const LONGEST_TOKEN_CHECK_KEPT = 64 * 1024;
const withinTokenLimit = new LRUCache<string, number>({ maxSize: TOKEN_CHECKS_KEPT_BYTES, sizeCalculation: (_limit, source) => Math.max(source.length, 1) });

/**
 * Refuses a document of more than `maxTokens` tokens as it is lexed, before it is parsed whole; null when within.
 * (Run from the HTTP layer: Apollo turns errors thrown from its own hooks into a 500.)
 */
export function tokenLimitError(source: string, maxTokens: number): GraphQLError | null {
  if (withinTokenLimit.get(source) === maxTokens) return null;
  const error = checkTokens(source, maxTokens);
  if (!error && source.length <= LONGEST_TOKEN_CHECK_KEPT) withinTokenLimit.set(source, maxTokens);
  return error;
}

function checkTokens(source: string, maxTokens: number): GraphQLError | null {
  try {
    new MaxTokensParserWLexer(source, { n: maxTokens, exposeLimits: true, onAccept: [], onReject: [], propagateOnRejection: true }).parseDocument();
    return null;
  } catch (error) {
    // By message, not instanceof: the lexer throws the GraphQLError of its own build of graphql.
    if (error instanceof Error && /token limit/i.test(error.message)) {
      const measured = countTokens(source);
      return new GraphQLError(`Token limit of ${maxTokens} exceeded, found ${measured}: the document is too long.`, {
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'tokens', maximum: maxTokens, measured },
      });
    }
    return null; // other syntax errors are reported by the normal parser, with their usual code
  }
}

function reportAsValidationError(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limit: true } }));
}

/** The validation rules and plugins that enforce `limits`. */
export function queryLimits(limits: GraphQLLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  // Report a rejection as a validation error (400), instead of throwing from inside validation (500).
  const report = { propagateOnRejection: false, exposeLimits: true, onReject: [reportAsValidationError] };
  const validationRules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report }),
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...report }),
    maxDirectivesRule({ n: limits.maxDirectives, ...report }),
  ];
  return { validationRules, plugins: [costLimitPlugin(limits.maxCost)] };
}
