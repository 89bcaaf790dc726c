/** The shapes the matching module hands to resolvers: a page of ranked matches with how the need was read. */
import type { ConnectionModel, EdgeModel } from '../../graphql/connection.js';
import type { EntityModel } from '../../graph/entity.js';
import type { MatchModel, MatchResultModel } from './matching.service.js';
import type { RankedNeedTopic, Reason } from './matching.scoring.js';

export type { MatchModel } from './matching.service.js';
export type MatchReasonModel = Reason;
export type MatchConnectionModel = ConnectionModel<MatchModel>;
export type MatchEdgeModel = EdgeModel<MatchModel>;

/** A need topic with the topic entity it names (`WeightedTopic`). */
export interface WeightedTopicModel extends RankedNeedTopic {
  topic: EntityModel;
}

/** The answer of a matching query (`MatchResult`): the whole result's reading of the need, and one page of its matches. */
export interface MatchPageModel extends Omit<MatchResultModel, 'matches' | 'matchCount'> {
  matches: MatchConnectionModel;
}
