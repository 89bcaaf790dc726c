/**
 * `npm run bench`: with `-- --size <N>`, the scale benchmark over HTTP against a generated dataset of N nodes
 * (bench/scale/run.ts: ours, the raw-Cypher floor and the @neo4j/graphql peer; writes bench/RESULTS.md);
 * without it, `npm run bench [-- runs]` compares the API with the raw-Cypher floor in-process on the sample
 * county (bench/sample.ts); with `-- --report`, bench/RESULTS.md written again from the kept figures and
 * bench/scale/notes.md (nothing measured).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { rewriteReport } from './scale/report.js';
import { runScaleBench } from './scale/run.js';
import { runSampleBench } from './sample.js';

const argv = process.argv.slice(2);
if (argv.includes('--report')) rewriteReport(readFileSync(path.join(projectRoot, 'bench/scale/notes.md'), 'utf8'));
else if (argv.some((argument) => argument === '--size' || argument.startsWith('--size='))) await runScaleBench(argv);
else await runSampleBench(Number(argv[0] ?? 30));
