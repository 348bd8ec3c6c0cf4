// Apache Kafka without Docker: jars from Maven Central (pinned in infra/kafka/pom.xml, cached
// under infra/kafka/.dist/), one KRaft broker+controller on 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KAFKA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'kafka');
const REPO_ROOT = join(KAFKA_DIR, '..', '..');

export function kafkaVersion() {
  const pom = readFileSync(join(KAFKA_DIR, 'pom.xml'), 'utf8');
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!match) throw new Error('infra/kafka/pom.xml has no <kafka.version>');
  return match[1];
}

/** Copies the broker's jars from Maven Central (through ~/.m2) once per version. */
export function fetchKafka({ quiet = false } = {}) {
  const version = kafkaVersion();
  const libs = join(KAFKA_DIR, '.dist', version, 'libs');
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return libs;
  for (const tool of ['java', 'mvn']) {
    try {
      execFileSync(tool, ['-version'], { stdio: 'ignore' });
    } catch {
      throw new Error(`Kafka needs '${tool}' on PATH (Java 17+ and Maven 3); install it and retry`);
    }
  }
  if (!quiet)
    console.log(`Fetching Apache Kafka ${version} from Maven Central (first run only)...`);
  rmSync(libs, { recursive: true, force: true });
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(KAFKA_DIR, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    { stdio: quiet ? 'ignore' : 'inherit' },
  );
  writeFileSync(marker, new Date().toISOString());
  return libs;
}

export function isPortOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function serverProperties({ port, controllerPort, dataDir }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dataDir, 'data')}`,
    'num.partitions=6',
    'default.replication.factor=1',
    // A single broker cannot hold three replicas of the internal topics.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

/**
 * An empty KRaft storage directory, formatted once per Kafka version and copied for every fresh
 * broker: formatting takes two JVM launches (about 3 s here), and test stacks start a dozen
 * fresh brokers per run. What it holds (cluster id, node id 1, metadata version) does not
 * depend on ports or paths, and brokers that share a cluster id never meet.
 */
function formattedStorage(classpath, version) {
  const storage = join(KAFKA_DIR, '.dist', version, 'formatted-storage');
  if (existsSync(join(storage, 'meta.properties'))) return storage;
  const work = mkdtempSync(join(KAFKA_DIR, '.dist', version, 'formatting-'));
  try {
    const propertiesFile = join(work, 'server.properties');
    writeFileSync(
      propertiesFile,
      serverProperties({ port: 9092, controllerPort: 9093, dataDir: work }),
    );
    const java = (args) =>
      execFileSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    const clusterId = java(['random-uuid']).trim();
    java(['format', '-t', clusterId, '-c', propertiesFile]);
    // Two starts formatting at once: the first rename wins, the second finds it there.
    try {
      renameSync(join(work, 'data'), storage);
    } catch (error) {
      if (!existsSync(join(storage, 'meta.properties'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return storage;
}

/**
 * Starts a broker (or finds one already on `port`). Returns { pid, version, port, reused }.
 * The data directory keeps topics across restarts; `fresh` wipes it first.
 */
export async function startKafka({
  port = 9092,
  controllerPort = port + 1,
  dataDir = join(REPO_ROOT, '.run', `kafka-${port}`),
  heapMb = 512,
  fresh = false,
  timeoutMs = 60_000,
} = {}) {
  const version = kafkaVersion();
  if (await isPortOpen(port)) return { pid: readPid(dataDir), version, port, reused: true };
  const libs = fetchKafka();
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const propertiesFile = join(dataDir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties({ port, controllerPort, dataDir }));
  const classpath = `${libs}/*`;
  if (!existsSync(join(dataDir, 'data', 'meta.properties')))
    cpSync(formattedStorage(classpath, version), join(dataDir, 'data'), { recursive: true });
  const log = openSync(join(dataDir, 'kafka.log'), 'a');
  const child = spawn(
    'java',
    [
      `-Xms${heapMb}m`,
      `-Xmx${heapMb}m`,
      '-XX:+UseG1GC',
      `-Dlog4j2.configurationFile=${join(KAFKA_DIR, 'log4j2.yaml')}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      propertiesFile,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  writeFileSync(join(dataDir, 'kafka.pid'), String(child.pid));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await isPortOpen(port)) return { pid: child.pid, version, port, reused: false };
    await sleep(200);
  }
  const tail = readFileSync(join(dataDir, 'kafka.log'), 'utf8').split('\n').slice(-5).join(' | ');
  throw new Error(`Kafka ${version} did not start on 127.0.0.1:${port}: ${tail}`);
}

function readPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'kafka.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Stops the broker started from `dataDir` (SIGTERM, or SIGKILL with `kill: true`). */
export async function stopKafka({
  port = 9092,
  dataDir = join(REPO_ROOT, '.run', `kafka-${port}`),
  kill = false,
} = {}) {
  const pid = readPid(dataDir);
  if (!pid) return false;
  try {
    process.kill(pid, kill ? 'SIGKILL' : 'SIGTERM');
  } catch {
    return false;
  }
  for (let i = 0; i < 150 && (await isPortOpen(port)); i++) await sleep(200);
  return true;
}

export function kafkaDataDirs() {
  const run = join(REPO_ROOT, '.run');
  return existsSync(run)
    ? readdirSync(run)
        .filter((name) => name.startsWith('kafka-'))
        .map((name) => join(run, name))
    : [];
}
