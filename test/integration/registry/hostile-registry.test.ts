import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { parseRegistryConfig } from '../../../src/base/config/registry-config.js';
import { isSkyqlError } from '../../../src/base/errors/skyql-error.js';
import { Catalog } from '../../../src/core/catalog/catalog.js';
import { defaultFetcher } from '../../../src/core/catalog/registry/fetcher.js';
import { ProviderRegistry } from '../../../src/core/catalog/registry/provider-registry.js';
import { unpackedByteLimit, unpackPackage } from '../../../src/core/catalog/registry/unpack.js';
import { TINY_SERVICE_YAML, writeTinyRegistry } from '../../support/fixture-registry.js';
import { tempDir } from '../../support/temp-dir.js';

/** A registry over `dir` that records every URL it fetches. */
function registryAt(dir: string) {
  const fetched: string[] = [];
  const registry = new ProviderRegistry(
    parseRegistryConfig(pathToFileURL(dir).href, join(dir, '..', 'app')),
    {
      fetcher: (url, progress) => {
        fetched.push(url);
        return defaultFetcher(url, progress);
      },
    },
  );
  return { registry, fetched };
}

/** One tar header block announcing a file of `size` bytes (the body follows in other gzip members). */
function tarHeader(path: string, size: number): Buffer {
  const h = new Header({ path, mode: 0o644, size, mtime: new Date(0), type: 'File' });
  h.encode();
  return h.block as Buffer;
}

test('registry indexes whose versions or provider names are not one path segment are refused', async () => {
  const cases: [string, RegExp][] = [
    [
      'providers:\n  tiny:\n    versions: ["v0.1.0/../../../../escaped"]\n',
      /invalid version of tiny: "v0\.1\.0\/\.\.\//,
    ],
    [
      'providers:\n  tiny:\n    versions: ["a/../../tmp/x"]\n',
      /invalid version of tiny: "a\/\.\.\/\.\.\/tmp\/x"/,
    ],
    ['providers:\n  "../evil":\n    versions: [v0.1.0]\n', /invalid provider name "\.\.\/evil"/],
    ['providers:\n  "..":\n    versions: [v0.1.0]\n', /invalid provider name "\.\."/],
  ];
  for (const [index, message] of cases) {
    const root = tempDir();
    const reg = await writeTinyRegistry(root);
    writeFileSync(join(reg, 'dist', 'providers.yaml'), index);
    const { registry, fetched } = registryAt(reg);
    await assert.rejects(
      registry.pull('tiny'),
      (e: unknown) => isSkyqlError(e, 'REGISTRY_BAD_INDEX') && message.test(e.message),
      index,
    );
    assert.deepEqual(
      fetched.map((u) => u.slice(u.lastIndexOf('/dist/'))),
      ['/dist/providers.yaml'],
      'no package was fetched',
    );
    assert.deepEqual(
      readdirSync(root).sort(),
      ['registry', 'work'],
      'nothing was written beside the registry',
    );
  }
  const { registry } = registryAt(await writeTinyRegistry(tempDir()));
  assert.throws(
    () => registry.installedVersions('../../etc'),
    (e: unknown) => isSkyqlError(e, 'PROVIDER_NOT_FOUND'),
  );
  assert.equal(registry.resolve('tiny', '../../v0.1.0'), undefined);
});

test('a gzip bomb is refused as soon as the unpacked size passes the limit, having read only that far', async () => {
  const root = tempDir();
  const reg = await writeTinyRegistry(root);
  // gzip members may be concatenated: a header, then the same 64 MiB of zeros 24 times (1.5 GiB)
  const zeros = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const bomb = Buffer.concat([
    gzipSync(tarHeader('v0.1.0/provider.yaml', 0o77777777777)),
    ...Array(24).fill(zeros),
  ]);
  writeFileSync(join(reg, 'dist', 'tiny', 'v0.1.0.tgz'), bomb);
  const limit = unpackedByteLimit(bomb.length);
  assert.equal(limit, 50 * bomb.length, 'a package may unpack to 50 times its size');
  const { registry } = registryAt(reg);
  let message = '';
  await assert.rejects(registry.pull('tiny'), (e: unknown) => {
    message = e instanceof Error ? e.message : '';
    return (
      isSkyqlError(e, 'CORRUPT_PACKAGE') &&
      message.includes(`tiny/v0.1.0.tgz unpacks to more than ${limit} bytes`)
    );
  });
  const m = /after unpacking (\d+) bytes from the first (\d+) of its (\d+) bytes/.exec(message);
  assert.ok(m, message);
  const [unpacked, read, total] = m.slice(1).map(Number);
  assert.ok(unpacked <= limit + 1024 * 1024, `stopped at ${unpacked} unpacked bytes (limit ${limit})`);
  assert.ok(read < total / 4, `read ${read} of ${total} package bytes`);
  assert.deepEqual(registry.installedVersions('tiny'), [], 'nothing installed');
});

test('a tarball with more entries than the limit is refused at the first one too many', async () => {
  const dir = tempDir();
  const entries = Array.from({ length: 200 }, (_, i) => tarHeader(`v0.1.0/e${i}`, 0));
  const tgz = gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
  await assert.rejects(
    unpackPackage(tgz, dir, 'tiny/v0.1.0.tgz', { maxEntries: 50 }),
    (e: unknown) =>
      isSkyqlError(e, 'CORRUPT_PACKAGE') && /tiny\/v0\.1\.0\.tgz has more than 50 entries/.test(e.message),
  );
  assert.ok(readdirSync(join(dir, 'v0.1.0')).length <= 50, 'extraction stopped at the limit');
  await unpackPackage(tgz, tempDir(), 'tiny/v0.1.0.tgz', { maxEntries: 200 });
});

test('a provider document with a YAML alias bomb fails clearly, naming the file', async () => {
  let bomb = 'x-lol: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i <= 9; i++)
    bomb += `x-l${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  const reg = await writeTinyRegistry(tempDir(), (dir) =>
    writeFileSync(join(dir, 'services', 'things.yaml'), TINY_SERVICE_YAML + bomb),
  );
  assert.ok(bomb.length < 1500, `the bomb is ${bomb.length} bytes`);
  const catalog = new Catalog(registryAt(reg).registry);
  await assert.rejects(
    catalog.resource('tiny', 'things', 'things'),
    (e: unknown) =>
      isSkyqlError(e, 'BAD_PROVIDER_DOC') &&
      /things\.yaml/.test(e.message) &&
      /aliases expand \d+ bytes of YAML to more than \d+ characters \(an alias bomb\)/.test(e.message),
  );
});

test("unpacked files belong to whoever pulls, never to the archive's owners (even as root)", async () => {
  const h = new Header({
    path: 'v0.1.0/provider.yaml',
    mode: 0o644,
    size: 3,
    mtime: new Date(0),
    type: 'File',
    uid: 4242,
    gid: 4242,
  });
  h.encode();
  const body = Buffer.alloc(512);
  body.write('id:');
  const tgz = gzipSync(Buffer.concat([h.block as Buffer, body, Buffer.alloc(1024)]));
  const dir = tempDir();
  await unpackPackage(tgz, dir, 'tiny/v0.1.0.tgz');
  const st = statSync(join(dir, 'v0.1.0', 'provider.yaml'));
  assert.equal(st.uid, process.getuid?.() ?? st.uid);
});
