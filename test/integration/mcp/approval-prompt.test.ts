import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSampleEmulator } from '../../support/emulator-session.js';
import { type Approver, decline, emulatorArgs, rowsOf, startStdioMcp, textOf } from './mcp-harness.js';

/** Issue 14: the approval prompt shows what will really happen, and an unanswered one expires. */
const { emu, keyPath } = await startSampleEmulator();

const STOP =
  "(EXEC google.compute.instances.stop @project = 'skyql-demo', @zone = 'us-central1-a', @instance = 'web-1')";
const STATUS =
  "SELECT status FROM google.compute.instances WHERE project = 'skyql-demo' AND zone = 'us-central1-a' AND instance = 'web-1'";

async function server(approver: Approver, limits: Record<string, number> = {}) {
  return startStdioMcp(
    [
      ...emulatorArgs(emu.url, keyPath),
      '--mcp.mode',
      'safe',
      '--mcp.config',
      JSON.stringify({ audit: { disabled: true }, limits }),
    ],
    approver,
  );
}

test('a SELECT reading EXEC through a view: the prompt names EXEC, expands the view and lists the request', async () => {
  const mcp = await server(decline);
  const before = rowsOf(await mcp.call('run_select_query', { sql: STATUS }))[0].status;
  const view = await mcp.call('run_mutation_query', { sql: `CREATE VIEW stopper AS SELECT * FROM ${STOP}` });
  assert.equal(view.isError, undefined, textOf(view));
  const r = await mcp.call('run_lifecycle_operation', { sql: 'SELECT * FROM stopper' });
  assert.equal(r.isError, true);
  assert.match(
    textOf(r),
    /^the user did not approve SELECT that reads EXEC \(through view stopper\); nothing was sent/,
  );
  assert.equal(mcp.asked.length, 1);
  const prompt = mcp.asked[0];
  assert.match(prompt, /asks to run SELECT that reads EXEC \(through view stopper\) \(class EXEC\)/);
  assert.match(
    prompt,
    /SELECT \* FROM stopper\n-- with its views expanded, this runs:\n.*\(EXEC google\.compute\.instances\.stop /,
  );
  assert.match(
    prompt,
    /Requests it will send:\n- POST \S+\/projects\/skyql-demo\/zones\/us-central1-a\/instances\/web-1\/stop/,
  );
  assert.match(prompt, /no answer within 5 min declines/);
  assert.equal(rowsOf(await mcp.call('run_select_query', { sql: STATUS }))[0].status, before, 'nothing sent');
});

test('an EXEC prompt lists its request; an unanswered prompt expires as declined and frees the session', async () => {
  const mcp = await server(() => new Promise(() => {}), { approvalSeconds: 1 });
  const r = await mcp.call('run_lifecycle_operation', { sql: `EXEC ${STOP.slice(6, -1)}` });
  assert.equal(r.isError, true);
  assert.match(textOf(r), /^the user did not answer the approval of EXEC in time; nothing was sent/);
  assert.match(
    mcp.asked[0],
    /class EXEC.*- POST \S+\/instances\/web-1\/stop.*no answer within 1 s declines/s,
  );
  const next = await mcp.call('run_select_query', { sql: 'SELECT 1 AS one' });
  assert.deepEqual(rowsOf(next), [{ one: 1 }], 'the session answers again');
});
