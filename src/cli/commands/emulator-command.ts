import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { Catalog } from '../../core/catalog/catalog.js';
import { ProviderRegistry } from '../../core/catalog/registry/provider-registry.js';
import type { EmulatorSettings } from '../../tools/emulator/server/emulator-context.js';
import type { FaultRule } from '../../tools/emulator/server/faults.js';
import type { LogEntry } from '../../tools/emulator/server/request-log.js';
import { addGlobalOptions, type GlobalFlags, sessionOptions } from '../global-options.js';
import { untilStopSignal } from '../interrupt.js';
import { stderrReporter } from '../stderr-reporter.js';

interface EmulatorFlags extends GlobalFlags {
  port: string;
  host: string;
  provider: string;
  seed: string[];
  state?: string;
  sample?: boolean;
  auth: boolean;
  trustKey: string[];
  writeKey?: string;
  operationPolls?: string;
  pageSize?: string;
  fault: string[];
  preload?: boolean;
  log?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function intFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new SkyqlError('BAD_FLAG', `--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SkyqlError('FILE_NOT_READABLE', `cannot read --trust-key ${path}: ${(err as Error).message}`);
  }
}

function faultFlag(text: string, parseFaultRule: (v: unknown) => FaultRule): FaultRule {
  try {
    return parseFaultRule(JSON.parse(text));
  } catch (err) {
    throw new SkyqlError('BAD_FLAG', `--fault ${text}: ${(err as Error).message}`, {
      hint: `e.g. --fault '{"match":"/compute.googleapis.com/*","status":429,"rate":0.2}'`,
    });
  }
}

function logLine(e: LogEntry): string {
  return `${e.time} ${e.method} ${e.url} ${e.status} ${e.durationMs.toFixed(1)}ms${e.faults ? ` faults=${e.faults.join(',')}` : ''}\n`;
}

/** Starts the emulator from the flags; resolves with the exit code once SIGINT/SIGTERM stops it. */
async function runEmulator(flags: EmulatorFlags): Promise<number> {
  const reporter = stderrReporter();
  const opts = sessionOptions(flags, reporter);
  const port = intFlag('port', flags.port, 0) ?? 8089;
  if (port > 65535) throw new SkyqlError('BAD_FLAG', `--port must be at most 65535, got ${port}`);
  const settings: Partial<EmulatorSettings> = {};
  const polls = intFlag('operation-polls', flags.operationPolls, 0);
  if (polls !== undefined) settings.operationPolls = polls;
  const pageSize = intFlag('page-size', flags.pageSize, 1);
  if (pageSize !== undefined) settings.defaultPageSize = pageSize;
  const registry = new ProviderRegistry(opts.registry, { reporter });
  // loaded here so other commands do not pay for the emulator's code
  const { startEmulator } = await import('../../tools/emulator/server/emulator-server.js');
  const { parseFaultRule } = await import('../../tools/emulator/server/faults.js');
  const emulator = await startEmulator({
    port,
    host: flags.host,
    provider: flags.provider,
    catalog: new Catalog(registry, opts.pins),
    auth: flags.auth,
    trustedKeys: flags.trustKey.map(readKeyFile),
    seed: flags.seed,
    sample: flags.sample === true,
    statePath: flags.state,
    faults: flags.fault.map((f) => faultFlag(f, parseFaultRule)),
    preload: flags.preload === true,
    settings: Object.keys(settings).length > 0 ? settings : undefined,
    onRequest: flags.log ? (e) => process.stderr.write(logLine(e)) : undefined,
  });
  // the key file exists before the first line announces the emulator
  let keyEmail: string | undefined;
  if (flags.writeKey) {
    const key = emulator.auth.createServiceAccountKey(emulator.tokenUrl);
    writeFileSync(flags.writeKey, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
    chmodSync(flags.writeKey, 0o600);
    keyEmail = key.client_email;
  }
  process.stdout.write(`skyql emulator listening on ${emulator.url}\n`);
  const stats = emulator.routes.stats();
  reporter.message(
    `${emulator.provider} ${emulator.version}: ${stats.services} services on ${stats.hosts} hosts, started in ${Math.round(emulator.startupMs)} ms` +
      `${stats.hostsLoaded ? ` (${stats.routes} routes compiled)` : ''}; ${emulator.store.size} resources loaded`,
  );
  reporter.message(`point skyql at it with --endpoint google=${emulator.url}`);
  if (keyEmail) reporter.message(`service-account key for ${keyEmail} written to ${flags.writeKey}`);
  if (flags.auth) {
    reporter.message(
      `auth: bearer tokens required; token endpoint ${emulator.tokenUrl} (${emulator.auth.trustedKeyCount} trusted keys)`,
    );
  } else {
    reporter.message('auth: off (--no-auth)');
  }
  await untilStopSignal();
  await emulator.close();
  if (flags.state) reporter.message(`state saved to ${flags.state}`);
  return 0;
}

/** `skyql emulator`: a local Google Cloud emulator driven by the provider documents. */
export function emulatorCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('emulator')
    .description('run a local Google Cloud emulator whose APIs come from the provider documents')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '8089')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--provider <name>', 'provider whose documents define the APIs', 'google')
    .option('--seed <file>', 'seed data, JSON or YAML (repeatable)', collect, [])
    .option(
      '--state <file>',
      'state file: loaded at start when present, saved on exit and by POST /_emulator/save',
    )
    .option(
      '--sample',
      'load the demo data set (project, healthcare DICOM study, compute instances, buckets, IAM policy)',
    )
    .option('--no-auth', 'accept API calls without a bearer token')
    .option(
      '--trust-key <file>',
      'trust a service-account key for the JWT-bearer grant: PEM public key, certificate or key JSON (repeatable)',
      collect,
      [],
    )
    .option(
      '--write-key <file>',
      'write a throwaway service-account key file (token_uri = the emulator) and trust it',
    )
    .option('--operation-polls <n>', 'GETs before an operation reports done (default 1)')
    .option(
      '--page-size <n>',
      'page size of lists that ask for none (default 100; --sample sets 5, so its 12 buckets come in 3 pages)',
    )
    .option(
      '--fault <json>',
      'inject faults: {"match","status","rate","latencyMs","retryAfter","drop","truncate","times"} (repeatable)',
      collect,
      [],
    )
    .option('--preload', "compile every service's routes at start instead of on first use")
    .option('--log', 'print one line per request on stderr');
  addGlobalOptions(cmd).action(async (flags: EmulatorFlags) => {
    setExit(await runEmulator(flags));
  });
}
