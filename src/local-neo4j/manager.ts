import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import neo4j from 'neo4j-driver';
import { projectRoot, type LocalNeo4jSettings, type Neo4jConnection } from '../config.js';

const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_TOOL = 'org.neo4j.cli.AdminTool';
const POM_PATH = path.join(projectRoot, 'tools', 'neo4j', 'pom.xml');
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

/** Receives one human-readable progress line at a time. */
export type ProgressSink = (line: string) => void;

/** A failure to install, start or stop the local Neo4j; the message says what to do. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

/** The Neo4j version pinned in tools/neo4j/pom.xml. */
export function pinnedNeo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM_PATH, 'utf8'));
  if (!match?.[1]) throw new LocalNeo4jError(`No <neo4j.version> in ${POM_PATH}`);
  return match[1];
}

interface InstancePaths {
  home: string;
  conf: string;
  data: string;
  logs: string;
  run: string;
  pidFile: string;
  passwordFile: string;
  consoleLog: string;
  lockFile: string;
}

function instancePaths(settings: LocalNeo4jSettings): InstancePaths {
  const home = path.join(settings.rootDir, 'instances', settings.instance);
  return {
    home,
    conf: path.join(home, 'conf'),
    data: path.join(home, 'data'),
    logs: path.join(home, 'logs'),
    run: path.join(home, 'run'),
    pidFile: path.join(home, 'run', 'neo4j.pid'),
    passwordFile: path.join(home, 'password'),
    consoleLog: path.join(home, 'logs', 'console.log'),
    lockFile: path.join(home, 'run', 'start.lock'),
  };
}

function libraryDirectory(settings: LocalNeo4jSettings): string {
  return path.join(settings.rootDir, 'lib', pinnedNeo4jVersion());
}

