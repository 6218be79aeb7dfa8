// Workspace.chart (one chart of the last analysis) and the chart benchmark script, under node with the page's
// own wasm: the benchmark must keep measuring the real thing (its drawings equal analyze's), so it is run here
// on a small company, untimed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { initSync, Workspace } from '../../pkg/stackscope.js';

initSync({ module: readFileSync(new URL('../../pkg/stackscope_bg.wasm', import.meta.url)) });

test('Workspace.chart draws each chart exactly as analyze does, and names an unknown chart', () => {
  const ws = new Workspace();
  assert.throws(() => ws.chart('spend_by_tool'), /nothing analysed yet/);
  ws.load_demo();
  const look = { width: 700, height: 420, theme: 'dark' };
  const { charts } = ws.analyze({ charts: look });
  assert.equal(charts.length, 8);
  for (const [name, svg] of charts) {
    assert.equal(ws.chart(name, look), svg, name);
    assert.equal(ws.chart(name), svg, `${name} with the last analysis's look`);
  }
  assert.notEqual(ws.chart('spend_by_tool', { width: 1600, height: 500 }), charts[0][1]);
  assert.throws(() => ws.chart('pie_of_everything'), /no chart named 'pie_of_everything'/);
  ws.free();
});

test('the chart benchmark reads a generated company and draws every chart as analyze does', () => {
  const out = execFileSync(process.execPath, [new URL('../../bench/charts.mjs', import.meta.url).pathname,
    '--tools', '40', '--runs', '1'], { encoding: 'utf8' });
  const result = JSON.parse(out.trim().split('\n').pop());
  assert.equal(result.tools_in_report, 40);
  assert.deepEqual(result.charts.map((c) => c.name).sort(), ['cost_vs_utilisation', 'overlap_matrix', 'renewal_timeline',
    'roi', 'seat_utilisation', 'spend_by_category', 'spend_by_tool', 'spend_over_time']);
  for (const c of result.charts) {
    assert.equal(c.same_as_analysis, true, c.name);
    assert.ok(c.bytes > 500, `${c.name} drew something`);
  }
  assert.equal(result.demo.tools > 0, true);
});
