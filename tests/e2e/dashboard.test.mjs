// The product end to end in Chromium: demo data, the dashboard's figures and formulas, settings recomputing,
// pseudonymised mode, exports, a mapping override, hostile file contents, a large file with progress — and no
// request to any other origin, and no CSP violation, during the whole suite.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { openBrowser, dropFiles, ROOT, SCREENSHOTS } from './browser.mjs';
import * as shared from './browser.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => {
  if (b) await b.close();
});

const freshPage = () => shared.freshPage(b.page);
const waitForReport = (previous) => shared.waitForReport(b.page, previous);
const downloadOf = (click) => shared.downloadOf(b.page, click);


const tile = (key) => b.page.locator(`#tiles [data-tile="${key}"] .value`).textContent();


test('the demo button loads the demo company and the tiles show its figures', async () => {
  await freshPage();
  await b.page.click('#demo-button');
  await waitForReport('');
  assert.equal(await b.page.locator('#files li.file-card').count(), 8);
  // Hand-checked in tests/analyze.rs: advertising 200,100; PixelBakery 588.
  assert.equal(await tile('non_software_spend'), '200,100 USD');
  assert.equal(await tile('unmatched_spend'), '588 USD');
  assert.equal(await tile('tools'), '24');
  assert.match(await tile('seat_utilisation'), /^\d+\.\d %$/);
  // Every chart is drawn inline, with hover titles on its marks.
  assert.equal(await b.page.locator('#charts figure.chart svg').count(), 8);
  assert.ok(await b.page.locator('#charts figure[data-chart="spend_by_tool"] svg g > title').count() > 5);
  // Tools without usage data say so instead of showing 0 %.
  const brevo = await b.page.locator('#tools-table tr[data-tool="Brevo"]').textContent();
  assert.match(brevo, /no usage data/);
  await b.page.setViewportSize({ width: 1600, height: 1000 });
  await b.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-1600.png'), fullPage: true });
  await b.page.setViewportSize({ width: 768, height: 1000 });
  await b.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-768.png'), fullPage: true });
  const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at 768 px (overflow ${overflow})`);
  await b.page.setViewportSize({ width: 1280, height: 900 });
});

test('every figure shows its formula and inputs', async () => {
  const details = b.page.locator('#tiles [data-tile="seat_utilisation"] details');
  await details.locator('summary').click();
  assert.match(await details.locator('p').textContent(), /÷/);
  await b.page.locator('#tools-table tr[data-tool="Salesforce"]').click();
  const detail = await b.page.locator('#tool-detail').textContent();
  assert.match(detail, /30 seats/);
  assert.match(detail, /active/);
});

test('changing a setting recomputes without reading the files again', async () => {
  const before30 = await tile('seat_utilisation');
  const line = await b.page.locator('#as-of-line').textContent();
  await b.page.fill('#settings input[name="window_days"]', '120');
  await waitForReport(line);
  await b.page.waitForFunction((old) => document.querySelector('#tiles [data-tile="seat_utilisation"] .value').textContent !== old, before30);
  const after120 = await tile('seat_utilisation');
  assert.ok(parseFloat(after120) > parseFloat(before30), `${before30} → ${after120}`);
  assert.match(await b.page.locator('#as-of-line').textContent(), /window 120 days/);
  await b.page.fill('#settings input[name="window_days"]', '30');
});

test('exports: HTML with its charts, JSON, and spreadsheet-safe CSV', async (t) => {
  const html = await downloadOf(() => b.page.click('[data-export="html"]'));
  assert.equal(html.name, 'stackscope-report.html');
  assert.ok(!/<script/i.test(html.text), 'the HTML export has no script');
  assert.ok(!/https?:\/\//.test(html.text.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, '')), 'no external reference');
  const htmlPath = join(tmpdir(), `stackscope-export-${process.pid}.html`);
  writeFileSync(htmlPath, html.text);
  t.after(() => rmSync(htmlPath, { force: true }));
  const page2 = await b.context.newPage();
  await page2.goto(`file://${htmlPath}`);
  assert.equal(await page2.locator('figure svg').count(), 8, 'the exported report shows its charts offline');
  await page2.close();
  const json = JSON.parse((await downloadOf(() => b.page.click('[data-export="json"]'))).text);
  assert.equal(json.currency, 'USD');
  assert.ok(json.tools.length >= 20);
  const csv = (await downloadOf(() => b.page.click('[data-export="csv"][data-table="tools"]'))).text;
  assert.match(csv.split('\r\n')[0], /^tool,vendor,category/);
  const svg = await downloadOf(() => b.page.locator('figure[data-chart="roi"] figcaption button').first().click());
  assert.match(svg.text, /^<svg/);
  const png = await Promise.all([b.page.waitForEvent('download'), b.page.locator('figure[data-chart="roi"] figcaption button').nth(1).click()]);
  assert.equal(png[0].suggestedFilename(), 'roi.png');
  const notes = await downloadOf(() => b.page.click('#diagnostics-csv'));
  assert.match(notes.text, /^file,line,column,severity,code,message,value/);
});

