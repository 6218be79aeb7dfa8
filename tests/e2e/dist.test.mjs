// The distributable: dist/ contains no external URL, works from any static server (here Python's), and
// dist/stackscope.html works opened straight from disk, with the engine on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { openBrowser, ROOT, SCREENSHOTS } from './browser.mjs';

const DIST = join(ROOT, 'dist');
let b;
let server;
let port;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port: p } = s.address();
      s.close(() => resolve(p));
    });
  });
}

before(async () => {
  b = await openBrowser();
  port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', DIST], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch (_) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});
after(async () => {
  if (server) server.kill();
  if (b) await b.close();
});

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test('dist/ contains no external URL in anything a browser loads', () => {
  const text = files(DIST).filter((p) => /\.(html|js|css|json|svg)$/.test(p));
  assert.ok(text.length >= 5, `dist has the page: ${text}`);
  for (const p of text) {
    const urls = readFileSync(p, 'utf8').match(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi) || [];
    const external = urls.filter((u) => !u.startsWith('//www.w3.org/2000/svg') && !/^https?:\/\/www\.w3\.org\/2000\/svg/.test(u));
    assert.deepEqual(external, [], `${p} has no external URL`);
  }
});

test('dist/ served by a plain static server works', async () => {
  const origin = `http://127.0.0.1:${port}`;
  await b.page.goto(`${origin}/`);
  await b.page.click('#demo-button');
  await b.page.waitForSelector('#dashboard:not([hidden]) [data-tile="tools"] .value', { timeout: 30000 });
  assert.equal(await b.page.locator('[data-tile="tools"] .value').textContent(), '24');
  const foreign = b.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
});

test('dist/stackscope.html works opened from disk, with the engine on the page', async () => {
  const page = await b.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (/Content Security Policy|Refused/i.test(m.text())) errors.push(m.text()); });
  await page.goto(`file://${join(DIST, 'stackscope.html')}`);
  await page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.body.dataset.engine), 'page');
  await page.setInputFiles('#file-input', join(ROOT, 'tests/fixtures/licences_eu.csv'));
  await page.locator('li.file-card[data-file="licences_eu.csv"][data-state="read"]').waitFor({ timeout: 30000 });
  await page.click('#demo-button');
  await page.waitForSelector('#dashboard:not([hidden]) [data-tile="tools"] .value', { timeout: 30000 });
  assert.equal(await page.locator('#charts figure svg').count(), 8);
  await page.screenshot({ path: join(SCREENSHOTS, 'single-file-from-disk.png') });
  assert.deepEqual(errors, []);
  const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(network, []);
  await page.close();
});
