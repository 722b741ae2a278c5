// A node:test reporter that prints nothing: it records how long each test file took (its suite in
// test/support/file-suites.ts) into the file named by SKYQL_TEST_TIMES, merged with the times
// already there. scripts/run-tests.mjs starts the slowest groups first from these times.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export default async function* testTimes(source) {
  const times = {};
  for await (const event of source) {
    const data = event.data;
    // a file's suite (test/…); a group process that failed outside its suites reports its entry file
    if (
      (event.type === 'test:pass' || event.type === 'test:fail') &&
      data.nesting === 0 &&
      data.name.startsWith('test/')
    )
      times[data.name] = Math.round(data.details.duration_ms);
  }
  const path = process.env.SKYQL_TEST_TIMES;
  if (!path) return;
  let old = {};
  try {
    old = JSON.parse(readFileSync(path, 'utf8'));
  } catch {}
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ ...old, ...times }, null, 1)}\n`);
  renameSync(`${path}.tmp`, path);
  yield* [];
}
