// The cockpit over a folder of raw WeChat datacube files (tests/fixtures/wechat)
// served next to the app on the plain static server, with config.json marking
// `metrics` as WeChat-shaped. Figures are worked out by hand from the fixtures
// (docs/wechat.md §5); both languages; the 45009 day shows its error in words
// beside the other days; what WeChat lacks says so instead of showing 0.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIST_DIR,
  REPO_ROOT,
  startStaticServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  runAxe,
  formatViolations,
} from './harness.mjs';
import { eventually } from './helpers.mjs';

let server;
let browser;
let root;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  // The built app plus a `wechat/` folder, as a CDN would hold them.
  root = mkdtempSync(join(tmpdir(), 'haihe-wechat-site-'));
  for (const entry of readdirSync(DIST_DIR)) symlinkSync(join(DIST_DIR, entry), join(root, entry));
  symlinkSync(join(REPO_ROOT, 'tests', 'fixtures', 'wechat'), join(root, 'wechat'));
  server = await startStaticServer({ root, prefix: '/team/haihe/' });
  server.setConfig({
    backend: 'rest',
    rest: { baseUrl: server.url, paths: { metrics: 'wechat' }, shapes: { metrics: 'wechat' } },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const text = async (page, selector) => (await page.locator(selector).first().textContent()).trim();
const kpi = (page, key) => text(page, `.wechat-kpi[data-kpi="${key}"] [data-testid="kpi-value"]`);

const LANG = {
  zh: {
    asOf: '数据截至 2026年11月27日',
    notProvided: '微信数据不提供此指标',
    error26: /2026年11月26日 访问趋势:.*配额.*45009/,
    noData: '无数据',
    window: '近 7 天,截至 2026年11月27日',
    direct: '自然访问',
  },
  en: {
    asOf: 'Data up to 27 Nov 2026',
    notProvided: "WeChat's data does not include this figure",
    error26: /26 Nov 2026 Visit trend:.*quota.*45009/,
    noData: 'No data',
    window: 'last 7 days, up to 27 Nov 2026',
    direct: 'Direct',
  },
};

for (const lang of ['zh', 'en']) {
  test(`WeChat files in ${lang}: hand-computed figures, not-provided metrics, the errcode day beside the others`, async () => {
    const page = await newPage(browser);
    const L = LANG[lang];
    try {
      await gotoApp(page, `${server.url}#/cockpit?period=7d&compare=none`);
      if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();
      await eventually(async () => assert.match(await text(page, '.wechat-asof'), new RegExp(L.asOf)), { timeout: 15000 });

      // 21–27 Nov: data on 23, 24, 25 (day file beats the range file), 27.
      assert.equal(await kpi(page, 'visitors'), '11,843', '2890 + 2755 + 3010 + 3188');
      assert.equal(await kpi(page, 'visits'), '20,946', 'session_cnt');
      assert.equal(await kpi(page, 'newVisitors'), '1,748');
      assert.equal(await kpi(page, 'pageViews'), '59,747', 'visit_pv');
      for (const key of ['bounceRate', 'orders', 'payingUsers', 'conversionRate', 'aov', 'revenue', 'repurchaseRate']) {
        assert.equal(await kpi(page, key), L.notProvided, key);
      }
      assert.equal(await text(page, '[data-derived="BounceProxy"]'), '25.0%', '1402 / 5608');
      assert.equal(await text(page, '[data-derived="ShareRate"]'), '11.0%', '981 / 8953');
      assert.equal(await text(page, '[data-derived="NewVisitorShare"]'), '14.8%', '1748 / 11843');

      // The 45009 day: an error in words, in the list and in its row; the 27th still shows.
      assert.match(await text(page, '.wechat-errors li'), L.error26);
      assert.match(await text(page, 'tr[data-date="2026-11-26"] td:last-child'), /45009/);
      assert.equal(await text(page, 'tr[data-date="2026-11-21"] td:last-child'), L.noData);
      assert.equal(await text(page, 'tr[data-date="2026-11-27"] td'), '3,188');

      assert.match(await text(page, '.wechat-channels tr[data-family="direct"]'), new RegExp(`${L.direct}\\s*2,070\\s*36\\.9%`));
      assert.match(await text(page, '.wechat-channels tr[data-family="other"]'), /238/);
      assert.equal(await text(page, '.wechat-window'), L.window);
      assert.equal(await page.locator('.wechat-no-genders').count(), 1, 'portrait without genders says so');
      assert.equal(await page.locator('.wechat-not-provided li').count(), 4);

      const violations = await runAxe(page, { include: '.wechat-cockpit' });
      assert.deepEqual(violations, [], formatViolations(violations));
      assertNoPanic(page);
    } finally {
      await closePage(page);
    }
  });
}
