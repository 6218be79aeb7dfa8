// A panic inside the wasm core — should one ever slip through — reaches the page as a readable message with a
// way to report it, and the page stays usable. The panic is real: the shipped module's `self_test_panic`, which
// the page calls when opened with `#self-test-panic` (docs/reliability.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, dropFiles, URL_UNDER_TEST, ROOT, SCREENSHOTS } from './browser.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => {
  if (b) await b.close();
});

test('a panic in the core shows a readable banner, offers its details, and the restarted engine works', async () => {
  await b.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(URL_UNDER_TEST).origin });
  await b.page.goto(`${URL_UNDER_TEST}#self-test-panic`);
  const banner = b.page.locator('#crash');
  await banner.waitFor({ state: 'visible', timeout: 30000 });
  const message = await b.page.locator('#crash-message').textContent();
  // The panic's own words (kept by the panic hook), not a bare "unreachable executed".
  assert.match(message, /^Something went wrong inside Stackscope: internal error: panicked at src\/wasm.rs:\d+:\d+:\nself-test: a deliberate panic/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await b.page.screenshot({ path: join(SCREENSHOTS, 'crash-banner.png') });

  // "Copy details" puts the version, the message and the browser on the clipboard, for a bug report.
  await b.page.click('#crash-copy');
  const copied = await b.page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Stackscope v\d+\.\d+\.\d+\n/);
  assert.match(copied, /self-test: a deliberate panic/);

  // The page is still usable: the restarted engine loads and analyses the demo company.
  await b.page.click('#demo-button');
  await b.page.waitForFunction(() => {
    const t = document.querySelector('#tiles [data-tile="tools"] .value');
    return t && !document.getElementById('dashboard').hidden && t.textContent === '24';
  }, null, { timeout: 30000 });
  assert.equal(await b.page.locator('#charts figure.chart svg').count(), 8);

  // It panicked once: a second "ready" from the restarted engine did not panic again.
  assert.equal(await b.page.locator('#crash-message').textContent(), message);
  assert.deepEqual(b.pageErrors, [], 'no uncaught error on the page');
  assert.deepEqual(b.foreignRequests(), []);
});

test('after a crash, the files on the page are read again with one click and the figures come back', async () => {
  await b.page.goto(URL_UNDER_TEST);
  await b.page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'));
  const dir = join(ROOT, 'tests/cases/ramp_transactions');
  const input = readdirSync(dir).find((f) => f.startsWith('input'));
  await dropFiles(b.page, '#dropzone', [{ name: 'ramp.csv', bytes: readFileSync(join(dir, input)) }]);
  const spend = b.page.locator('#tiles [data-tile="software_spend"] .value');
  await b.page.waitForFunction(() => !document.getElementById('dashboard').hidden, null, { timeout: 30000 });
  const before = await spend.textContent();
  assert.match(before, /\d/);

  await b.page.evaluate(() => { location.hash = '#self-test-panic'; });
  await b.page.locator('#crash').waitFor({ state: 'visible', timeout: 30000 });
  // No figure stays on screen that the restarted engine could not recompute.
  assert.equal(await b.page.locator('#dashboard').isHidden(), true);
  await b.page.click('#crash-reread');
  await b.page.locator('li.file-card[data-file="ramp.csv"][data-state="read"]').waitFor({ timeout: 30000 });
  await b.page.waitForFunction(() => !document.getElementById('dashboard').hidden, null, { timeout: 30000 });
  assert.equal(await spend.textContent(), before);
  assert.equal(await b.page.locator('#crash').isHidden(), true);
  assert.deepEqual(b.pageErrors, []);
  assert.deepEqual(b.foreignRequests(), []);
});
