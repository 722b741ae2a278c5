import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadYaml } from '../../../../src/base/util/load-yaml.js';

test('aliases that stay in proportion load; bombs, loops and alias towers are refused', () => {
  const shared = loadYaml('p: &p [{name: a, in: query}]\nx: *p\ny: *p\n') as Record<string, unknown>;
  assert.equal(shared.x, shared.p, 'aliases share the anchored value');
  let bomb = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i <= 9; i++)
    bomb += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(',')}]\n`;
  assert.throws(
    () => loadYaml(bomb),
    /aliases expand \d+ bytes of YAML to more than \d+ characters \(an alias bomb\)/,
  );
  assert.throws(() => loadYaml('a: &a [*a]'), /alias loop/);
  let tower = 't0: &t0 [x]\n';
  for (let i = 1; i <= 1500; i++) tower += `t${i}: &t${i} [*t${i - 1}]\n`;
  assert.throws(() => loadYaml(tower), /nested more than 1000 levels deep/);
});
