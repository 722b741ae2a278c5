import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { c as createTar } from 'tar';
import type { InstalledProvider } from '../../src/core/catalog/registry/installed-provider.js';

/** A tiny provider version: provider.yaml plus one service document. */
export const TINY_PROVIDER_YAML = `id: tiny
name: tiny
version: v0.1.0
providerServices:
  things:
    id: things:v0.1.0
    name: things
    preferred: true
    service:
      $ref: tiny/v0.1.0/services/things.yaml
    title: Things API
    version: v0.1.0
    description: Things for tests.
`;

export const TINY_SERVICE_YAML = `openapi: 3.0.0
info: {title: Things, version: v1}
servers: [{url: 'https://things.example.com'}]
paths:
  /v1/things:
    get:
      operationId: things.list
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ListThings'}
components:
  schemas:
    ListThings:
      type: object
      properties:
        things: {type: array, items: {$ref: '#/components/schemas/Thing'}}
    Thing:
      type: object
      properties:
        name: {type: string}
  x-stackQL-resources:
    things:
      id: tiny.things.things
      name: things
      title: Things
      methods:
        list:
          operation: {$ref: '#/paths/~1v1~1things/get'}
          response: {mediaType: application/json, openAPIDocKey: '200', objectKey: $.things}
      sqlVerbs:
        select: [{$ref: '#/components/x-stackQL-resources/things/methods/list'}]
`;

/**
 * Writes a dist-shaped registry with provider `tiny` v0.1.0 under `root`; `beforePack` may sign or
 * tamper with the unpacked files (given the version folder) before the tarball is made.
 * Returns the registry folder (the one holding dist/).
 */
export async function writeTinyRegistry(
  root: string,
  beforePack?: (versionDir: string) => Promise<void> | void,
): Promise<string> {
  const work = join(root, 'work');
  const versionDir = join(work, 'v0.1.0');
  mkdirSync(join(versionDir, 'services'), { recursive: true });
  writeFileSync(join(versionDir, 'provider.yaml'), TINY_PROVIDER_YAML);
  writeFileSync(join(versionDir, 'services', 'things.yaml'), TINY_SERVICE_YAML);
  await beforePack?.(versionDir);
  const registry = join(root, 'registry');
  mkdirSync(join(registry, 'dist', 'tiny'), { recursive: true });
  writeFileSync(
    join(registry, 'dist', 'providers.yaml'),
    'providers:\n  tiny:\n    versions:\n    - v0.1.0\n',
  );
  await createTar({ gzip: true, cwd: work, file: join(registry, 'dist', 'tiny', 'v0.1.0.tgz') }, ['v0.1.0']);
  return registry;
}

/**
 * Installs provider `tiny` v0.1.0 in place under `root` (src/tiny/v0.1.0, as a pull leaves it),
 * its one service served from `host`.
 */
export function installTinyProvider(root: string, host = 'things.example.com'): InstalledProvider {
  const dir = join(root, 'src', 'tiny', 'v0.1.0');
  mkdirSync(join(dir, 'services'), { recursive: true });
  writeFileSync(join(dir, 'provider.yaml'), TINY_PROVIDER_YAML);
  writeFileSync(
    join(dir, 'services', 'things.yaml'),
    TINY_SERVICE_YAML.replace('https://things.example.com', `https://${host}`),
  );
  return {
    name: 'tiny',
    version: 'v0.1.0',
    dir,
    docRoot: join(root, 'src'),
    cacheDir: join(root, 'cache', 'tiny-v0.1.0-pulled'),
  };
}
