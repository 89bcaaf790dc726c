import type { Resolvers } from '../../generated/graphql.js';
import { BadUserInputError } from '../../graphql/errors.js';
import { pageRequest, selectsField, toConnection } from '../../graphql/connection.js';
import { searchEntities } from './search.repository.js';
import { highlightsOf } from './search.highlight.js';

const MAX_QUERY_LENGTH = 200;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_parent, args, context, info) => {
      const text = args.query.trim();
      if (text.length === 0) throw new BadUserInputError('query: must contain at least one character to search for', 'query');
      if (text.length > MAX_QUERY_LENGTH) throw new BadUserInputError(`query: at most ${MAX_QUERY_LENGTH} characters, got ${text.length}`, 'query');
      const page = pageRequest(args);
      const { hits, total } = await searchEntities(context.database, text, args.kinds ?? null, page, selectsField(info, 'totalCount'));
      const items = hits.map((hit) => ({ node: hit.node, edge: { score: hit.score, highlights: highlightsOf(hit.node, text) } }));
      return toConnection(items, page, total);
    },
  },
};
