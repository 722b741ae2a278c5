import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE } from '../../../src/tools/emulator/state/sample-data.js';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { FIXTURE_APPROOT, MIRROR_URL, SKYQL_BIN } from '../../support/paths.js';
import { runCli } from '../../support/run-cli.js';

const { emu, keyPath, dir } = await startSampleEmulator();
const P = SAMPLE.project;
const api = [
  '--endpoint',
  `google=${emu.url}`,
  '--auth',
  JSON.stringify({ google: { type: 'service_account', credentialsfilepath: keyPath } }),
  '--await.interval',
  '0.01',
];

test('--dryrun prints the statements as StackQL does, one query cell with its lines kept, and sends nothing', async () => {
  const before = emu.log.entries().length;
  const script = `INSERT INTO google.storage.buckets (project, data__name)
  VALUES ('${P}', 'dry-1');
SELECT name FROM google.storage.buckets WHERE project = '${P}';`;
  const r = await runCli(['exec', ...api, '--dryrun', script]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(emu.log.entries().length, before, 'nothing reached the emulator (no token, no call)');
  const lines = script.split('\n');
  const width = Math.max(...lines.map((l) => l.length));
  const border = `|${'-'.repeat(width + 2)}|`;
  const header = `| ${'query'.padStart((width + 5) >> 1).padEnd(width)} |`;
  assert.equal(
    r.stdout,
    [border, header, border, ...lines.map((l) => `| ${l.padEnd(width)} |`), border, ''].join('\n'),
  );
  assert.equal(r.stderr, '');
});

test('--dryrun of a templated file prints the rendered statements (the requests are in EXPLAIN)', async () => {
  const file = join(dir, 'dry.iql');
  writeFileSync(
    file,
    `{{ range .names }}INSERT INTO google.storage.buckets (project, data__name) VALUES ('{{ $.project }}', '{{ . }}');\n{{ end }}SELECT name FROM google.storage.buckets WHERE project = '{{ project }}';\n`,
  );
  const vars = join(dir, 'dry.json');
  writeFileSync(vars, JSON.stringify({ names: ['t-1', 't-2'] }));
  const before = emu.log.entries().length;
  const r = await runCli([
    'exec',
    ...api,
    '--dryrun',
    '-i',
    file,
    '-q',
    vars,
    '--var',
    `project=${P}`,
    '-o',
    'text',
    '-H',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(emu.log.entries().length, before);
  assert.equal(
    r.stdout,
    `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 't-1');
INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 't-2');
SELECT name FROM google.storage.buckets WHERE project = '${P}';

`,
  );
  assert.equal(r.stderr, '');
});

test('an unset template variable is an error naming it; nothing runs', async () => {
  const before = emu.log.entries().length;
  const r = await runCli([
    'exec',
    ...api,
    `<<<json {"project": "${P}"} >>>
     INSERT INTO google.storage.buckets (project, data__name) VALUES ('{{ .project }}', '{{ .bucket.name }}')`,
  ]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^template error at line 2, column \d+: variable \.bucket\.name is not set\nhint: give it in a JSON data file \(--iqldata vars\.json\) or a <<<json \.\.\. >>> block/,
  );
  // --var gives top-level strings: it cannot set .bucket.name, so it is not suggested
  assert.doesNotMatch(r.stderr, /--var bucket=/);
  assert.equal(emu.log.entries().length, before);
});

test('messages on stderr, results on stdout; a failure exits 1 with Google status and message', async () => {
  const ok = await runCli([
    'exec',
    ...api,
    `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'cli-1') RETURNING name`,
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stderr, 'The operation was despatched successfully\n');
  assert.match(ok.stdout, /\| cli-1 \|/);
  const dup = await runCli([
    'exec',
    ...api,
    `INSERT INTO google.storage.buckets (project, data__name) VALUES ('${P}', 'cli-1');
     DELETE FROM google.storage.buckets WHERE bucket = 'cli-1'`,
  ]);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /^google\.storage\.buckets\.insert: HTTP 409 \S+: .+\n/);
  assert.match(dup.stderr, /The operation was despatched successfully\n$/, 'the next statement still ran');
});

test('Ctrl-C while awaiting stops waiting, says which operation is still running, exits 130', async () => {
  emu.settings.operationPolls = 100_000;
  try {
    const child = spawn(
      process.execPath,
      [
        SKYQL_BIN,
        'exec',
        ...api,
        `INSERT /*+ AWAIT */ INTO google.compute.instances (project, zone, data__name) VALUES ('${P}', 'us-central1-a', 'cli-vm');
         SELECT 1`,
      ],
      {
        env: { ...process.env, SKYQL_REGISTRY: MIRROR_URL, SKYQL_APPROOT: FIXTURE_APPROOT },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const polling = new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('in progress')) resolve();
      }),
    );
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await polling;
    child.kill('SIGINT');
    const code = await closed;
    assert.equal(code, 130);
    assert.match(stderr, /compute#operation: insert in progress, \d+ seconds elapsed\n/);
    assert.match(
      stderr,
      /stopped waiting: operation operation-\S+ \(insert of https:\/\/www\.googleapis\.com\/compute\/v1\/projects\/skyql-demo\/zones\/us-central1-a\/instances\/cli-vm\) is still running\n/,
    );
    assert.equal(stdout, '', 'the rest of the script did not run');
  } finally {
    emu.settings.operationPolls = 1;
  }
});
