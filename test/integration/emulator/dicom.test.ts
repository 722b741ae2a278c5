import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeDicom } from '../../../src/tools/emulator/dicom/dicom-codec.js';
import { contentTypeParam, parseMultipart } from '../../../src/tools/emulator/dicom/multipart.js';
import { SAMPLE, sampleSeed } from '../../../src/tools/emulator/state/sample-data.js';
import { googleError, startTestEmulator } from './emulator-harness.js';

const STORE = `https://healthcare.googleapis.com/v1/projects/${SAMPLE.project}/locations/${SAMPLE.location}/datasets/${SAMPLE.dataset}/dicomStores/${SAMPLE.dicomStore}`;
const WEB = `${STORE}/dicomWeb`;

function sampleBytes(): Buffer[] {
  const dicom = sampleSeed().dicom ?? {};
  return Object.values(dicom)[0].map((r) => Buffer.from(r.data, 'base64'));
}

test('RetrieveSeries of the sample answers multipart/related application/dicom with the exact stored bytes', async () => {
  const h = await startTestEmulator({ sample: true });
  const r = await h.call('GET', `${WEB}/studies/${SAMPLE.study}/series/${SAMPLE.series}`, {
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
  });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const ct = r.headers.get('content-type') ?? '';
  assert.match(ct, /^multipart\/related; type="application\/dicom"; boundary=/);
  const boundary = contentTypeParam(ct, 'boundary') as string;
  const parts = parseMultipart(r.body, boundary);
  const expected = sampleBytes();
  assert.equal(parts.length, 2);
  for (const [i, part] of parts.entries()) {
    assert.match(part.headers['content-type'], /^application\/dicom/);
    assert.ok(part.body.equals(expected[i]), `instance ${i} bytes are returned unchanged`);
    assert.equal(part.body.toString('latin1', 128, 132), 'DICM');
  }
  assert.ok(
    r.body.includes(Buffer.from([0x80, 0xa5])) || r.body.some((b) => b >= 0x80),
    'binary content survives',
  );

  const study = await h.call('GET', `${WEB}/studies/${SAMPLE.study}`);
  assert.equal(
    parseMultipart(
      study.body,
      contentTypeParam(study.headers.get('content-type') ?? '', 'boundary') as string,
    ).length,
    2,
  );
  const one = await h.call(
    'GET',
    `${WEB}/studies/${SAMPLE.study}/series/${SAMPLE.series}/instances/${SAMPLE.instances[1]}`,
  );
  const oneParts = parseMultipart(
    one.body,
    contentTypeParam(one.headers.get('content-type') ?? '', 'boundary') as string,
  );
  assert.equal(oneParts.length, 1);
  assert.ok(oneParts[0].body.equals(expected[1]));
  googleError(await h.call('GET', `${WEB}/studies/${SAMPLE.study}/series/1.2.3`), 404, 'NOT_FOUND');
  googleError(
    await h.call('GET', `${STORE.replace(SAMPLE.dicomStore, 'nope')}/dicomWeb/studies/1/series/2`),
    404,
    'NOT_FOUND',
  );

  const frames = await h.call(
    'GET',
    `${WEB}/studies/${SAMPLE.study}/series/${SAMPLE.series}/instances/${SAMPLE.instances[0]}/frames/1`,
  );
  assert.match(
    frames.headers.get('content-type') ?? '',
    /^multipart\/related; type="application\/octet-stream"/,
  );
  const frame = parseMultipart(
    frames.body,
    contentTypeParam(frames.headers.get('content-type') ?? '', 'boundary') as string,
  )[0];
  assert.equal(frame.body.length, 16 * 16);
});

