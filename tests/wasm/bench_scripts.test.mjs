// The benchmark's node scripts (bench/floor.mjs, bench/stackscope.mjs, bench/papaparse.mjs) on small generated
// files, untimed: they must keep reading every byte (their files are streamed into two reused 1 MiB buffers,
// bench/common.mjs) and Stackscope's wasm must keep agreeing with Papa Parse, as in `cargo xtask bench`, also
// when it reads a file in two parts (the second in a worker thread: bench/part-worker.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const bench = (name) => new URL(`../../bench/${name}`, import.meta.url).pathname;
const run = (script, ...files) =>
  JSON.parse(execFileSync(process.execPath, [bench(script), ...files], { encoding: 'utf8' }));
/** bench/stackscope.mjs reading every file past its first 1 MiB in two parts (the second in a worker thread). */
const inParts = (...files) =>
  JSON.parse(
    execFileSync(process.execPath, [bench('stackscope.mjs'), ...files], {
      encoding: 'utf8',
      env: { ...process.env, STACKSCOPE_PARTS_FROM: '0' },
    }),
  );

/** A usage log in the reference shape, `size` bytes exactly when given (its last feature cell padded). */
function usageLog(rows, size) {
  const lines = ['date,user_email,tool,events,feature'];
  for (let i = 0; i < rows; i++) {
    const feature = i % 57 === 0 ? '"export, csv"' : ['view', 'share', 'edit'][i % 3];
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    lines.push(`2026-${month}-${day},user${String(i % 997).padStart(4, '0')}@corp.example,Tool ${String(i % 23).padStart(2, '0')},${i % 40},${feature}`);
  }
  let text = lines.join('\n') + '\n';
  if (size !== undefined) {
    const prefix = '2026-12-31,user0001@corp.example,Tool 01,1,';
    const pad = size - text.length - prefix.length - 1;
    assert.ok(pad > 0, 'room to pad');
    text += `${prefix}${'x'.repeat(pad)}\n`;
    assert.equal(Buffer.byteLength(text), size);
  }
  return text;
}

test('the benchmark scripts read every byte and Stackscope agrees with Papa Parse', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stackscope-bench-'));
  try {
    const licences = path.join(dir, 'licences.csv');
    const tools = Array.from({ length: 23 }, (_, i) => `Tool ${String(i).padStart(2, '0')},Chat,${10 + i},${1000 * i},2027-01-31`);
    writeFileSync(licences, ['tool,category,seats,annual_cost,renewal_date', ...tools].join('\n') + '\n');
    // Less than one chunk; several chunks and a partial one; exactly two chunks (the last read is empty).
    for (const [rows, size] of [[300, undefined], [60_000, undefined], [30_000, 2 * 1048576]]) {
      const file = path.join(dir, `usage_${rows}.csv`);
      const text = usageLog(rows, size);
      writeFileSync(file, text);
      const newlines = text.split('\n').length - 1;
      assert.equal(run('floor.mjs', file).result.lines, newlines, `floor, ${rows} rows`);
      const ours = run('stackscope.mjs', file, licences).result;
      const papa = run('papaparse.mjs', file, licences).result;
      assert.deepEqual(ours.readings, [1, 2], 'a plain usage log is read once');
      for (const key of ['max_date', 'tools', 'overlap']) {
        assert.deepEqual(ours[key], papa[key], `${key}, ${rows} rows`);
      }
      assert.deepEqual(ours.parts, [], 'files under 128 MiB are read in one piece');
      if (text.length > 1048576) {
        const parts = inParts(file, licences).result;
        assert.equal(parts.parts.length, 1, `one part, ${rows} rows`);
        assert.ok(parts.parts[0].merged, `the part is merged, ${rows} rows`);
        assert.equal(parts.parts[0].resume_at, text.length, 'the part read to the end');
        for (const key of ['max_date', 'tools', 'overlap']) {
          assert.deepEqual(parts[key], ours[key], `${key} in parts, ${rows} rows`);
        }
      }
      const events = ours.tools.reduce((a, t) => a + t.events, 0);
      const expected = Array.from({ length: rows }, (_, i) => i % 40).reduce((a, b) => a + b, 0) + (size ? 1 : 0);
      assert.equal(events, expected, `every row's events, ${rows} rows`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
