/**
 * `npm run demo`: starts the Google emulator with its sample data on a random loopback port, creates
 * a throwaway service-account key the emulator trusts, and runs a few statements through the real
 * CLI (bin/skyql) — the seed query first — printing each command and its tables. Works offline: the
 * provider documents come from SKYQL_REGISTRY, else the mirror in ../shared/registry, else the
 * public registry. The printed commands paste as they are while the emulator runs:
 * `npm run demo -- --keep` leaves it (and the key) in place until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseRegistryConfig } from '../src/base/config/registry-config.js';
import { SAMPLE, startEmulator } from '../src/tools/emulator/index.js';
import { writeServiceAccountKey } from '../test/support/emulator-service-account.js';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const mirror = resolve(repo, '..', 'shared', 'registry', 'providers');
const registry = process.env.SKYQL_REGISTRY ?? (existsSync(mirror) ? pathToFileURL(mirror).href : undefined);
const appRoot = process.env.SKYQL_APPROOT ?? join(repo, '.skyql');
const bin = join(repo, 'bin', 'skyql');

const { project, location, dataset, dicomStore, study, series, zones } = SAMPLE;
const STATEMENTS: Array<[string, string[], string]> = [
  [
    'The seed query: a DICOM series, retrieved as binary (data is base64; cut to 60 characters here)',
    ['--max-col-width', '60'],
    `SELECT contentType, data, extensions FROM google.healthcare.series_series
WHERE projectsId = '${project}' AND locationsId = '${location}' AND datasetsId = '${dataset}'
  AND dicomStoresId = '${dicomStore}' AND studiesId = '${study}' AND seriesId = '${series}';`,
  ],
  ['Exploring the provider', [], "SHOW RESOURCES IN google.healthcare LIKE 'series%';"],
  [
    'Compute instances in two zones (one API call per zone)',
    [],
    `SELECT name, status, split_part(zone, '/', -1) AS zone_name, split_part(machineType, '/', -1) AS machine_type
FROM google.compute.instances
WHERE project = '${project}' AND zone IN ('${zones[0]}', '${zones[1]}')
ORDER BY name;`,
  ],
  [
    'A dependent join: the zones first, then one instances call per zone',
    [],
    `SELECT z.name AS zone, count(i.name) AS instances
FROM google.compute.zones z
LEFT JOIN google.compute.instances i ON i.zone = z.name AND i.project = '${project}'
WHERE z.project = '${project}'
GROUP BY z.name ORDER BY z.name;`,
  ],
  [
    'Storage buckets, all pages, aggregated locally',
    [],
    `SELECT storageClass, count(*) AS buckets, group_concat(name, ', ') AS names
FROM google.storage.buckets WHERE project = '${project}'
GROUP BY storageClass ORDER BY buckets DESC;`,
  ],
  [
    'Who has which role in the project',
    [],
    `SELECT role, json_array_length(members) AS members
FROM google.cloudresourcemanager.projects_iam_policies WHERE projectsId = '${project}' ORDER BY role;`,
  ],
];

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'skyql-demo-'));
  const key = writeServiceAccountKey(work);
  process.stderr.write('starting the Google emulator with sample data...\n');
  const emu = await startEmulator({
    registry: parseRegistryConfig(registry, appRoot),
    sample: true,
    trustedKeys: [key.publicKeyPem],
  });
  const auth = JSON.stringify({ google: { type: 'service_account', credentialsfilepath: key.path } });
  const settings: Record<string, string> = {
    SKYQL_APPROOT: appRoot,
    ...(registry ? { SKYQL_REGISTRY: registry } : {}),
    SKYQL_ENDPOINT: `google=${emu.url}`,
    SKYQL_AUTH: auth,
  };
  const env = { ...process.env, ...settings };
  let failed = 0;
  try {
    process.stdout.write(`emulator: ${emu.url} (google ${emu.version})\n`);
    process.stdout.write(
      '\n# the commands below run with these settings (paste them while the emulator runs):\n',
    );
    for (const [name, value] of Object.entries(settings))
      process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
    for (const [title, flags, sql] of STATEMENTS) {
      process.stdout.write(
        `\n# ${title}\nbin/skyql exec ${flags.map((f) => `${f} `).join('')}${shellQuote(sql)}\n`,
      );
      // Asynchronous on purpose: the emulator answers from this process's event loop.
      const child = spawn(process.execPath, [bin, 'exec', ...flags, sql], {
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const [code] = await once(child, 'close');
      if (code !== 0) failed++;
    }
    if (process.argv.includes('--keep')) {
      process.stdout.write(
        `\nthe emulator keeps running at ${emu.url}: paste the commands above in another terminal; Ctrl-C stops it\n`,
      );
      await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
    } else {
      process.stdout.write(
        '\nthe emulator has stopped; `npm run demo -- --keep` leaves it running to try the commands yourself\n',
      );
    }
  } finally {
    await emu.close();
    rmSync(work, { recursive: true, force: true });
  }
  if (failed > 0) {
    process.stderr.write(`${failed} demo statement(s) failed\n`);
    process.exitCode = 1;
  }
}

/** Quotes a value for a POSIX shell: double quotes when nothing in it expands there (SQL reads best), else single. */
function shellQuote(value: string): string {
  if (value.includes("'") && !/["$`\\!]/.test(value)) return `"${value}"`;
  return `'${value.replaceAll("'", "'\\''")}'`;
}

await main();
