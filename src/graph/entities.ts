/** Entities of any kind by record id: what loaders, mutations and services look nodes up with. */
import { z } from 'zod';
import type { EntityModel } from './entity.js';
import { ENTITY_LABEL, NODE_KINDS, ORGANIZATION_LABEL } from './kinds.js';
import { parseRows } from './rows.js';
import type { Database } from '../neo4j/database.js';

const entityRowSchema = z.object({ id: z.string(), kind: z.enum(NODE_KINDS), properties: z.record(z.string(), z.unknown()) });

/** Loads nodes of any kind by record id; returns one entry per id, in id order, null where none exists. */
export async function findEntitiesByIds(database: Database, ids: readonly string[]): Promise<Array<EntityModel | null>> {
  const rows = await database.read(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY_LABEL} {id: id})
     RETURN n.id AS id, [label IN labels(n) WHERE NOT label IN ['${ENTITY_LABEL}', '${ORGANIZATION_LABEL}']][0] AS kind, properties(n) AS properties`,
    { ids },
  );
  const entities = parseRows(entityRowSchema, rows, 'findEntitiesByIds').map(({ id, kind, properties }): EntityModel => ({ ...properties, nodeKind: kind, id }));
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  return ids.map((id) => byId.get(id) ?? null);
}
