import type { Resolvers } from '../../generated/graphql.js';
import { pageRequest, encodeCursor } from '../../graphql/connection.js';
import { toGlobalId, expectGlobalId } from '../../graphql/global-id.js';
import { NODE_KINDS } from '../../graph/kinds.js';
import { BadUserInputError } from '../../graphql/errors.js';
import { runMutation } from '../shared/mutations.js';
import { findEntitiesByIds } from '../../graph/entities.js';
import { findChanges } from './audit.repository.js';
import { restoreChange } from './audit.restore.js';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export const auditResolvers: Resolvers = {
  Query: {
    changes: async (_parent, args, { database }) => {
      const page = pageRequest(args);
      const since = args.filter?.since ?? undefined;
      if (since !== undefined && Number.isNaN(Date.parse(since))) throw new BadUserInputError(`filter.since: expected an ISO-8601 instant, got "${since}"`, 'filter.since');
      const entityId = args.filter?.entity ? expectGlobalId(args.filter.entity, NODE_KINDS, 'filter.entity').id : undefined;
      const { changes, total } = await findChanges(
        database,
        { entityId, actor: args.filter?.actor ?? undefined, since: since === undefined ? undefined : new Date(since).toISOString() },
        page.offset,
        page.limit + 1,
      );
      const visible = changes.slice(0, page.limit);
      return {
        nodes: visible,
        totalCount: total,
        pageInfo: {
          hasNextPage: changes.length > page.limit,
          hasPreviousPage: page.offset > 0,
          startCursor: visible.length > 0 ? encodeCursor(page.offset) : null,
          endCursor: visible.length > 0 ? encodeCursor(page.offset + visible.length - 1) : null,
        },
      };
    },
  },
  Mutation: {
    restore: (_parent, { input }, context, info) =>
      runMutation(context, info, async (writer) => {
        const change = await restoreChange(writer, input.change);
        const [entity] = change.action === 'RESTORE' && change.after && 'kind' in change.after ? await findEntitiesByIds(context.database, [change.entityId]) : [];
        return { change, entity: entity ?? null };
      }, { change: null, entity: null }),
  },
  Change: {
    entityId: (change) => toGlobalId(change.entityKind, change.entityId),
    before: (change) => json(change.before),
    after: (change) => json(change.after),
    detached: (change) => json(change.detached),
  },
};
