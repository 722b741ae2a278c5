import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SkyqlError } from '../../base/errors/skyql-error.js';
import { Catalog } from '../../core/catalog/catalog.js';
import { ProviderRegistry } from '../../core/catalog/registry/provider-registry.js';
import type { EmulatorSettings } from '../../tools/emulator/server/emulator-context.js';
import type { FaultRule } from '../../tools/emulator/server/faults.js';
import type { LogEntry } from '../../tools/emulator/server/request-log.js';
import { FLAGS } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addGlobalOptions, sessionOptions } from '../global-options.js';
import { untilStopSignal } from '../interrupt.js';
import { stderrReporter } from '../stderr-reporter.js';

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
async function runEmulator(flags: ParsedFlags): Promise<number> {
  const reporter = stderrReporter();
  const opts = sessionOptions(flags, reporter);
  const port = readFlag(flags, FLAGS.emulatorPort);
  const settings: Partial<EmulatorSettings> = {};
  const polls = readFlag(flags, FLAGS.operationPolls);
  if (polls !== undefined) settings.operationPolls = polls;
  const pageSize = readFlag(flags, FLAGS.pageSize);
  if (pageSize !== undefined) settings.defaultPageSize = pageSize;
  const auth = readFlag(flags, FLAGS.emulatorAuth) === true;
  const writeKey = readFlag(flags, FLAGS.writeKey);
  const statePath = readFlag(flags, FLAGS.state);
  const sampleOrg = readFlag(flags, FLAGS.sampleOrg);
  const registry = new ProviderRegistry(opts.registry, { reporter });
  // loaded here so other commands do not pay for the emulator's code
  const { startEmulator } = await import('../../tools/emulator/server/emulator-server.js');
  const { parseFaultRule } = await import('../../tools/emulator/server/faults.js');
  const emulator = await startEmulator({
    port,
    host: readFlag(flags, FLAGS.emulatorHost),
    provider: readFlag(flags, FLAGS.emulatorProvider),
    catalog: new Catalog(registry, opts.pins),
    auth,
    trustedKeys: (readFlag(flags, FLAGS.trustKey) ?? []).map(readKeyFile),
    seed: readFlag(flags, FLAGS.seed) ?? [],
    sample: readFlag(flags, FLAGS.sample) === true,
    sampleOrg:
      sampleOrg === undefined ? undefined : { projects: sampleOrg, seed: readFlag(flags, FLAGS.orgSeed) },
    quotas: readFlag(flags, FLAGS.quota) ?? [],
    statePath,
    stateDir: readFlag(flags, FLAGS.stateDir),
    faults: (readFlag(flags, FLAGS.fault) ?? []).map((f) => faultFlag(f, parseFaultRule)),
    preload: readFlag(flags, FLAGS.preload) === true,
    settings: Object.keys(settings).length > 0 ? settings : undefined,
    onRequest: readFlag(flags, FLAGS.requestLog) ? (e) => process.stderr.write(logLine(e)) : undefined,
  });
  // the key file exists before the first line announces the emulator
  let keyEmail: string | undefined;
  if (writeKey) {
    const key = emulator.auth.createServiceAccountKey(emulator.tokenUrl);
    writeFileSync(writeKey, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
    chmodSync(writeKey, 0o600);
    keyEmail = key.client_email;
  }
  process.stdout.write(`skyql emulator listening on ${emulator.url}\n`);
  const stats = emulator.routes.stats();
  reporter.message(
    `${emulator.provider} ${emulator.version}: ${stats.services} services on ${stats.hosts} hosts, started in ${Math.round(emulator.startupMs)} ms` +
      `${stats.hostsLoaded ? ` (${stats.routes} routes compiled)` : ''}; ${emulator.store.size} resources loaded`,
  );
  if (sampleOrg !== undefined)
    reporter.message(
      `sample organisation: ${sampleOrg} projects (seed ${readFlag(flags, FLAGS.orgSeed)}); GET ${emulator.url}/_emulator/org summarises it`,
    );
  reporter.message(`point skyql at it with --endpoint google=${emulator.url}`);
  if (keyEmail) reporter.message(`service-account key for ${keyEmail} written to ${writeKey}`);
  if (auth) {
    reporter.message(
      `auth: bearer tokens required; token endpoint ${emulator.tokenUrl} (${emulator.auth.trustedKeyCount} trusted keys)`,
    );
  } else {
    reporter.message('auth: off (--no-auth)');
  }
  await untilStopSignal();
  await emulator.close();
  if (statePath) reporter.message(`state saved to ${statePath}`);
  return 0;
}

/** `skyql emulator`: a local Google Cloud emulator driven by the provider documents. */
export function emulatorCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('emulator')
    .description('run a local Google Cloud emulator whose APIs come from the provider documents');
  addFlags(cmd, [
    FLAGS.emulatorPort,
    FLAGS.emulatorHost,
    FLAGS.emulatorProvider,
    FLAGS.seed,
    FLAGS.state,
    FLAGS.stateDir,
    FLAGS.sample,
    FLAGS.sampleOrg,
    FLAGS.orgSeed,
    FLAGS.quota,
    FLAGS.emulatorAuth,
    FLAGS.trustKey,
    FLAGS.writeKey,
    FLAGS.operationPolls,
    FLAGS.pageSize,
    FLAGS.fault,
    FLAGS.preload,
    FLAGS.requestLog,
  ]);
  addGlobalOptions(cmd).action(async (flags: ParsedFlags) => {
    setExit(await runEmulator(flags));
  });
}
