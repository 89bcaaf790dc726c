/**
 * `npm run db:start | db:stop | db:status`: manages the project's local Neo4j server
 * (downloaded with Maven on first use, data under .neo4j/, Bolt on 127.0.0.1 only).
 */
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { LocalNeo4jError, localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from './manager.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<void> {
  const program = new Command('db').description("Manage the project's local Neo4j server");
  const settings = () => loadConfig().localNeo4j;
  program
    .command('start')
    .description('Download Neo4j on first use, start it and wait until Bolt answers (a running server is reused)')
    .action(async () => {
      const handle = await startLocalNeo4j(settings(), print);
      if (handle.alreadyRunning) print(`Neo4j ${handle.version} is already running (pid ${handle.pid}) on ${handle.connection.uri}.`);
      print(`Bolt: ${handle.connection.uri}  user: neo4j  password: kept in .neo4j/instances/${settings().instance}/password`);
    });
  program
    .command('stop')
    .description('Stop the local Neo4j server cleanly')
    .action(async () => {
      await stopLocalNeo4j(settings(), print);
    });
  program
    .command('status')
    .description('Say whether the local Neo4j is installed, running and answering')
    .option('--json', 'print the status as JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await localNeo4jStatus(settings());
      if (options.json) {
        print(JSON.stringify(status));
        return;
      }
      print(`instance:  ${status.instance} (${status.home})`);
      print(`version:   Neo4j ${status.version} Community${status.installed ? '' : ' (not downloaded yet)'}`);
      print(`state:     ${status.running ? `running, pid ${status.pid}` : 'stopped'}`);
      print(`bolt:      ${status.uri} ${status.running ? (status.boltAnswers ? '(answering)' : '(not answering)') : ''}`);
    });
  await program.parseAsync(argv);
}

main(process.argv).catch((error: unknown) => {
  if (error instanceof LocalNeo4jError || error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
});
