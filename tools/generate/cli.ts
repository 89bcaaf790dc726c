/**
 * `npm run generate -- --nodes <N> --seed <S> --out <folder> [--id-prefix <p>]`: writes a synthetic province of N
 * nodes (about five relationships each) in the seed format; the same arguments give the same bytes.
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { generateDataset } from './generate.js';
import { MINIMUM_NODES } from './plan.js';

const wholeNumber = (minimum: number) => (value: string) => {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed < minimum) throw new InvalidArgumentError(`expected a whole number ≥ ${minimum}`);
  return parsed;
};

const program = new Command('generate')
  .description('Write a deterministic synthetic dataset (a province) in the seed format')
  .requiredOption('--nodes <n>', `number of nodes (≥ ${MINIMUM_NODES}; 1_000_000 is accepted)`, wholeNumber(MINIMUM_NODES))
  .option('--seed <s>', 'random seed', wholeNumber(0), 1)
  .requiredOption('--out <folder>', 'folder to write (created; its nodes/ and relationships/ are replaced)')
  .option('--id-prefix <prefix>', 'first segment of every id, e.g. gen → gen:expert:42', (value: string) => {
    if (!/^[a-z][a-z0-9-]*$/.test(value)) throw new InvalidArgumentError('expected lowercase ASCII letters, digits and dashes, starting with a letter');
    return value;
  }, 'gen')
  .action((options: { nodes: number; seed: number; out: string; idPrefix: string }) => {
    const summary = generateDataset({
      nodes: options.nodes,
      seed: options.seed,
      folder: path.resolve(options.out),
      idPrefix: options.idPrefix,
      onFile: (file, records) => process.stdout.write(`  ${file}: ${records}\n`),
    });
    const rss = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `generated ${summary.nodes} nodes and ${summary.relationships} relationships (${(summary.relationships / summary.nodes).toFixed(2)} per node) ` +
        `into ${options.out} in ${(summary.durationMs / 1000).toFixed(1)} s, peak RSS ${rss.toFixed(0)} MB\n`,
    );
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