test('pseudonymised mode leaves no real name or vendor in the page or the exports', async () => {
  await b.page.check('#settings input[name="mask_vendors"]');
  const line = await b.page.locator('#as-of-line').textContent();
  await b.page.check('#pseudonymise');
  await waitForReport(line);
  await b.page.waitForFunction(() => document.getElementById('as-of-line').textContent.includes('pseudonymised'));
  // The people table is part of the page checked below: it lists everyone, as pseudonyms.
  assert.ok(await b.page.locator('#people-table tr[data-person]').count() > 100);
  const dashboard = await b.page.locator('main').textContent();
  for (const real of ['Salesforce', 'Okafor', 'larkspur.example', 'PixelBakery']) {
    const at = dashboard.indexOf(real);
    assert.ok(at < 0, `${real} is hidden in the page: …${dashboard.slice(Math.max(0, at - 80), at + 40)}…`);
  }
  const html = (await downloadOf(() => b.page.click('[data-export="html"]'))).text;
  const json = (await downloadOf(() => b.page.click('[data-export="json"]'))).text;
  const people = (await downloadOf(() => b.page.click('[data-export="csv"][data-table="people"]'))).text;
  assert.ok(html.includes('<h2>People</h2>'), 'the HTML export lists the people');
  for (const real of ['Salesforce', 'Okafor', 'larkspur.example', 'PixelBakery']) {
    assert.ok(!html.includes(real), `${real} is hidden in the HTML export`);
    assert.ok(!json.includes(real), `${real} is hidden in the JSON export`);
    assert.ok(!people.includes(real), `${real} is hidden in the people CSV`);
  }
  await b.page.screenshot({ path: join(SCREENSHOTS, 'dashboard-pseudonymised.png') });
  await b.page.uncheck('#pseudonymise');
  await b.page.uncheck('#settings input[name="mask_vendors"]');
});

test('a mapping override changes the result', async () => {
  await freshPage();
  await b.page.setInputFiles('#file-input', join(ROOT, 'tests/fixtures/licences_eu.csv'));
  const card = b.page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]');
  await card.waitFor({ timeout: 20000 });
  await waitForReport('');
  assert.match(await b.page.locator('#tools-table tr[data-tool="Slack"]').textContent(), /40/);
  await card.locator('button', { hasText: 'Change kind or columns' }).click();
  await card.locator('select[name="role:Licences"]').selectOption('ignored');
  const line = await b.page.locator('#as-of-line').textContent();
  await card.locator('form.mapping button[type="submit"]').click();
  await b.page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]').waitFor({ timeout: 20000 });
  await b.page.waitForFunction(() => {
    const row = document.querySelector('#tools-table tr[data-tool="Slack"]');
    return row && !/\b40\b/.test(row.cells[2].textContent);
  }, null, { timeout: 20000 });
  assert.match(await b.page.locator('#tools-table tr[data-tool="Slack"] td').nth(2).textContent(), /unknown/);
  assert.ok(line !== null);
});

test('hostile names in files are shown as text and nothing they contain runs', async () => {
  await freshPage();
  await b.page.evaluate(() => { window.__pwned = 0; window.alert = () => { window.__pwned += 1; }; });
  const hostile = readFileSync(join(ROOT, 'tests/corpus/hostile_names.csv'));
  const svgPayload = Buffer.from('Tool,Seats,Annual cost\n"<svg/onload=alert(5)>",3,100.00\n"</title><script>alert(6)</script>",4,200.00\n');
  await dropFiles(b.page, '#dropzone', [{ name: 'hostile_names.csv', bytes: hostile }, { name: 'svg_payload.csv', bytes: svgPayload }]);
  await b.page.locator('li.file-card[data-file="svg_payload.csv"][data-state="read"]').waitFor({ timeout: 20000 });
  await waitForReport('');
  await b.page.waitForTimeout(300);
  assert.equal(await b.page.evaluate(() => window.__pwned), 0);
  assert.equal(await b.page.locator('img[src="x"]').count(), 0);
  assert.equal(await b.page.locator('main script').count(), 0);
  const text = await b.page.locator('#dashboard').textContent();
  assert.ok(text.includes('<svg/onload=alert(5)>'), 'the name is shown as text');
});

