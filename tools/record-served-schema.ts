/**
 * Records the served schema (sorted print plus the directives applied to fields) into
 * tests/fixtures/schema/served-schema.graphql. Run it only for a deliberate API change, and commit the fixture with
 * that change: tests/unit/schema-build.test.ts compares the served schema to it, so that every client-visible change
 * shows up in review.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { loadTypeDefs } from '../src/graphql/schema.js';
import { describeServedSchema } from '../tests/support/served-schema.js';

const target = path.join(projectRoot, 'tests/fixtures/schema/served-schema.graphql');
writeFileSync(target, describeServedSchema(loadTypeDefs()));
process.stdout.write(`wrote ${path.relative(projectRoot, target)}\n`);
