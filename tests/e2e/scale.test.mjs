// The usage rollup of docs/scale.md loads in the page like any usage file: a rollup CSV written here in the
// exact layout scale/rollup_duckdb.sql produces (tool,user_email,last_active,first_seen,days_seen,events) is
// picked with the file input, read as Usage with every row, and the dashboard appears.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openBrowser, URL_UNDER_TEST, SCREENSHOTS } from './browser.mjs';

const TOOLS = ['Slack', 'Zoom', 'Notion', 'Figma', 'Miro', 'Asana', 'GitHub', 'Salesforce', 'HubSpot', 'Dropbox'];
const USERS = 200;
const NAME = 'usage_rollup.csv';

/** A deterministic rollup: every user on every tool, so rows = USERS × TOOLS.length (2,000). */
function rollupCsv() {
  let seed = 20261122;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day = (offset) => new Date(Date.UTC(2026, 9, 31) - offset * 86400000).toISOString().slice(0, 10);
  const lines = ['tool,user_email,last_active,first_seen,days_seen,events'];
  const tools = [...TOOLS].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  for (const tool of tools) {
    for (let u = 0; u < USERS; u += 1) {
      const last = Math.floor(rand() * 60);
      const first = last + Math.floor(rand() * (60 - last));
      const days = Math.min(first - last + 1, 1 + Math.floor(rand() * 40));
      lines.push(`${tool},user${String(u).padStart(4, '0')}@example.com,${day(last)},${day(first)},${days},${days * (1 + Math.floor(rand() * 20))}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

let b;
let dir;
before(async () => {
  b = await openBrowser();
  dir = mkdtempSync(join(tmpdir(), 'stackscope-scale-'));
});
after(async () => {
  if (b) await b.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a usage rollup is read as Usage with every row, and the dashboard shows', async () => {
  const { text, rows } = rollupCsv();
  assert.equal(rows, 2000);
  const path = join(dir, NAME);
  writeFileSync(path, text);

  await b.page.goto(URL_UNDER_TEST);
  await b.page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'));
  await b.page.setInputFiles('#file-input', path);
  const card = b.page.locator(`li.file-card[data-file="${NAME}"][data-state="read"]`);
  await card.waitFor({ timeout: 30000 });
  assert.equal((await card.locator('.kind-badge').textContent()).trim(), 'Usage');
  assert.equal(await card.locator('[data-fact="rows"] b').textContent(), rows.toLocaleString('en'));

  await b.page.waitForFunction(() => !document.getElementById('dashboard').hidden, null, { timeout: 30000 });
  assert.equal(await b.page.locator('#dashboard').isHidden(), false);
  const shown = await b.page.evaluate(() => [...document.querySelectorAll('#tools-table tr[data-tool]')]
    .map((tr) => tr.dataset.tool.toLowerCase()));
  for (const tool of TOOLS) assert.ok(shown.includes(tool.toLowerCase()), `${tool} in the tools table: ${shown}`);

  assert.deepEqual(b.foreignRequests(), [], 'no request left the page');
  await b.page.screenshot({ path: join(SCREENSHOTS, 'scale-rollup.png'), fullPage: true });
});
