// <stackscope-chart> draws charts on another page of the same site, from same-origin data, with no request
// elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, URL_UNDER_TEST, ORIGIN } from './browser.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => { if (b) await b.close(); });

test('the example intranet page shows two embedded charts', async () => {
  await b.page.goto(new URL('embed-example.html', URL_UNDER_TEST).href);
  await b.page.waitForSelector('#utilisation svg', { timeout: 30000 });
  await b.page.waitForSelector('#renewals svg', { timeout: 30000 });
  assert.match(await b.page.locator('#utilisation svg > title').textContent(), /utilisation/i);
  assert.ok(await b.page.locator('#renewals svg g > title').count() > 3, 'marks carry their values');
});

test('a chart from same-origin CSV files, and a clear message for another origin', async () => {
  await b.page.evaluate(() => {
    const ok = document.createElement('stackscope-chart');
    ok.id = 'fromfiles';
    ok.setAttribute('chart', 'spend_by_tool');
    ok.setAttribute('src', 'test-data/ramp_transactions/input.csv');
    document.body.append(ok);
    const bad = document.createElement('stackscope-chart');
    bad.id = 'elsewhere';
    bad.setAttribute('src', 'https://example.com/spend.csv');
    document.body.append(bad);
  });
  await b.page.waitForSelector('#elsewhere p', { timeout: 30000 });
  assert.match(await b.page.locator('#elsewhere p').textContent(), /not on this site/);
  await b.page.waitForSelector('#fromfiles svg', { timeout: 30000 });
  assert.equal(await b.page.locator('#fromfiles svg > title').textContent(), 'Spend by tool');
  assert.deepEqual(b.foreignRequests(), []);
  assert.equal(ORIGIN.startsWith('http://127.0.0.1'), true);
});
