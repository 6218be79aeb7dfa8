// The wasm module itself, under node: the same glue and binary the page's worker loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, FileSession, version } from '../../pkg/stackscope.js';

initSync({ module: readFileSync(new URL('../../pkg/stackscope_bg.wasm', import.meta.url)) });

function inspect(name, bytes, chunk = bytes.length, options) {
  const s = new FileSession(name, options);
  for (let i = 0; i < bytes.length; i += Math.max(chunk, 1)) s.push(bytes.subarray(i, i + chunk));
  const f = s.finish();
  s.free();
  return f;
}

const enc = new TextEncoder();

test('version is the crate version', () => {
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});

test('a CSV pushed in one chunk or byte by byte gives the same findings', () => {
  const bytes = enc.encode('\uFEFFTool,Seats,Renewal Date\n"Slack, Inc.",40,2027-01-31\nZoom,25,2026-12-15\n');
  const whole = inspect('licences.csv', bytes);
  const bytewise = inspect('licences.csv', bytes, 1);
  assert.deepEqual(bytewise, whole);
  assert.equal(whole.encoding, 'UTF-8');
  assert.equal(whole.bom, true);
  assert.equal(whole.delimiter, ',');
  assert.equal(whole.header_line, 1);
  assert.equal(whole.rows, 2);
  assert.equal(whole.kind, 'licences');
  assert.deepEqual(whole.columns.map((c) => [c.name, c.type, c.role]), [
    ['Tool', 'text', 'tool'],
    ['Seats', 'integer', 'seats'],
    ['Renewal Date', 'date', 'renewal_date'],
  ]);
});

test('UTF-16LE "Unicode Text" with tabs reads in the wasm build', () => {
  const text = 'Email\tLast login\r\nana@northwind.example\t2026-11-02\r\n';
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff; bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) { bytes[2 + 2 * i] = text.charCodeAt(i); }
  const f = inspect('users.txt', bytes, 3);
  assert.equal(f.encoding, 'UTF-16LE');
  assert.equal(f.delimiter, 'tab');
  assert.equal(f.rows, 1);
  assert.equal(f.columns[0].type, 'email');
});

test('an unreadable file gives an error object, not an exception', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const f = inspect('chart.csv', png);
  assert.equal(f.error.code, 'not_text');
  assert.match(f.error.message, /PNG/);
});

test('options reach the core: a forced delimiter and a mapping override', () => {
  const bytes = enc.encode('a;b\n1;2\n');
  const f = inspect('x.csv', bytes, 1024, { delimiter: 'tab', mapping: { kind: 'spend', roles: {} } });
  assert.equal(f.delimiter, 'tab');
  assert.equal(f.kind, 'spend');
  assert.deepEqual(f.mapping, { kind: 'spend', roles: {} });
});