test('every corpus file gives a clear message and the page keeps working', async () => {
  await freshPage();
  const dir = join(ROOT, 'tests/corpus');
  const names = readdirSync(dir).filter((n) => !n.endsWith('.md')).sort();
  assert.ok(names.length >= 15, `the whole corpus: ${names}`);
  await dropFiles(b.page, '#dropzone', names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) })));
  for (const name of names) {
    const card = b.page.locator(`li.file-card[data-file="${name}"]:is([data-state="read"], [data-state="failed"])`);
    await card.waitFor({ timeout: 20000 });
    // Either findings or a message that says what is wrong — never an empty card.
    const text = await card.textContent();
    assert.ok(/Rows:|cannot be read|could not be read/.test(text), `${name}: ${text}`);
  }
  const xlsx = await b.page.locator('li.file-card[data-file="spreadsheet.xlsx"] .file-error').textContent();
  assert.match(xlsx, /Excel workbook.*CSV/);
  assert.match(await b.page.locator('li.file-card[data-file="empty.csv"] .file-error').textContent(), /empty/);
  // The page still works: the demo loads after all that.
  await b.page.click('#demo-button');
  await b.page.waitForFunction(() => document.querySelectorAll('#files li.file-card').length === 8);
});

test('a large usage file streams with progress and the page stays responsive', { timeout: 600000 }, async (t) => {
  const rows = Number(process.env.STACKSCOPE_E2E_ROWS || 4000000);
  const dir = join(ROOT, 'target', 'bench-data');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `usage_${rows}.csv`);
  const generated = !existsSync(path);
  if (generated) execFileSync('cargo', ['xtask', 'gen', '--rows', String(rows), '--out', dir], { cwd: ROOT, stdio: 'inherit' });
  // Kept for the next run on a developer's machine; in CI it is a quarter of a gigabyte of disk for nothing.
  if (generated && process.env.CI) t.after(() => rmSync(path, { force: true }));
  const size = statSync(path).size;
  // Read in two parts on two cores (web/part-worker.js), as the page does on any machine of two cores or more;
  // `STACKSCOPE_E2E_PARTS=0` reads it in one piece (to compare).
  const parts = process.env.STACKSCOPE_E2E_PARTS ?? '1';
  await b.page.goto(`${shared.URL_UNDER_TEST}?parts=${parts}`);
  await b.page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'));
  // The browser's memory (all its processes, as the OS counts it) before and while the file is read: it must
  // follow the aggregates, not the file.
  const browserRss = () => {
    let sum = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (!/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
        sum += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
      } catch { /* the process ended */ }
    }
    return sum;
  };
  const baseline = browserRss();
  let peak = baseline;
  const started = Date.now();
  await b.page.setInputFiles('#file-input', path);
  const name = `usage_${rows}.csv`;
  const progressTexts = new Set();
  let worstLatency = 0;
  const deadline = Date.now() + 540000;
  for (;;) {
    const t0 = Date.now();
    const snap = await b.page.evaluate((n) => {
      const card = document.querySelector(`li.file-card[data-file="${n}"]`);
      return { state: card?.dataset.state, text: card?.querySelector('.progress-text')?.textContent || '' };
    }, name);
    worstLatency = Math.max(worstLatency, Date.now() - t0);
    if (snap.text) progressTexts.add(snap.text);
    peak = Math.max(peak, browserRss());
    if (snap.state !== 'reading') break;
    assert.ok(Date.now() < deadline, 'the file finishes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const card = b.page.locator(`li.file-card[data-file="${name}"]`);
  assert.equal(await card.getAttribute('data-state'), 'read');
  assert.equal(await card.locator('[data-fact="rows"] b').textContent(), rows.toLocaleString('en'));
  // Its second half was read by another worker at the same time and merged (web/part-worker.js).
  if (parts === '1') assert.equal(await card.getAttribute('data-parts'), 'merged');
  assert.ok(progressTexts.size >= 3, `progress was shown (${progressTexts.size} updates for ${(size / 1e6).toFixed(0)} MB)`);
  assert.ok(worstLatency < 1000, `the page answered within 1 s throughout (worst ${worstLatency} ms)`);
  const growth = peak - baseline;
  console.log(`large file (parts=${parts}): ${(size / 1e6).toFixed(0)} MB, ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s; browser memory ${(baseline / 1048576).toFixed(0)} MiB before, ` +
    `peak ${(peak / 1048576).toFixed(0)} MiB while reading (+${(growth / 1048576).toFixed(0)} MiB); ${progressTexts.size} progress updates`);
  // Generous against machine noise, but a copy of the file (or of its rows) would break it.
  assert.ok(growth < Math.max(600 * 1048576, size / 2), `memory follows the aggregates, not the file (+${(growth / 1048576).toFixed(0)} MiB)`);
  await waitForReport('');
});

test('no request left the page origin and no CSP violation or page error occurred in the whole suite', async () => {
  assert.deepEqual(b.foreignRequests(), []);
  assert.deepEqual(b.cspViolations, []);
  assert.deepEqual(b.pageErrors, []);
});
