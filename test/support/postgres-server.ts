import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { PostgresBackendConfig } from '../../src/base/config/sql-backend-config.js';
import { pgModules } from '../../src/core/store/pg/pg-driver.js';

/**
 * A real PostgreSQL server for tests: initdb in a temporary folder, `postgres` on a random
 * loopback port, shared by the test files of a process (a database each) and removed as the
 * process exits, or a file's own (see {@link startPostgres}). PostgreSQL refuses to run as root, so as
 * root it runs as the `postgres` user (runuser). Debian's `postgresql` package provides the
 * binaries (.ci/run installs it); without them the tests that need it are skipped, loudly.
 */

/** The folder holding initdb and postgres, or undefined when PostgreSQL is not installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter(
        (v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')),
      )
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  for (const dir of ['/usr/local/bin', '/usr/bin'])
    if (existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb'))) return dir;
  return undefined;
}

const BIN = postgresBinDir();

/** `{ skip }` for node:test: a reason when PostgreSQL is missing (printed once, loudly). */
export const NEEDS_POSTGRES: { skip: string | false } = { skip: BIN ? false : 'PostgreSQL is not installed' };
if (!BIN)
  process.stderr.write(
    '\n*** SKIPPING PostgreSQL backend tests: no initdb/postgres binaries (apt-get install -y postgresql) ***\n\n',
  );

