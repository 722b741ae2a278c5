import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { FIXTURE_APPROOT, MIRROR_URL, REPO_ROOT, SKYQL_BIN } from '../../support/paths.js';
import { tempDir } from '../../support/temp-dir.js';

/** Spawns `skyql emulator` over the fixture provider, without the developer's SKYQL_* settings. */
function spawnEmulator(args: readonly string[]): {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
} {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('SKYQL_') && v !== undefined) env[k] = v;
  const child = spawn(
    process.execPath,
    [SKYQL_BIN, 'emulator', ...args, '--registry', MIRROR_URL, '--approot', FIXTURE_APPROOT],
    { env },
  );
  child.stdin.end();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return { child, stderr: () => stderr };
}

/** The URL of the machine-readable first line. */
async function firstLine(child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  const [line] = (await Promise.race([
    once(createInterface({ input: child.stdout }), 'line'),
    once(child, 'exit').then(() => {
      throw new Error(`emulator exited early: ${stderr()}`);
    }),
  ])) as [string];
  const m = /^skyql emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
  assert.ok(m, `first line: ${line}`);
  assert.ok(Number(m[2]) > 0);
  return m[1];
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

test('`skyql emulator --port 0` prints its URL first, serves the sample, and stops on SIGTERM', async () => {
  const { child, stderr } = spawnEmulator(['--port', '0', '--provider', 'google', '--sample', '--no-auth']);
  try {
    const url = await firstLine(child, stderr);
    const r = await fetch(`${url}/storage.googleapis.com/storage/v1/b?project=skyql-demo`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as { items: unknown[]; nextPageToken?: string };
    assert.equal(body.items.length, 5, 'sample page size');
    assert.ok(body.nextPageToken);
    const dicom = await fetch(
      `${url}/healthcare.googleapis.com/v1/projects/skyql-demo/locations/us-central1/datasets/demo-dataset/dicomStores/demo-dicom/dicomWeb/studies/1.3.6.1.4.1.5962.99.1.1001/series/1.3.6.1.4.1.5962.99.1.1001.1`,
    );
    assert.match(dicom.headers.get('content-type') ?? '', /^multipart\/related; type="application\/dicom"/);
  } finally {
    assert.equal(await stop(child), 0, stderr());
  }
  assert.match(stderr(), /google v25\.07\.00000: 169 services/);
});

test('the page size: help and README say 100, 5 with --sample; --page-size wins over the sample', async () => {
  const help = spawnSync(process.execPath, [SKYQL_BIN, 'emulator', '--help'], { encoding: 'utf8' }).stdout;
  const said = /--page-size <n> +([\s\S]+?)\n {2}--/.exec(help)?.[1].replace(/\s+/g, ' ');
  assert.equal(
    said,
    'page size of lists that ask for none (default 100; --sample sets 5, so its 12 buckets come in 3 pages)',
  );
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  assert.match(readme, /`--page-size` \(default 100; `--sample` sets 5/);
  const { child, stderr } = spawnEmulator(['--port', '0', '--sample', '--no-auth', '--page-size', '100']);
  try {
    const url = await firstLine(child, stderr);
    const r = await fetch(`${url}/storage.googleapis.com/storage/v1/b?project=skyql-demo`);
    const body = (await r.json()) as { items: unknown[]; nextPageToken?: string };
    assert.equal(body.items.length, 12);
    assert.equal(body.nextPageToken, undefined);
  } finally {
    assert.equal(await stop(child), 0, stderr());
  }
});

test('`skyql emulator --write-key` writes a key file whose JWT-bearer grant yields a working token', async () => {
  const keyPath = join(tempDir(), 'key.json');
  const { child, stderr } = spawnEmulator(['--port', '0', '--sample', '--write-key', keyPath]);
  try {
    const url = await firstLine(child, stderr);
    const key = JSON.parse(readFileSync(keyPath, 'utf8')) as {
      client_email: string;
      private_key: string;
      private_key_id: string;
      token_uri: string;
    };
    assert.equal(key.token_uri, `${url}/oauth2.googleapis.com/token`);
    const now = Math.floor(Date.now() / 1000);
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const claims = {
      iss: key.client_email,
      aud: key.token_uri,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      iat: now,
      exp: now + 600,
    };
    const unsigned = `${enc({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id })}.${enc(claims)}`;
    const jwt = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url')}`;
    const tokenRes = await fetch(key.token_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: jwt,
      }),
    });
    assert.equal(tokenRes.status, 200);
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const agg = `${url}/compute.googleapis.com/compute/v1/projects/skyql-demo/aggregated/instances`;
    assert.equal((await fetch(agg)).status, 401);
    const ok = await fetch(agg, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { items: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.items).sort(), ['zones/europe-west1-b', 'zones/us-central1-a']);
  } finally {
    assert.equal(await stop(child), 0, stderr());
  }
  assert.match(stderr(), /service-account key for .* written to/);
});

test('`skyql emulator` rejects bad flags with a usage error', async () => {
  const { child, stderr } = spawnEmulator(['--port', 'abc']);
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 2);
  assert.match(stderr(), /--port must be an integer/);
});

test('`skyql emulator --sample-org --org-seed --quota` generates the organisation and limits the API', async () => {
  const { child, stderr } = spawnEmulator([
    '--port',
    '0',
    '--no-auth',
    '--sample-org',
    '4',
    '--org-seed',
    '3',
    '--quota',
    'compute.googleapis.com=2/min',
  ]);
  try {
    const url = await firstLine(child, stderr);
    const org = (await (await fetch(`${url}/_emulator/org`)).json()) as {
      projects: number;
      spec: { seed: number };
      deniedProjects: string[];
      computeDisabledProjects: string[];
    };
    assert.equal(org.projects, 4);
    assert.equal(org.spec.seed, 3);
    const search = (await (
      await fetch(`${url}/cloudresourcemanager.googleapis.com/v3/projects:search`)
    ).json()) as { projects: { projectId: string }[] };
    const id = search.projects.map((p) => p.projectId).find((p) => !org.computeDisabledProjects.includes(p));
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await fetch(`${url}/compute.googleapis.com/compute/v1/projects/${id}/global/networks`)).status,
      );
    assert.deepEqual(statuses, [200, 200, 429]);
  } finally {
    assert.equal(await stop(child), 0, stderr());
  }
  assert.match(stderr(), /sample organisation: 4 projects \(seed 3\)/);
  const bad = spawnEmulator(['--port', '0', '--quota', 'compute.googleapis.com=fast']);
  const [code] = (await once(bad.child, 'exit')) as [number | null];
  assert.notEqual(code, 0);
  assert.match(bad.stderr(), /quota of compute\.googleapis\.com must be <n>\/s or <n>\/min/);
});