test('DICOMweb search and metadata answer DICOM JSON', async () => {
  const h = await startTestEmulator({ sample: true });
  const studies = await h.call('GET', `${WEB}/studies`);
  assert.equal(studies.headers.get('content-type'), 'application/dicom+json');
  assert.equal(studies.json.length, 1);
  assert.deepEqual(studies.json[0]['0020000D'], { vr: 'UI', Value: [SAMPLE.study] });
  assert.deepEqual(studies.json[0]['00100010'], { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] });
  assert.deepEqual(studies.json[0]['00201208'], { vr: 'IS', Value: [2] });
  const byPatient = await h.call('GET', `${WEB}/studies?PatientID=PAT-0001`);
  assert.equal(byPatient.json.length, 1);
  const noMatch = await h.call('GET', `${WEB}/studies?PatientName=Smith*`);
  assert.deepEqual(noMatch.json, []);
  const series = await h.call('GET', `${WEB}/studies/${SAMPLE.study}/series`);
  assert.deepEqual(series.json[0]['00080060'], { vr: 'CS', Value: ['CT'] });
  const instances = await h.call('GET', `${WEB}/instances?limit=1`);
  assert.equal(instances.json.length, 1);
  const meta = await h.call('GET', `${WEB}/studies/${SAMPLE.study}/series/${SAMPLE.series}/metadata`);
  assert.equal(meta.json.length, 2);
  assert.deepEqual(meta.json[1]['00080018'], { vr: 'UI', Value: [SAMPLE.instances[1]] });
  assert.deepEqual(meta.json[0]['00280010'], { vr: 'US', Value: [16] });
});

test('STOW: stored instances (single and multipart) come back byte for byte; delete removes them', async () => {
  const h = await startTestEmulator({ sample: true, settings: { operationPolls: 0 } });
  const pixels = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 53) % 256));
  const a = writeDicom({
    StudyInstanceUID: '9.9.1',
    SeriesInstanceUID: '9.9.1.1',
    SOPInstanceUID: '9.9.1.1.1',
    pixels,
    rows: 8,
    columns: 8,
  });
  const b = writeDicom({
    StudyInstanceUID: '9.9.1',
    SeriesInstanceUID: '9.9.1.1',
    SOPInstanceUID: '9.9.1.1.2',
    attributes: { PatientName: 'Ünïcode^Test' },
  });
  const single = await h.call('POST', `${WEB}/studies`, {
    raw: a,
    headers: { 'content-type': 'application/dicom' },
  });
  assert.equal(single.status, 200, single.text);
  assert.equal(single.json['00081199'].Value[0]['00081155'].Value[0], '9.9.1.1.1');
  const boundary = 'XyZ';
  const multipart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
    b,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const stored = await h.call('POST', `${WEB}/studies/9.9.1`, {
    raw: multipart,
    headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}` },
  });
  assert.equal(stored.status, 200, stored.text);
  const dup = await h.call('POST', `${WEB}/studies`, {
    raw: a,
    headers: { 'content-type': 'application/dicom' },
  });
  assert.equal(dup.status, 409);
  googleError(
    await h.call('POST', `${WEB}/studies`, {
      raw: Buffer.from('not dicom at all'),
      headers: { 'content-type': 'application/dicom' },
    }),
    400,
    'INVALID_ARGUMENT',
  );

  const r = await h.call('GET', `${WEB}/studies/9.9.1/series/9.9.1.1`);
  const parts = parseMultipart(
    r.body,
    contentTypeParam(r.headers.get('content-type') ?? '', 'boundary') as string,
  );
  assert.equal(parts.length, 2);
  assert.ok(parts[0].body.equals(a));
  assert.ok(parts[1].body.equals(b));

  const del = await h.call('DELETE', `${WEB}/studies/9.9.1/series/9.9.1.1`);
  assert.equal(del.status, 200, del.text);
  assert.equal(del.json.done, true);
  googleError(await h.call('GET', `${WEB}/studies/9.9.1/series/9.9.1.1`), 404, 'NOT_FOUND');
  assert.equal((await h.call('GET', `${WEB}/studies`)).json.length, 1);
});
