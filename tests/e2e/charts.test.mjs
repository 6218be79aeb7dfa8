// The golden charts as a person sees them: each rendered by Chromium and kept as a PNG under
// target/screenshots/charts/ to look at. Hostile names must render as text, with nothing executed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, URL_UNDER_TEST, ROOT, SCREENSHOTS } from './browser.mjs';

let b;
before(async () => { b = await openBrowser(); });
after(async () => { if (b) await b.close(); });

for (const kase of ['demo', 'many_tools_300', 'no_usage_data', 'hostile_names', 'dark_accent']) {
  test(`charts of case ${kase} render in Chromium`, async () => {
    const dir = join(ROOT, 'tests/charts', kase);
    const out = join(SCREENSHOTS, 'charts');
    mkdirSync(out, { recursive: true });
    const svgs = readdirSync(dir).filter((n) => n.endsWith('.svg')).sort();
    assert.equal(svgs.length, 8);
    for (const name of svgs) {
      await b.page.goto(new URL(`chart-goldens/${kase}/${name}`, URL_UNDER_TEST).href);
      const box = await b.page.locator('svg').first().boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `${kase}/${name} has a size`);
      assert.equal(await b.page.locator('script').count(), 0);
      await b.page.locator('svg').first().screenshot({ path: join(out, `${kase}-${name.replace('.svg', '.png')}`) });
    }
  });
}

test('no chart contacted anything', () => {
  assert.deepEqual(b.foreignRequests(), []);
  assert.deepEqual(b.pageErrors, []);
});
