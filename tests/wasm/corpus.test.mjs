// The hostile and broken inputs of tests/corpus/ through the wasm build: each gives findings or a readable
// error object, never an exception or a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { initSync, FileSession } from '../../pkg/stackscope.js';

initSync({ module: readFileSync(new URL('../../pkg/stackscope_bg.wasm', import.meta.url)) });
const dir = new URL('../corpus/', import.meta.url);

for (const name of readdirSync(dir).filter((n) => !n.endsWith('.md')).sort()) {
  test(`corpus: ${name}`, () => {
    const bytes = readFileSync(new URL(name, dir));
    const s = new FileSession(name, undefined);
    for (let i = 0; i < bytes.length; i += 7) s.push(bytes.subarray(i, i + 7));
    const f = s.finish();
    s.free();
    assert.equal(f.file, name);
    assert.equal(f.rows, f.rows_used + f.rows_skipped);
    if (f.error) assert.ok(f.error.message.length > 10, f.error.message);
    else assert.ok(f.header_line >= 1);
  });
}

test('corpus: a 20 MB single line in 1 MiB chunks', () => {
  const s = new FileSession('long.csv', undefined);
  s.push(new TextEncoder().encode('note\n'));
  const chunk = new Uint8Array(1 << 20).fill(0x78);
  for (let i = 0; i < 20; i++) s.push(chunk);
  s.push(new Uint8Array([10]));
  const f = s.finish();
  s.free();
  assert.equal(f.error, null);
  assert.equal(f.rows, 1);
});
