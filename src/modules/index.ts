import type { Resolvers } from '../generated/graphql.js';
import { nodeResolvers } from './node/node.resolvers.js';

/** Every module's resolvers; Apollo merges them. */
export const resolvers: Resolvers[] = [nodeResolvers];
