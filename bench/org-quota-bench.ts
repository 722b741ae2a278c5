/**
 * P5 (issue 13): an organisation of 1,000 projects, 50 ms emulated latency, instances listed per
 * project through a fan-out under a consumer quota of 50 requests a second. Reports the wall time
 * against the ideal (calls ÷ allowed rate), the share of requests answered 429 after the first 5 s
 * (the emulator's `/_emulator/quota?after=5`), the exact row count and peak RSS. Until the org
 * descent source exists, the fan-out is driven by an IN list of the organisation's ACTIVE projects;
 * the projects with Compute disabled are skipped as allowed (`--execution.skip disabled`).
 */
import { parseRegistryConfig } from '../src/base/config/registry-config.js';
import { startEmulator } from '../src/tools/emulator/index.js';
import { FIXTURE_APPROOT, MIRROR_URL } from '../test/support/paths.js';
import { type BenchRow, skyqlCsvArgs, timed } from './select-bench.js';

const PROJECTS = 1000;
const QUOTA_PER_S = 50;

interface Counter {
  service: string;
  requests: number;
  throttled: number;
  /** [requests, throttled] per second. */
  timeline: [number, number][];
  after?: { requests: number; throttled: number };
}

/** Runs P5; returns its rows. */
export async function orgQuotaBenchmarks(): Promise<BenchRow[]> {
  const emu = await startEmulator({
    registry: parseRegistryConfig(MIRROR_URL, FIXTURE_APPROOT),
    version: 'v25.07.00000',
    auth: false,
    sampleOrg: { projects: PROJECTS, seed: 1 },
    quotas: [`compute.googleapis.com=${QUOTA_PER_S}/s`],
  });
  try {
    const org = (await (await fetch(`${emu.url}/_emulator/org`)).json()) as {
      reachable: { instances: number };
      deniedProjects: string[];
    };
    const active: string[] = [];
    let token = '';
    do {
      const page = (await (
        await fetch(
          `${emu.url}/cloudresourcemanager.googleapis.com/v3/projects:search?pageSize=500&query=state:ACTIVE${token ? `&pageToken=${token}` : ''}`,
        )
      ).json()) as { projects?: { projectId: string }[]; nextPageToken?: string };
      for (const p of page.projects ?? []) active.push(p.projectId);
      token = page.nextPageToken ?? '';
    } while (token);
    emu.faults.add({ id: 'latency', match: 'compute.googleapis.com', latencyMs: 50 });
    const sql = `SELECT count(*) FROM google.compute.instances WHERE project IN (${active.map((p) => `'${p}'`).join(', ')})`;
    await fetch(`${emu.url}/_emulator/quota`, { method: 'DELETE' });
    const env = { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT };
    const run = await timed(skyqlCsvArgs(emu.url, sql, ['--execution.skip', 'disabled']), env);
    const quota = (await (await fetch(`${emu.url}/_emulator/quota?after=5`)).json()) as {
      counters: Counter[];
    };
    if (process.env.BENCH_DEBUG)
      console.log(
        JSON.stringify(quota.counters.map((c) => (c as unknown as { timeline: unknown }).timeline)),
      );
    const compute = quota.counters.filter((c) => c.service === 'compute.googleapis.com');
    const sum = (f: (c: Counter) => number) => compute.reduce((n, c) => n + f(c), 0);
    const requests = sum((c) => c.requests);
    const throttled = sum((c) => c.throttled);
    const laterRequests = sum((c) => c.after?.requests ?? 0);
    const laterThrottled = sum((c) => c.after?.throttled ?? 0);
    const calls = requests - throttled;
    const idealMs = (calls / QUOTA_PER_S) * 1000;
    const rows = Number(run.stdout.trim());
    const share = laterRequests === 0 ? 0 : laterThrottled / laterRequests;
    const out: BenchRow[] = [
      {
        name: `P5 ${calls} calls (${PROJECTS}-project org, 50 ms) at ${QUOTA_PER_S}/s: wall vs ideal`,
        value: `${(run.ms / 1000).toFixed(1)} s vs ${(idealMs / 1000).toFixed(1)} s (${(run.ms / idealMs).toFixed(2)}x)`,
        target: '<= 1.2x',
        ok: run.ms / idealMs <= 1.2,
      },
      {
        name: 'P5 requests answered 429 after the first 5 s',
        value: `${laterThrottled} of ${laterRequests} (${(share * 100).toFixed(1)}%; ${throttled} of ${requests} in all)`,
        target: '< 5%',
        ok: share < 0.05,
      },
      {
        name: 'P5 exact row count',
        value: `${rows} of ${org.reachable.instances}`,
        target: 'equal',
        ok: rows === org.reachable.instances,
      },
    ];
    if (run.rssMb !== undefined)
      out.push({
        name: 'P5 skyql peak RSS',
        value: `${run.rssMb.toFixed(0)} MB`,
        target: '<= 300 MB',
        ok: run.rssMb <= 300,
      });
    return out;
  } finally {
    await emu.close();
  }
}
