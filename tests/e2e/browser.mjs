// Shared set-up for the browser tests: Debian's chromium driven by playwright-core, a fresh profile each time,
// and a record of every request the page makes so a test can prove nothing left the page's origin.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const URL_UNDER_TEST = process.env.STACKSCOPE_URL || 'http://127.0.0.1:8000/';
export const ORIGIN = new URL(URL_UNDER_TEST).origin;
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');

export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'stackscope-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const consoleErrors = [];
  const cspViolations = [];
  const pageErrors = [];
  const page = context.pages()[0] || (await context.newPage());
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) cspViolations.push(text);
    if (m.type() === 'error') consoleErrors.push(text);
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // Intercept file choosers from the start: enabling it lazily races with a key press that opens one.
  page.on('filechooser', () => {});
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context, page, requests, consoleErrors, cspViolations, pageErrors,
    /** Requests to anything but the page's own origin (data: and blob: URLs stay on the machine). */
    foreignRequests() {
      // file: URLs are the test opening an exported report from disk: local, not network.
      return requests.filter((u) => !(u.startsWith(`${ORIGIN}/`) || u === ORIGIN || u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('file:')));
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Drops files on a selector with a synthetic DataTransfer, as a user dragging from the desktop would. */
export async function dropFiles(page, selector, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type || 'text/csv', bytes: Array.from(f.bytes) }));
  await page.evaluate(({ selector, payload }) => {
    const dt = new DataTransfer();
    for (const f of payload) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    const target = document.querySelector(selector);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, { selector, payload });
}

/** Opens the page afresh and waits until its engine is ready (the version is shown). */
export async function freshPage(page) {
  await page.goto(URL_UNDER_TEST);
  await page.waitForFunction(() => document.getElementById('version').textContent.startsWith('v'));
}

/** Waits for a dashboard whose as-of line differs from `previous` (a new analysis shown). */
export async function waitForReport(page, previous) {
  await page.waitForFunction((prev) => {
    const t = document.querySelector('#tiles [data-tile="software_spend"] .value');
    return t && !document.getElementById('dashboard').hidden && document.getElementById('as-of-line').textContent !== prev;
  }, previous, { timeout: 30000 });
}

/** The file a click downloads: its suggested name and its text. */
export async function downloadOf(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}
