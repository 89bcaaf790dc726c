/** The subgraphs that can be exported: the whole graph, a chain, a path set, a neighbourhood. */
import type { EntityModel } from '../../graph/entity.js';
import type { Database } from '../../neo4j/database.js';
import type { IndustryChainModel, MemberList } from '../chain/chain.model.js';
import type { ConnectionsModel, GraphEdgeModel, SubgraphModel } from '../links/links.model.js';
import { findInducedSubgraph, findWholeGraph } from './export.repository.js';

export { findWholeGraph };

/** A chain's subgraph: the industry, its segments and required topics, every member, project and patent, and the relationships among them. */
export async function chainSubgraph(database: Database, chain: IndustryChainModel): Promise<SubgraphModel> {
  const ids = new Set<string>([chain.industry.id]);
  const lists: MemberList[] = ['enterprises', 'rdPartners', 'researchOrganizations', 'platforms', 'experts'];
  for (const { segment, requiredTopics, members } of chain.segments) {
    ids.add(segment.id);
    const [work, ...memberLists] = await Promise.all([members.work(segment.id), ...lists.map((list) => members.list(list, segment.id))]);
    for (const entity of [...requiredTopics, ...work.projects, ...work.patents, ...memberLists.flat().map((member) => member.node)]) ids.add(entity.id);
  }
  return findInducedSubgraph(database, [...ids]);
}

/** The union of a path set's nodes and relationships, each once. */
export function pathsSubgraph(connections: ConnectionsModel): SubgraphModel {
  const nodes = new Map<string, EntityModel>();
  const edges = new Map<string, GraphEdgeModel>();
  for (const path of [...connections.shortest, ...connections.paths]) {
    for (const node of path.nodes) nodes.set(node.id, node);
    for (const edge of path.relationships) edges.set(`${edge.type}|${edge.from}|${edge.to}`, edge);
  }
  if (nodes.size === 0) for (const node of [connections.from, connections.to]) nodes.set(node.id, node);
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false };
}
