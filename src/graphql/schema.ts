import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

/** The schema's SDL: every file of schema/, in name order. */
export function loadTypeDefs(): string[] {
  const folder = path.join(projectRoot, 'schema');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(folder, file), 'utf8'));
}
