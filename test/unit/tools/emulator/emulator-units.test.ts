import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { isSkyqlError } from '../../../../src/base/errors/skyql-error.js';
import { parseTrustedKey } from '../../../../src/tools/emulator/auth/trusted-keys.js';
import {
  dicomJson,
  dicomString,
  parseDicom,
  writeDicom,
} from '../../../../src/tools/emulator/dicom/dicom-codec.js';
import {
  buildMultipart,
  contentTypeParam,
  parseMultipart,
} from '../../../../src/tools/emulator/dicom/multipart.js';
import { applyUpdateMask, mergePatch } from '../../../../src/tools/emulator/handlers/update-mask.js';
import { serversInYamlText } from '../../../../src/tools/emulator/routing/host-index.js';
import { FaultSet, parseFaultRule } from '../../../../src/tools/emulator/server/faults.js';

test('update masks and merge patch', () => {
  const item = { name: 'n', labels: { a: '1' }, spec: { x: 1, y: 2 }, keep: true };
  assert.deepEqual(applyUpdateMask(item, { labels: { b: '2' }, keep: false }, 'labels'), {
    name: 'n',
    labels: { b: '2' },
    spec: { x: 1, y: 2 },
    keep: true,
  });
  assert.deepEqual(applyUpdateMask(item, { spec: { y: 9 } }, 'spec.y,spec.x'), {
    name: 'n',
    labels: { a: '1' },
    spec: { y: 9 },
    keep: true,
  });
  assert.deepEqual(applyUpdateMask({ timeZone: 'a' }, { timeZone: 'b' }, 'time_zone'), { timeZone: 'b' });
  assert.deepEqual(applyUpdateMask(item, { only: 1 }, '*'), { only: 1 });
  assert.throws(() => applyUpdateMask(item, {}, 'a..b'), /Invalid update mask/);
  assert.deepEqual(mergePatch(item, { labels: { b: '2' }, keep: null }), {
    name: 'n',
    labels: { a: '1', b: '2' },
    spec: { x: 1, y: 2 },
  });
});

test('DICOM codec: write, parse, DICOM JSON', () => {
  const bytes = writeDicom({
    StudyInstanceUID: '1.2.3',
    SeriesInstanceUID: '1.2.3.4',
    SOPInstanceUID: '1.2.3.4.5',
    attributes: { PatientName: 'Doe^John', PatientID: 'P1', InstanceNumber: 3 },
    rows: 2,
    columns: 3,
    pixels: Buffer.from([1, 2, 3, 250, 251, 252]),
  });
  assert.equal(bytes.toString('latin1', 128, 132), 'DICM');
  const parsed = parseDicom(bytes);
  assert.equal(dicomString(parsed, 'StudyInstanceUID'), '1.2.3');
  assert.equal(dicomString(parsed, 'SOPInstanceUID'), '1.2.3.4.5');
  const json = dicomJson(parsed);
  assert.deepEqual(json['00100010'], { vr: 'PN', Value: [{ Alphabetic: 'Doe^John' }] });
  assert.deepEqual(json['00200013'], { vr: 'IS', Value: [3] });
  assert.deepEqual(json['00280011'], { vr: 'US', Value: [3] });
  assert.equal(json['7FE00010'], undefined);
  assert.throws(() => parseDicom(bytes.subarray(0, 200)), /truncated/);
});

test('multipart: build and parse keep binary bodies intact', () => {
  const a = Buffer.from([0, 255, 13, 10, 45, 45, 128]);
  const b = Buffer.from('second');
  const mp = buildMultipart([
    { contentType: 'application/dicom', body: a },
    { contentType: 'application/dicom', body: b },
  ]);
  const parts = parseMultipart(mp.body, mp.boundary);
  assert.equal(parts.length, 2);
  assert.ok(parts[0].body.equals(a));
  assert.ok(parts[1].body.equals(b));
  assert.equal(parts[0].headers['content-type'], 'application/dicom');
  assert.equal(
    contentTypeParam('multipart/related; type="application/dicom"; boundary=abc', 'boundary'),
    'abc',
  );
  assert.equal(
    contentTypeParam('multipart/related; type="application/dicom"; boundary=abc', 'type'),
    'application/dicom',
  );
});

test('faults: validation, matching, rates and counts', () => {
  assert.throws(() => parseFaultRule({ status: 200 }), /400-599/);
  assert.throws(() => parseFaultRule({ rate: 2 }), /between 0 and 1/);
  assert.throws(() => parseFaultRule({ latencyMs: [5, 1] }), /range/);
  assert.throws(() => parseFaultRule({ what: 1 }), /unknown fault field/);
  let dice = 0.7;
  const f = new FaultSet(() => dice);
  f.add(parseFaultRule({ match: '/compute.googleapis.com/*', status: 500, rate: 0.5 }));
  f.add(parseFaultRule({ match: 'instances', latencyMs: 10, times: 1 }));
  assert.deepEqual(f.decide('GET', '/compute.googleapis.com/compute/v1/x').status, undefined, 'rate not hit');
  dice = 0.2;
  const d = f.decide('GET', '/compute.googleapis.com/compute/v1/instances');
  assert.equal(d.status, 500);
  assert.equal(d.latencyMs, 10);
  assert.equal(f.list().length, 1, 'the counted rule is used up');
  assert.equal(f.decide('GET', '/pubsub.googleapis.com/v1').applied.length, 0);
  f.set([{ latencyMs: [100, 150] }, { match: 'topics', latencyMs: 250 }]);
  for (const [roll, ms] of [
    [0, 100],
    [0.5, 125],
  ]) {
    dice = roll;
    assert.equal(
      f.decide('GET', '/storage.googleapis.com/b').latencyMs,
      ms,
      'a range: min + roll * (max - min)',
    );
  }
  dice = 0;
  assert.equal(f.decide('GET', '/pubsub.googleapis.com/v1/topics').latencyMs, 350, 'latencies add up');
});

test('servers are found in YAML text at the start or the end of a document', () => {
  assert.deepEqual(
    serversInYamlText(
      'openapi: 3.0.0\nservers:\n  - url: https://compute.googleapis.com/compute/v1\ncomponents: {}\n',
    ),
    ['https://compute.googleapis.com/compute/v1'],
  );
  assert.deepEqual(
    serversInYamlText(
      "paths: {}\nservers:\n  - url: 'https://a.googleapis.com'\n  - url: https://b.googleapis.com",
    ),
    ['https://a.googleapis.com', 'https://b.googleapis.com'],
  );
  assert.equal(serversInYamlText('components:\n  servers:\n    - url: x\n'), undefined);
});

test('trusted keys: PEM public keys, private keys, key JSON; others are config errors', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  assert.equal(parseTrustedKey(publicKey.export({ type: 'spki', format: 'pem' }).toString()).length, 1);
  const json = JSON.stringify({
    client_email: 'a@b',
    private_key_id: 'k',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
  });
  const [k] = parseTrustedKey(json);
  assert.equal(k.email, 'a@b');
  assert.equal(k.keyId, 'k');
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  assert.throws(
    () => parseTrustedKey(ec),
    (e: unknown) => isSkyqlError(e, 'BAD_EMULATOR_CONFIG') && /RSA/.test(e.message),
  );
  assert.throws(
    () => parseTrustedKey('not a key'),
    (e: unknown) => isSkyqlError(e, 'BAD_EMULATOR_CONFIG'),
  );
});
