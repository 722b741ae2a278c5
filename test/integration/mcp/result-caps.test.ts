import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type StdioMcp, startStdioMcp, textOf } from './mcp-harness.js';

/** A result's whole JSON-RPC payload: what one stdio line carries. */
const lineBytes = (result: unknown) => Buffer.byteLength(JSON.stringify(result));
const structured = (result: { structuredContent?: unknown }) =>
  (result.structuredContent as { results: { rows: Record<string, unknown>[]; truncated: boolean }[] })
    .results[0];

const config = '{"audit": {"disabled": true}}';
// local SQL in runner processes (the default) and in this process (--execution.timeout 0)
const servers: Array<[string, StdioMcp]> = [
  ['runner', await startStdioMcp(['--mcp.config', config], undefined)],
  ['in-process', await startStdioMcp(['--execution.timeout', '0', '--mcp.config', config], undefined)],
];

for (const [where, mcp] of servers) {
  test(`${where}: a 50 MB text cell is cut to the per-cell cap, not sent whole`, async () => {
    const r = await mcp.call('run_select_query', { sql: "SELECT printf('%.*c', 50000000, 'x') AS big" });
    assert.equal(r.isError, undefined, textOf(r));
    assert.ok(lineBytes(r) < 300_000, `answer of ${lineBytes(r)} bytes`);
    const first = structured(r);
    assert.match(String(first.rows[0].big), /^x{100}.*…\[truncated \d+ bytes\]$/);
    assert.equal(first.truncated, true);
    assert.match(textOf(r), /1 cell cut to the per-cell size cap/);
  });

  test(`${where}: a blob is base64 within the cap, never Node's Buffer JSON`, async () => {
    const r = await mcp.call('run_select_query', {
      sql: "SELECT randomblob(3000000) AS b, x'00ff' AS small",
    });
    assert.equal(r.isError, undefined, textOf(r));
    assert.ok(lineBytes(r) < 300_000, `answer of ${lineBytes(r)} bytes`);
    const row = structured(r).rows[0];
    assert.equal(row.small, 'base64:AP8=');
    assert.match(String(row.b), /^base64:[A-Za-z0-9+/]+…\[truncated \d+ bytes\]$/);
    assert.doesNotMatch(JSON.stringify(r), /"type":"Buffer"/);
  });

  test(`${where}: a 100 MB local result fails with RESULT_TOO_LARGE and the server keeps answering`, async () => {
    const r = await mcp.call('run_select_query', { sql: 'SELECT randomblob(100000000) AS b' });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /result is over 64 MiB/);
    assert.ok(lineBytes(r) < 10_000);
    const after = await mcp.call('run_select_query', { sql: 'SELECT 1 AS one' });
    assert.deepEqual(structured(after).rows, [{ one: 1 }]);
  });
}
