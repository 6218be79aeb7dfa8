// The page end to end: served with its CSP, two files dropped (one unreadable), findings shown, no request to
// any other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, dropFiles, URL_UNDER_TEST, ROOT, SCREENSHOTS } from './browser.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => {
  if (b) await b.close();
});

test('the page is served with the Content-Security-Policy header and meta tag', async () => {
  const response = await b.page.goto(URL_UNDER_TEST);
  assert.equal(response.status(), 200);
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, 'CSP header present');
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "style-src 'self'", "form-action 'none'", "base-uri 'none'"]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  }
  const meta = await b.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.equal(meta, csp);
  await b.page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'));
});

test('dropping a CSV and an unreadable file shows both findings', async () => {
  const spend = readFileSync(join(ROOT, 'tests/fixtures/quickbooks_expenses.csv'));
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  await dropFiles(b.page, '#dropzone', [
    { name: 'quickbooks_expenses.csv', bytes: spend },
    { name: 'logo.csv', bytes: png },
  ]);
  const good = b.page.locator('li.file-card[data-file="quickbooks_expenses.csv"][data-state="read"]');
  const bad = b.page.locator('li.file-card[data-file="logo.csv"][data-state="failed"]');
  await good.waitFor({ timeout: 15000 });
  await bad.waitFor({ timeout: 15000 });

  assert.equal(await good.locator('[data-fact="encoding"] b').textContent(), 'windows-1252');
  assert.equal(await good.locator('[data-fact="delimiter"] b').textContent(), 'comma');
  assert.equal(await good.locator('[data-fact="header_line"] b').textContent(), 'line 5');
  assert.equal(await good.locator('[data-fact="rows_used"] b').textContent(), '4');
  assert.equal(await good.locator('.kind-badge').textContent(), 'Spend');
  await good.locator('details summary').first().click();
  const rows = await good.locator('table.columns tbody tr').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('Date') && r.includes('date')), `a Date column typed date: ${rows}`);
  assert.ok(rows.some((r) => r.startsWith('Amount') && r.includes('money')), `an Amount column typed money: ${rows}`);
  assert.ok(rows.some((r) => r.startsWith('Vendor') && r.includes('vendor')), `a Vendor column: ${rows}`);
  const notes = await good.locator('.diagnostics li').allTextContents();
  assert.ok(notes.some((n) => /^Line \d+: a total row/.test(n)), `the Total row is reported with its line: ${notes}`);

  const message = await bad.locator('.file-error').textContent();
  assert.match(message, /logo\.csv cannot be read: this is not a text file \(a PNG image\)/);

  await b.page.screenshot({ path: join(SCREENSHOTS, 'inspect-after-drop.png'), fullPage: true });
});

test('the file picker (keyboard path) reads files too', async () => {
  await b.page.focus('#dropzone');
  const chooser = b.page.waitForEvent('filechooser');
  await b.page.keyboard.press('Enter');
  await (await chooser).setFiles(join(ROOT, 'tests/fixtures/licences_eu.csv'));
  const card = b.page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]');
  await card.waitFor({ timeout: 15000 });
  assert.equal(await card.locator('[data-fact="delimiter"] b').textContent(), 'semicolon');
  assert.equal(await card.locator('.kind-badge').textContent(), 'Licences / contracts');
});

test('several real exports dropped at once each show their format, kind and counts', async () => {
  const cases = [
    ['m365_active_users', 'input.csv', 'm365_active_users', 'Usage'],
    ['okta_current_assignments', 'input.csv', 'okta_current_assignments', 'Usage'],
    ['ramp_transactions', 'input.csv', 'ramp_transactions', 'Spend'],
    ['quickbooks_transaction_detail', 'input.csv', 'quickbooks_transaction_detail', 'Spend'],
    ['generic_contracts_eu', 'input.csv', 'generic_contracts_eu', 'Licences / contracts'],
    ['adobe_admin_users_unicode_text', 'input.txt', 'adobe_admin_users', 'Usage'],
  ];
  await dropFiles(b.page, '#dropzone', cases.map(([dir, file]) => ({ name: `${dir}.${file.split('.')[1]}`, bytes: readFileSync(join(ROOT, 'tests/cases', dir, file)) })));
  for (const [dir, file, format, kind] of cases) {
    const expected = JSON.parse(readFileSync(join(ROOT, 'tests/cases', dir, 'expected.json'), 'utf8'));
    const card = b.page.locator(`li.file-card[data-file="${dir}.${file.split('.')[1]}"][data-state="read"]`);
    await card.waitFor({ timeout: 20000 });
    assert.equal(await card.locator('[data-fact="format"] b').textContent(), format);
    assert.equal(await card.locator('.kind-badge').textContent(), kind);
    assert.equal(await card.locator('[data-fact="encoding"] b').textContent(), `${expected.encoding}${expected.bom ? ' + BOM' : ''}`);
    assert.equal(await card.locator('[data-fact="header_line"] b').textContent(), `line ${expected.header_line}`);
    assert.equal(await card.locator('[data-fact="rows"] b').textContent(), expected.rows.toLocaleString('en'));
  }
});

test('the encoding can be overridden from the page', async () => {
  const card = b.page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]');
  assert.equal(await card.locator('[data-fact="encoding"] b').textContent(), 'windows-1252');
  await card.locator('button', { hasText: 'Change kind or columns' }).click();
  await card.locator('select[name="encoding"]').selectOption('utf-8');
  await card.locator('form.mapping button[type="submit"]').click();
  const again = b.page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]');
  await again.waitFor({ timeout: 20000 });
  assert.equal(await again.locator('[data-fact="encoding"] b').textContent(), 'UTF-8');
});

test('no request left the page origin and no CSP violation or page error occurred', async () => {
  assert.ok(b.requests.length >= 4, `requests were recorded: ${b.requests}`);
  assert.ok(b.requests.some((u) => u.endsWith('.wasm')), 'the wasm module was loaded from the origin');
  assert.deepEqual(b.foreignRequests(), []);
  assert.deepEqual(b.cspViolations, []);
  assert.deepEqual(await b.page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(b.pageErrors, []);
});
