import { z } from 'zod';
import { parseRows } from '../../graph/rows.js';
import type { Database } from '../../neo4j/database.js';

export { findEntitiesByIds } from '../../graph/entities.js';

const countGraphRow = z.object({ nodes: z.number(), relationships: z.number() });

/** Counts of the whole graph, for the service status. */
export async function countGraph(database: Database): Promise<{ nodes: number; relationships: number }> {
  const rows = await database.read(
    'CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  const [counts] = parseRows(countGraphRow, rows, 'countGraph');
  return counts ?? { nodes: 0, relationships: 0 };
}
