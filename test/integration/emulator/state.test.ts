import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { tempDir } from '../../support/temp-dir.js';
import { startTestEmulator } from './emulator-harness.js';

const DS = 'https://healthcare.googleapis.com/v1/projects/p1/locations/l1/datasets';

for (const ext of ['json', 'yaml']) {
  test(`state saved to ${ext} loads back into a new emulator unchanged (round trip)`, async () => {
    const dir = tempDir();
    const path = join(dir, `state.${ext}`);
    const first = await startTestEmulator({ statePath: path, sample: true, projects: ['p1', 'p9'] });
    await first.call('POST', `${DS}?datasetId=kept`, { body: { timeZone: 'UTC' } });
    await first.call('POST', 'https://storage.googleapis.com/storage/v1/b?project=p9', {
      body: { name: 'p9-bucket' },
    });
    await first.call('POST', 'https://pubsub.googleapis.com/v1/projects/p1/topics/t1:setIamPolicy', {
      body: { policy: { bindings: [] } },
    });
    const saved = await first.raw('POST', '/_emulator/save');
    assert.equal(saved.json.path, path);
    const text = readFileSync(path, 'utf8');
    const doc = (ext === 'json' ? JSON.parse(text) : load(text)) as { resources: Record<string, unknown> };
    assert.ok(doc.resources['healthcare.googleapis.com']);
    const before = first.emu.snapshot();
    await first.emu.close();

    const second = await startTestEmulator({ statePath: path });
    assert.deepEqual(second.emu.snapshot(), before);
    const got = await second.call('GET', `${DS}/kept`);
    assert.equal(got.json.timeZone, 'UTC');
    const p9 = await second.call('GET', 'https://storage.googleapis.com/storage/v1/b?project=p9');
    assert.deepEqual(
      p9.json.items.map((b: { name: string }) => b.name),
      ['p9-bucket'],
      'create-time scopes survive',
    );
    const series = await second.call(
      'GET',
      'https://healthcare.googleapis.com/v1/projects/skyql-demo/locations/us-central1/datasets/demo-dataset/dicomStores/demo-dicom/dicomWeb/studies',
    );
    assert.equal(series.json.length, 1, 'DICOM instances survive');
    await second.call('DELETE', `${DS}/kept`);
    await second.emu.close();
    const third = await startTestEmulator({ statePath: path });
    assert.equal((await third.call('GET', `${DS}/kept`)).status, 404, 'close() saved the state');
  });
}

test('pending operations are completed in a snapshot; a missing state file starts empty', async () => {
  const dir = tempDir();
  const h = await startTestEmulator({
    statePath: join(dir, 'new.json'),
    projects: ['p1'],
    settings: { operationPolls: 5 },
  });
  const op = await h.call('POST', `${DS}?datasetId=x`, { body: {} });
  assert.notEqual(op.json.done, true);
  const snap = h.emu.snapshot();
  const ops = Object.values(snap.resources?.['healthcare.googleapis.com'] ?? {}).flatMap((c) =>
    Object.values(c),
  );
  assert.ok(ops.some((o) => o.done === true));
  assert.equal(existsSync(join(dir, 'new.json')), false);
  h.emu.save();
  assert.equal(existsSync(join(dir, 'new.json')), true);
});
