import type { Database } from '../../src/neo4j/database.js';

/** Everything stored under an id prefix — nodes with labels and properties, relationships with properties — in a canonical order, for comparing two graphs. */
export async function graphUnder(database: Database, prefix: string): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  const nodes = await database.read(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id`,
    { prefix },
  );
  const relationships = await database.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $prefix OR b.id STARTS WITH $prefix
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties ORDER BY type, from, to`,
    { prefix },
  );
  return {
    nodes: nodes.map((node) => ({ ...node, labels: [...(node.labels as string[])].sort() })),
    relationships,
  };
}