/** Downloads Neo4j's jars through Maven once (printing each artifact as it arrives); returns the jar folder. */
export async function installNeo4j(settings: LocalNeo4jSettings, progress: ProgressSink): Promise<string> {
  const libDir = libraryDirectory(settings);
  if (existsSync(path.join(libDir, '.complete'))) return libDir;
  const version = pinnedNeo4jVersion();
  if (spawnSync('mvn', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new LocalNeo4jError('Maven (mvn) is needed once to download Neo4j from Maven Central; install it (e.g. apt-get install maven) or set NEO4J_URI to a running server.');
  }
  const partial = `${libDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  progress(`Downloading Neo4j ${version} Community (org.neo4j:neo4j and its dependencies, about 125 MB) with Maven…`);
  const started = Date.now();
  let downloadedJars = 0;
  let downloadedBytes = 0;
  let copiedJars = 0;
  const child = spawn('mvn', ['-B', '-f', POM_PATH, 'dependency:copy-dependencies', `-DoutputDirectory=${partial}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    output.push(line);
    if (output.length > 200) output.shift();
    const download = /Downloaded from \S+: \S+\.jar \(([\d.]+) (B|kB|MB)/.exec(line);
    if (download) {
      downloadedJars += 1;
      // The pattern's second group is one of these units.
      downloadedBytes += Number(download[1]) * ({ B: 1, kB: 1e3, MB: 1e6 } as const)[download[2] as 'B' | 'kB' | 'MB'];
      if (downloadedJars % 10 === 0) progress(`  downloaded ${downloadedJars} jars, ${(downloadedBytes / 1e6).toFixed(1)} MB (${seconds()} s)`);
    } else if (/Copying \S+\.jar/.test(line)) {
      copiedJars += 1;
      if (copiedJars % 50 === 0) progress(`  ${copiedJars} jars copied into place (${seconds()} s)`);
    } else if (/\[ERROR\]|BUILD FAILURE/.test(line)) {
      progress(`  maven: ${line}`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exitCode: number = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  if (exitCode !== 0) {
    throw new LocalNeo4jError(`Maven could not download Neo4j ${version} (exit ${exitCode}). Last output:\n${output.slice(-25).join('\n')}`);
  }
  const jars = readdirSync(partial).filter((file) => file.endsWith('.jar'));
  if (!jars.some((jar) => jar.startsWith('neo4j-server-'))) {
    throw new LocalNeo4jError(`The download has no neo4j-server jar (${jars.length} jars); the pom in ${POM_PATH} is wrong.`);
  }
  writeFileSync(path.join(partial, '.complete'), `${version}\n${jars.length} jars\n`);
  rmSync(libDir, { recursive: true, force: true });
  renameSync(partial, libDir);
  progress(`Neo4j ${version}: ${jars.length} jars downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return libDir;
}

/**
 * Whether `pid` is this instance's server: alive, and (where /proc exists) a Neo4j server whose command line names
 * this instance's home folder. A pid file left behind, whose number now belongs to another instance's server or to
 * any other process, never counts, so stopping one instance can never signal another.
 */
function isInstanceServer(pid: number, paths: InstancePaths): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  let commandLine: string[];
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return true; // no /proc: trust the signal check
  }
  return commandLine.includes(ENTRY_POINT) && commandLine.includes(`--home-dir=${paths.home}`);
}

function readPid(paths: InstancePaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(paths.pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && isInstanceServer(pid, paths) ? pid : undefined;
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function writeConfiguration(settings: LocalNeo4jSettings, paths: InstancePaths): void {
  for (const folder of [paths.conf, paths.data, paths.logs, paths.run, path.join(paths.home, 'plugins'), path.join(paths.home, 'import')]) {
    mkdirSync(folder, { recursive: true });
  }
  const lines = [
    '# Written by src/local-neo4j/manager.ts at every start; edit the environment variables instead.',
    `server.default_listen_address=${settings.host}`,
    `server.default_advertised_address=${settings.host}`,
    'server.bolt.enabled=true',
    `server.bolt.listen_address=${settings.host}:${settings.boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.directories.data=${paths.data}`,
    `server.directories.logs=${paths.logs}`,
    `server.directories.run=${paths.run}`,
    `server.directories.plugins=${path.join(paths.home, 'plugins')}`,
    `server.directories.import=${path.join(paths.home, 'import')}`,
    `server.memory.pagecache.size=${settings.pageCache}`,
    'dbms.security.auth_enabled=true',
    'dbms.usage_report.enabled=false',
    'db.tx_log.rotation.retention_policy=2 files',
    // Transactions past their timeout are found by a monitor that runs every 2 s by default, so a 10 s limit could act
    // at 12 s and a short one not at all; checked every 100 ms, the limit holds to within a tenth of a second.
    'db.transaction.monitor.check.interval=100ms',
    'server.logs.debug.enabled=true',
  ];
  writeFileSync(path.join(paths.conf, 'neo4j.conf'), `${lines.join('\n')}\n`);
}

function javaEnvironment(paths: InstancePaths): NodeJS.ProcessEnv {
  return { ...process.env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf };
}

function javaOptions(settings: LocalNeo4jSettings): string[] {
  return [
    `-Xms${settings.heap}`,
    `-Xmx${settings.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  ];
}

/** Returns the instance's password, creating and storing a random one (or the configured one) on first use. */
function instancePassword(settings: LocalNeo4jSettings, paths: InstancePaths): string {
  if (existsSync(paths.passwordFile)) {
    const stored = readFileSync(paths.passwordFile, 'utf8').trim();
    if (settings.password && settings.password !== stored) {
      throw new LocalNeo4jError(
        `LOCAL_NEO4J_PASSWORD differs from the password this instance was created with (kept in ${paths.passwordFile}). Unset it, or delete ${paths.home} to start afresh.`,
      );
    }
    return stored;
  }
  // Hex: a base64url password starts with "-" one time in 64, and neo4j-admin then reads it as an option
  // ("Missing required parameter: '<password>'"): a fresh clone's first start failed that way.
  const password = settings.password ?? randomBytes(18).toString('hex');
  mkdirSync(paths.home, { recursive: true });
  writeFileSync(paths.passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

function setInitialPassword(libDir: string, paths: InstancePaths, password: string): void {
  if (existsSync(path.join(paths.data, 'dbms', 'auth.ini')) || existsSync(path.join(paths.data, 'databases', 'system'))) return;
  const result = spawnSync('java', ['-cp', `${libDir}/*`, ADMIN_TOOL, 'dbms', 'set-initial-password', password], {
    env: javaEnvironment(paths),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new LocalNeo4jError(`Could not set the initial password: ${result.stderr || result.stdout}`);
  }
}

function tail(file: string, lineCount: number): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lineCount).join('\n');
}

async function boltAnswers(connection: Neo4jConnection): Promise<'ready' | 'unreachable' | 'unauthorized'> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    connectionTimeout: 2000,
    logging: { level: 'error', logger: () => {} },
  });
  try {
    await driver.verifyConnectivity({ database: 'system' });
    return 'ready';
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
    return code.includes('Security') || code.includes('Unauthorized') ? 'unauthorized' : 'unreachable';
  } finally {
    await driver.close();
  }
}

async function withStartLock<T>(paths: InstancePaths, action: () => Promise<T>): Promise<T> {
  mkdirSync(paths.run, { recursive: true });
  const deadline = Date.now() + START_TIMEOUT_MS + 60_000;
  for (;;) {
    try {
      const handle = openSync(paths.lockFile, 'wx');
      writeFileSync(handle, String(process.pid));
      closeSync(handle);
      break;
    } catch {
      const holder = Number.parseInt(existsSync(paths.lockFile) ? readFileSync(paths.lockFile, 'utf8') : '', 10);
      let holderAlive = false;
      try {
        if (Number.isInteger(holder)) process.kill(holder, 0);
        holderAlive = Number.isInteger(holder);
      } catch {
        holderAlive = false;
      }
      if (!holderAlive) rmSync(paths.lockFile, { force: true });
      else if (Date.now() > deadline) throw new LocalNeo4jError(`Another process (${holder}) holds ${paths.lockFile}.`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(paths.lockFile, { force: true });
  }
}

/** What `start` found or did. */
export interface LocalNeo4jHandle {
  connection: Neo4jConnection;
  pid: number;
  alreadyRunning: boolean;
  version: string;
}

/** Installs (first use) and starts the instance, or finds it running; resolves once Bolt answers. Idempotent. */
export async function startLocalNeo4j(settings: LocalNeo4jSettings, progress: ProgressSink, database = 'neo4j'): Promise<LocalNeo4jHandle> {
  const paths = instancePaths(settings);
  return withStartLock(paths, async () => {
    const password = instancePassword(settings, paths);
    const connection: Neo4jConnection = { uri: `bolt://${settings.host}:${settings.boltPort}`, user: 'neo4j', password, database };
    const version = pinnedNeo4jVersion();
    const runningPid = readPid(paths);
    if (runningPid !== undefined) {
      const state = await waitForBolt(connection, runningPid, paths, 30_000);
      if (state === 'ready') return { connection, pid: runningPid, alreadyRunning: true, version };
    }
    if (!(await portIsFree(settings.host, settings.boltPort))) {
      throw new LocalNeo4jError(
        `Port ${settings.host}:${settings.boltPort} is taken by another process, not by this project's Neo4j instance "${settings.instance}". Stop it, or choose another port with LOCAL_NEO4J_BOLT_PORT.`,
      );
    }
    const libDir = await installNeo4j(settings, progress);
    writeConfiguration(settings, paths);
    setInitialPassword(libDir, paths, password);
    progress(`Starting Neo4j ${version} (instance "${settings.instance}") on bolt://${settings.host}:${settings.boltPort}…`);
    const started = Date.now();
    const consoleOutput = openSync(paths.consoleLog, 'a');
    const child = spawn(
      'java',
      [...javaOptions(settings), '-cp', `${libDir}/*`, ENTRY_POINT, `--home-dir=${paths.home}`, `--config-dir=${paths.conf}`],
      { detached: true, stdio: ['ignore', consoleOutput, consoleOutput], env: javaEnvironment(paths), cwd: paths.home },
    );
    closeSync(consoleOutput);
    if (child.pid === undefined) throw new LocalNeo4jError('Could not start java: is a Java 17+ runtime installed?');
    child.unref();
    writeFileSync(paths.pidFile, `${child.pid}\n`);
    const state = await waitForBolt(connection, child.pid, paths, START_TIMEOUT_MS);
    if (state !== 'ready') {
      throw new LocalNeo4jError(
        `Neo4j did not become ready (${state}). Last lines of ${path.join(paths.logs, 'neo4j.log')}:\n${tail(path.join(paths.logs, 'neo4j.log'), 15)}\n${tail(paths.consoleLog, 15)}`,
      );
    }
    progress(`Neo4j is ready (pid ${child.pid}, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return { connection, pid: child.pid, alreadyRunning: false, version };
  });
}

async function waitForBolt(
  connection: Neo4jConnection,
  pid: number,
  paths: InstancePaths,
  timeoutMs: number,
): Promise<'ready' | 'exited' | 'timeout' | 'unauthorized'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isInstanceServer(pid, paths)) {
      rmSync(paths.pidFile, { force: true });
      return 'exited';
    }
    const state = await boltAnswers(connection);
    if (state === 'ready' || state === 'unauthorized') return state;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'timeout';
}

/** Stops the instance cleanly (SIGTERM, then SIGKILL after a minute); resolves when the process is gone. */
export async function stopLocalNeo4j(settings: LocalNeo4jSettings, progress: ProgressSink): Promise<{ wasRunning: boolean }> {
  const paths = instancePaths(settings);
  const pid = readPid(paths);
  if (pid === undefined) {
    rmSync(paths.pidFile, { force: true });
    progress(`Neo4j instance "${settings.instance}" is not running.`);
    return { wasRunning: false };
  }
  progress(`Stopping Neo4j instance "${settings.instance}" (pid ${pid})…`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isInstanceServer(pid, paths) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  if (isInstanceServer(pid, paths)) {
    progress('Neo4j did not stop within a minute; killing it.');
    process.kill(pid, 'SIGKILL');
    while (isInstanceServer(pid, paths)) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync(paths.pidFile, { force: true });
  progress('Neo4j stopped.');
  return { wasRunning: true };
}

/** The instance's state, for `npm run db:status`. */
export interface LocalNeo4jStatus {
  instance: string;
  installed: boolean;
  running: boolean;
  pid?: number;
  uri: string;
  boltAnswers: boolean;
  version: string;
  home: string;
}

/** Reports whether the instance is installed, running and answering. */
export async function localNeo4jStatus(settings: LocalNeo4jSettings): Promise<LocalNeo4jStatus> {
  const paths = instancePaths(settings);
  const pid = readPid(paths);
  const uri = `bolt://${settings.host}:${settings.boltPort}`;
  const password = existsSync(paths.passwordFile) ? readFileSync(paths.passwordFile, 'utf8').trim() : '';
  const answers = pid !== undefined && (await boltAnswers({ uri, user: 'neo4j', password, database: 'neo4j' })) === 'ready';
  return {
    instance: settings.instance,
    installed: existsSync(path.join(libraryDirectory(settings), '.complete')),
    running: pid !== undefined,
    pid,
    uri,
    boltAnswers: answers,
    version: pinnedNeo4jVersion(),
    home: paths.home,
  };
}

/**
 * Runs `neo4j-admin database import full` into the stopped instance's database (replacing it), with the given
 * arguments after the database name; resolves with the tool's output, or throws with its last lines.
 */
export async function adminImport(settings: LocalNeo4jSettings, database: string, args: string[], progress: ProgressSink): Promise<string> {
  const paths = instancePaths(settings);
  if (readPid(paths) !== undefined) throw new LocalNeo4jError(`Neo4j instance "${settings.instance}" is running; stop it before an offline import.`);
  const libDir = await installNeo4j(settings, progress);
  writeConfiguration(settings, paths);
  const child = spawn('java', [...javaOptions(settings), '-cp', `${libDir}/*`, ADMIN_TOOL, 'database', 'import', 'full', database, ...args], {
    env: javaEnvironment(paths),
    cwd: paths.home,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      output.push(line);
      if (/^(Import starting|IMPORT DONE|\(\d\/\d\)|Imported:)/.test(line.trim())) progress(`  neo4j-admin: ${line.trim()}`);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exitCode: number = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  if (exitCode !== 0) throw new LocalNeo4jError(`neo4j-admin database import failed (exit ${exitCode}):\n${output.slice(-30).join('\n')}`);
  return output.join('\n');
}