export interface RunningPostgres {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly dsn: string;
  /** A DSN for another database on this server. */
  dsnFor(database: string): string;
  /** `--sqlBackend` JSON for this server (optionally another database). */
  backendJson(database?: string): string;
  backend(database?: string): PostgresBackendConfig;
  /** Runs one SQL text as the superuser (set-up and checks). */
  sql(text: string, database?: string): Promise<Array<Record<string, unknown>>>;
  /** Creates a fresh database (each test file its own, so they do not see each other's tables). */
  createDatabase(name: string): Promise<void>;
  /** Kills the server at once (SIGKILL of the postmaster and its backends): a crash. */
  kill(): void;
  /** Starts the server again on the same data and port (after {@link kill}: crash recovery). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/**
 * Runs a command (as the `postgres` user when we are root) without blocking the event loop: test
 * files of a group share one process, and a synchronous initdb there stalled the other files'
 * timers for seconds — long enough for a connection timeout to fire before its reply was read.
 */
function run(cmd: string, args: readonly string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    execFile(file, argv, { maxBuffer: 16 << 20 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${String(stderr).slice(-800)}`));
      else resolve();
    });
  });
}

let template: Promise<string> | undefined;

/**
 * One initdb per process, copied for each server (a copy takes a fifth of initdb's time). The
 * template is removed when the process exits.
 */
function templateCluster(): Promise<string> {
  template ??= (async () => {
    const dir = ownedTempDir();
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'data');
    await run(join(BIN as string, 'initdb'), [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    return data;
  })();
  return template;
}

/** A new temporary folder only its owner can enter, owned by `postgres` when we are root. */
function ownedTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skyql-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitReady(dsn: string, child: ChildProcess, log: () => string): Promise<void> {
  const { pg } = pgModules();
  for (let i = 0; i < 300; i++) {
    if (!running(child))
      throw new Error(`postgres exited with ${child.exitCode ?? child.signalCode}: ${log().slice(-800)}`);
    const c = new pg.Client({ connectionString: dsn });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`postgres did not start: ${log()}`);
}

/** How a test file gets its server: see {@link startPostgres}. */
export interface PostgresOptions {
  /** A server of its own, stopped by stop() only (benchmarks). */
  readonly manual?: boolean;
  /** A server of its own for this file, stopped after it: for tests that kill or restart it. */
  readonly own?: boolean;
}

let shared: Promise<RunningPostgres> | undefined;
let databases = 0;

/**
 * A PostgreSQL server for this test file. By default the files of a test process share one
 * server, and each gets a database of its own as its default (`dsn`, `backend()`, `sql()`): a
 * server's start and stop cost ~0.6 s of CPU, a database ~0.1 s. Names that are the server's,
 * not a database's (roles, other databases), must differ between files. `own` and `manual` start
 * a server of its own (kill() and restart() need one).
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  if (options.own || options.manual) return startServer(options.manual === true);
  shared ??= startServer(true, true);
  const server = await shared;
  const database = `file_${++databases}`;
  await server.createDatabase(database);
  const alone = (): never => {
    throw new Error(
      'this server is shared by the test files of the process: use startPostgres({ own: true })',
    );
  };
  return {
    port: server.port,
    dsn: server.dsnFor(database),
    dsnFor: server.dsnFor,
    backendJson: (db = database) => server.backendJson(db),
    backend: (db = database) => server.backend(db),
    sql: (text, db = database) => server.sql(text, db),
    createDatabase: server.createDatabase,
    kill: alone,
    restart: alone,
    stop: async () => {}, // the shared server ends with the process
  };
}

/**
 * Starts a server; unless `manual`, it is stopped and removed after this test file. A `shared`
 * one does not keep the process alive and is killed and removed as the process exits.
 */
async function startServer(manual: boolean, shared = false): Promise<RunningPostgres> {
  if (!BIN) throw new Error('PostgreSQL is not installed');
  // registered before the first await: node:test finds the calling file's suite from the current
  // async context, which after an await may be another file's (whose end would stop this server)
  let stop = async (): Promise<void> => {};
  if (!manual) after(() => stop());
  const dir = ownedTempDir();
  const data = join(dir, 'data');
  await run('cp', ['-a', await templateCluster(), data]);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1'];
  args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const postgres = join(BIN, 'postgres');
  let log = '';
  const launch = () => {
    const c = asRoot
      ? spawn('runuser', ['-u', 'postgres', '--', postgres, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    if (shared) {
      c.unref();
      (c.stderr as Socket | null)?.unref();
    }
    return c;
  };
  let child = launch();
  if (shared)
    process.once('exit', () => {
      signalServer(data, child, 'SIGKILL', true);
      rmSync(dir, { recursive: true, force: true });
    });
  const dsnFor = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const dsn = dsnFor('postgres');
  let stopped = false;
  stop = async () => {
    if (stopped) return;
    stopped = true;
    if (running(child)) {
      const exited = new Promise((r) => child.once('exit', r));
      signalServer(data, child, 'SIGINT', false); // fast shutdown
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (running(child)) signalServer(data, child, 'SIGKILL', true);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  await waitReady(dsn, child, () => log);
  const backend = (db = 'postgres'): PostgresBackendConfig => ({
    engine: 'postgres',
    dsn: dsnFor(db),
    schemata: { tableSchema: 'public', intelViewSchema: 'stackql_intel', opsViewSchema: 'stackql_ops' },
  });
  const sql = async (text: string, db = 'postgres') => {
    const { pg } = pgModules();
    const c = new pg.Client({ connectionString: dsnFor(db) });
    await c.connect();
    try {
      const r = await c.query(text);
      return (Array.isArray(r) ? r[r.length - 1] : r).rows as Array<Record<string, unknown>>;
    } finally {
      await c.end();
    }
  };
  return {
    port,
    dsn,
    dsnFor,
    backend,
    backendJson: (db = 'postgres') =>
      JSON.stringify({ dbEngine: 'postgres_tcp', sqlDialect: 'postgres', dsn: dsnFor(db) }),
    sql,
    createDatabase: async (name) => {
      await sql(`CREATE DATABASE "${name}"`);
    },
    kill: () => {
      signalServer(data, child, 'SIGKILL', true);
    },
    restart: async () => {
      if (running(child)) await new Promise((r) => child.once('exit', r));
      // the postmaster is runuser's child: wait until it (and so its lock on the data folder) is gone
      for (let i = 0; i < 500 && alive(postmasterPid(data)); i++) await new Promise((r) => setTimeout(r, 10));
      child = launch();
      await waitReady(dsn, child, () => log);
    },
    stop,
  };
}

/**
 * Signals this cluster's postmaster (its pid from postmaster.pid), and with `backends` its
 * children first — a SIGKILLed postmaster alone leaves its backends serving their connections.
 */
function signalServer(data: string, child: ChildProcess, signal: NodeJS.Signals, backends: boolean): void {
  const pid = postmasterPid(data);
  if (pid) {
    // the backends first (once the postmaster is gone they belong to init and pkill -P misses them)
    if (backends)
      try {
        execFileSync('pkill', [`-${signal.replace('SIG', '')}`, '-P', String(pid)], { stdio: 'ignore' });
      } catch {}
    try {
      process.kill(pid, signal);
    } catch {}
  }
  if (signal === 'SIGKILL') child.kill(signal);
}

function postmasterPid(data: string): number | undefined {
  try {
    return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True until the process ended (by exit or by a signal: then exitCode stays null). */
function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function postgresIds(): { uid: number; gid: number } {
  const out = execFileSync('id', ['postgres'], { encoding: 'utf8' });
  const uid = Number(/uid=(\d+)/.exec(out)?.[1]);
  const gid = Number(/gid=(\d+)/.exec(out)?.[1]);
  return { uid, gid };
}
