/** Cypher of indicator progress: indicators with their region, and the values derived from the graph for a region. */
import { entityProjection } from '../../graph/projection.js';
import type { EntityModel } from '../../graph/entity.js';
import type { Database } from '../../neo4j/database.js';
import { z } from 'zod';
import { entitySchema, parseRows } from '../../graph/rows.js';
import { INDICATOR_DERIVATIONS } from './indicator.derivations.js';

const findIndicatorsRow = z.object({ indicator: entitySchema, region: entitySchema.nullable() });

/** Indicators (all, or those a cluster contributes to), by name, each with the first region it MEASURES. */
export async function findIndicators(database: Database, clusterId: string | null): Promise<Array<{ indicator: EntityModel; region: EntityModel | null }>> {
  const rows = await database.read(
    `MATCH (indicator:Indicator)
     WHERE $clusterId IS NULL OR EXISTS { MATCH (indicator)<-[:CONTRIBUTES_TO]-(:IndustryCluster {id: $clusterId}) }
     CALL (indicator) {
       OPTIONAL MATCH (indicator)-[:MEASURES]->(region:Region)
       WITH region ORDER BY region.name LIMIT 1
       RETURN CASE WHEN region IS NULL THEN null ELSE ${entityProjection('region')} END AS region
     }
     RETURN ${entityProjection('indicator')} AS indicator, region
     ORDER BY indicator.name, indicator.id`,
    { clusterId },
  );
  return parseRows(findIndicatorsRow, rows, 'findIndicators');
}

const derivedIndicatorValuesRow = z.object({ regionId: z.string(), values: z.record(z.string(), z.number().nullable()) });

/** Every derivation's value for each region, keyed by region id then indicator code (null when not computable). */
export async function deriveIndicatorValues(database: Database, regionIds: readonly string[]): Promise<Map<string, Record<string, number | null>>> {
  if (regionIds.length === 0) return new Map();
  const rows = await database.read(
    `UNWIND $regionIds AS regionId
     MATCH (region:Region {id: regionId})
     RETURN region.id AS regionId, {${INDICATOR_DERIVATIONS.map((derivation) => `${derivation.code}: ${derivation.cypher}`).join(', ')}} AS values`,
    { regionIds },
  );
  return new Map(parseRows(derivedIndicatorValuesRow, rows, 'derived indicator values').map((row) => [row.regionId, row.values]));
}
