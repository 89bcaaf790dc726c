import type { Resolvers } from '../../generated/graphql.js';
import { globalIdField } from '../node/node.resolvers.js';
import { connectionField, listResolver, oneField } from '../../graphql/relations.js';
import { propertyResolver } from '../../graphql/prefetch.js';
import { sortOrder } from '../shared/filters.js';
import { projectRelations } from '../project/project.repository.js';
import { industryRelations } from '../industry/industry.repository.js';
import { demandConditions, demandRelations } from './demand.repository.js';
import { NOTHING_DELETED, runMutation } from '../shared/mutations.js';
import { createDemand, deleteDemand, updateDemand } from './demand.mutations.js';
import { numberValue } from '../../graph/properties.js';


export const demandResolvers: Resolvers = {
  Query: {
    demands: listResolver((args) => ({ label: 'Demand', conditions: demandConditions(args.filter), order: sortOrder(args.orderBy, { expression: 'node.postedOn', direction: 'DESC' }) })),
  },
  Demand: {
    ...globalIdField,
    budget: propertyResolver('budget', (value) => numberValue(value, 'Demand.budget') ?? 0),
    postedBy: oneField(demandRelations.postedBy),
    requiredTopics: connectionField(industryRelations.requiredTopics),
    industries: connectionField(projectRelations.industries),
    takenBy: connectionField(demandRelations.takenBy),
  },
};

export const demandMutationResolvers: Resolvers = {
  Mutation: {
    demandCreate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ demand: await createDemand(writer, input) }), { demand: null }),
    demandUpdate: (_p, { input }, context, info) => runMutation(context, info, async (writer) => ({ demand: await updateDemand(writer, input) }), { demand: null }),
    demandDelete: (_p, { input }, context, info) => runMutation(context, info, (writer) => deleteDemand(writer, input), NOTHING_DELETED),
  },
};
