import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseRegistryConfig } from '../config/registry-config.js';
import type { SessionOptions } from '../engine/session.js';
import { SkyqlError } from '../errors/skyql-error.js';
import type { Reporter } from '../util/reporter.js';

/** Options every command accepts (StackQL's flag names where they exist). */
export interface GlobalFlags {
  registry?: string;
  approot?: string;
  pin?: string[];
  usenonpreferredapis?: boolean;
  verbose?: boolean;
}

/** Adds the shared flags to a command. */
export function addGlobalOptions(cmd: Command): Command {
  return cmd
    .option(
      '--registry <json>',
      'registry config JSON {"url", "localDocRoot", "verifyConfig"} or a URL (env SKYQL_REGISTRY)',
    )
    .option('--approot <dir>', 'folder for pulled providers and caches (env SKYQL_APPROOT, default ~/.skyql)')
    .option(
      '--pin <provider=version>',
      'use this installed provider version instead of the newest (repeatable)',
      collect,
      [],
    )
    .option('--usenonpreferredapis', 'include services the provider marks non-preferred')
    .option('-v, --verbose', 'print stack traces with errors');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** The app root: --approot, SKYQL_APPROOT, else ~/.skyql. */
export function appRoot(flags: GlobalFlags): string {
  return resolve(flags.approot ?? process.env.SKYQL_APPROOT ?? join(homedir(), '.skyql'));
}

function parsePins(pins: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pin of pins) {
    const m = /^([^=]+)=(.+)$/.exec(pin.trim());
    if (!m)
      throw new SkyqlError('BAD_FLAG', `--pin expects provider=version, got '${pin}'`, {
        hint: '--pin google=v1.0.4',
      });
    map.set(m[1], m[2]);
  }
  return map;
}

/** SessionOptions from the flags and environment. */
export function sessionOptions(flags: GlobalFlags, reporter: Reporter): SessionOptions {
  return {
    registry: parseRegistryConfig(flags.registry ?? process.env.SKYQL_REGISTRY, appRoot(flags)),
    reporter,
    pins: parsePins(flags.pin ?? []),
    includeNonPreferred: flags.usenonpreferredapis === true,
  };
}
