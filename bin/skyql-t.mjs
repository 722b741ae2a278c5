#!/usr/bin/env node
// Runs the bundled CLI from the checkout (built by `npm ci` / `npm run build`).
//
// Start-up is a measured target, and on Node 20 a V8 code cache is only available to scripts
// compiled through vm.Script (ES modules have none; module.enableCompileCache needs Node 22.1).
// So the build also writes the CLI as one CommonJS file (dist/skyql.cjs, plus dist/build-id), and
// this launcher compiles it with the code cache kept in the app root
// (<approot>/cache/code/skyql-<build id>-<node version>-<arch>.v8, older builds' caches removed).
// V8 caches the functions compiled so far, so the cache is written at the end of a run: the first
// REFRESHES runs of a build each rewrite it (a run that used the cache adds what it compiled besides,
// so DESCRIBE, SELECT, ... accumulate), then it is only read; a cache V8 rejects is made again.
// Its first byte counts the rewrites. SKYQL_CODE_CACHE=0 turns it off. Anything missing here falls
// back to the ES module bundle, dist/skyql.js.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const dist = '/work/main/dist'; const T=(l)=>process.stderr.write(l+' '+performance.now().toFixed(1)+'\n'); T('launcher');
const REFRESHES = 4;

/** The app root as the CLI computes it: --approot, SKYQL_APPROOT, else ~/.skyql. */
function appRoot() {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break;
    if (args[i] === '--approot' && i + 1 < args.length) return resolve(args[i + 1]);
    if (args[i].startsWith('--approot=')) return resolve(args[i].slice('--approot='.length));
  }
  return resolve(process.env.SKYQL_APPROOT || join(homedir(), '.skyql'));
}

function readCache(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Compiles and runs dist/skyql.cjs (`skyql exec`) with the code cache; false when there is no such
 * bundle or the command is another one.
 */
function runCached() {
  let source;
  let buildId;
  try {
    source = readFileSync(join(dist, 'skyql.cjs'), 'latin1'); // ASCII (the build checks): no UTF-8 decoding
    buildId = readFileSync(join(dist, 'build-id'), 'utf8').trim();
  } catch {
    return false;
  }
  const file = join(dist, 'skyql.cjs');
  const cacheDir = join(appRoot(), 'cache', 'code');
  const cacheName = `skyql-${buildId}-${process.version}-${process.arch}.v8`;
  const cachePath = join(cacheDir, cacheName);
  const cached = readCache(cachePath);
  const generation = cached && cached.length > 1 ? cached[0] : 0;
  const cachedData = cached && cached.length > 1 ? cached.subarray(1) : undefined;
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __skyqlModuleUrl) {${source}\n})`,
    {
      filename: file,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  );
  T('vm.Script done rejected='+script.cachedDataRejected);
  const fresh = cachedData === undefined || script.cachedDataRejected;
  if (fresh || generation < REFRESHES) {
    // after the run, so the functions it compiled are in the cache too
    process.once('exit', () => {
      try {
        mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        const tmp = `${cachePath}.${process.pid}.tmp`;
        const data = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([Buffer.from([fresh ? 1 : generation + 1]), data]), { mode: 0o600 });
        renameSync(tmp, cachePath);
        if (fresh)
          for (const name of readdirSync(cacheDir))
            if (name.startsWith('skyql-') && name.endsWith('.v8') && name !== cacheName)
              rmSync(join(cacheDir, name), { force: true }); // an older build's
      } catch {
        // a read-only app root only costs speed
      }
    });
  }
  T('before run'); const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(file), module, file, dist, pathToFileURL(file).href);
  // the exec bundle runs `skyql exec` only; anything else goes to the full bundle
  return module.exports.handled === true;
}

if (process.env.SKYQL_CODE_CACHE === '0' || !runCached()) {
  import('../dist/skyql.js').catch((err) => {
    process.stderr.write(`skyql: cannot start (${err && err.message}); run \`npm ci\` first\n`);
    process.exitCode = 1;
  });
}
