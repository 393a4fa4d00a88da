// WeChat data end to end: the cockpit reading raw datacube files, and the
// fetch script that writes them (against a fake WeChat API).

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
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
  assertNoHorizontalOverflow,
  runAxe,
  formatViolations,
  eventually,
} from './harness.mjs';

// The cockpit over a folder of raw WeChat datacube files (tests/fixtures/wechat)
// served next to the app on the plain static server, with config.json marking
// `metrics` as WeChat-shaped. Figures are worked out by hand from the fixtures
// (docs/wechat.md §5); both languages; the 45009 day shows its error in words
// beside the other days; what WeChat lacks says so instead of showing 0.
describe('the cockpit over WeChat files', () => {
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
      stay: '18秒',
      october: '2026年10月',
      perfLatest: '1,873 ms (2026年11月27日)',
    },
    en: {
      asOf: 'Data up to 27 Nov 2026',
      notProvided: "WeChat's data does not include this figure",
      error26: /26 Nov 2026 Visit trend:.*quota.*45009/,
      noData: 'No data',
      window: 'last 7 days, up to 27 Nov 2026',
      direct: 'Direct',
      stay: '18s',
      october: 'Oct 2026',
      perfLatest: '1,873 ms (27 Nov 2026)',
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
        assert.equal(await text(page, '[data-derived="BounceProxy"]'), '25.0%', '(1336 + 1402) / (5342 + 5608) = 25.004 %');
        assert.equal(await text(page, '[data-derived="ShareRate"]'), '11.0%', '981 / 8953');
        assert.equal(await text(page, '[data-derived="NewVisitorShare"]'), '14.8%', '1748 / 11843');

        // The 45009 day: an error in words, in the list and in its row; the 27th still shows.
        assert.match(await text(page, '.wechat-errors li'), L.error26);
        assert.match(await text(page, 'tr[data-date="2026-11-26"] td:last-child'), /45009/);
        assert.equal(await text(page, 'tr[data-date="2026-11-21"] td:last-child'), L.noData);
        assert.equal(await text(page, 'tr[data-date="2026-11-27"] td'), '3,188');

        // Access sources of 25 and 27 Nov (26 is a 45009 body): direct 1500 + 400 + 1650 + 420 = 3970 of 10950 = 36.3 %.
        assert.match(await text(page, '.wechat-channels tr[data-family="direct"]'), new RegExp(`${L.direct}\\s*3,970\\s*36\\.3%`));
        assert.match(await text(page, '.wechat-channels tr[data-family="other"]'), /488/);
        assert.equal(await text(page, '.wechat-window'), L.window);
        assert.equal(await page.locator('.wechat-no-genders').count(), 1, 'portrait without genders says so');
        assert.equal(await page.locator('.wechat-not-provided li').count(), 4);

        // Pages, trends, retention and performance, from the fixture files.
        const cells = async (selector) =>
          page.locator(selector).first().locator('th, td').allTextContents().then((t) => t.map((x) => x.trim()));
        assert.deepEqual(
          await cells('.wechat-pages tbody tr'),
          // getVisitPage/20261127: the most viewed page first; exit rate 1320 / 5980 = 22.07 %.
          ['pages/index/index', '5,980', '3,050', L.stay, '4,210', '22.1%', '96'],
        );
        assert.equal(await page.locator('.wechat-pages tbody tr').count(), 5);
        assert.deepEqual((await cells('.wechat-trends table >> nth=0 >> tbody tr')).slice(1, 3), ['12,406', '2,870'], 'week 16–22 Nov');
        assert.deepEqual((await cells('.wechat-trends table >> nth=1 >> tbody tr')).slice(0, 2), [L.october, '38,215']);
        // Daily cohorts, latest first: 27 Nov has no later data; 20 Nov: 71 / 398 = 17.8 %, day 7: 30 / 398 = 7.5 %.
        const daily = page.locator('.wechat-retention table').first().locator('tbody tr');
        const nov20 = (await daily.nth(1).locator('th, td').allTextContents()).map((x) => x.trim());
        assert.deepEqual([nov20[1], nov20[2], nov20[8]], ['398', '17.8%', '7.5%']);
        assert.deepEqual((await daily.nth(0).locator('td').allTextContents()).map((x) => x.trim()).slice(0, 2), ['501', '—']);
        assert.deepEqual((await cells('.wechat-retention table >> nth=1 >> tbody tr')).slice(1), ['2,870', '14.0%'], '402 / 2870');
        assert.deepEqual((await cells('.wechat-retention table >> nth=2 >> tbody tr')).slice(1), ['12,388', '13.0%'], '1610 / 12388');
        assert.deepEqual(
          (await cells('.wechat-performance tr[data-figure="startup_total_cost"]')).slice(1),
          [L.perfLatest, '1,873 ms', '1'],
        );

        const violations = await runAxe(page, { include: '.wechat-cockpit' });
        assert.deepEqual(violations, [], formatViolations(violations));
        assertNoPanic(page);
      } finally {
        await closePage(page);
      }
    });
  }
});

// The channel screen over the same folder: sessions per channel family from
// getVisitDistribution's access_source_session_cnt, mapped through
// domain/wechat/scenes.rs. For 21–27 Nov only 25 and 27 Nov have a file, 26 Nov
// is a 45009 errcode body, 21–24 were never fetched. By hand, 25 Nov + 27 Nov:
//   direct     keys 1, 2:            (1500 + 400) + (1650 + 420)            = 3970
//   social     keys 3, 14, 46:       (1100 + 42 + 250) + (1210 + 270)       = 2872
//   offline_qr key 4:                900 + 980                              = 1880
//   content    keys 5, 13, 18:       (60 + 40 + 500) + 530                  = 1130
//   paid_ads   key 33:               300 + 310                              =  610
//   other      key 10, unknown 77/99: (150 + 100) + (100 + 138)             =  488
//   total = 5342 + 5608 = 10950; shares 3970/10950 = 36.3 %, 2872/10950 = 26.2 %,
//   1880/10950 = 17.2 %, 1130/10950 = 10.3 %, 610/10950 = 5.6 %, 488/10950 = 4.5 %.
describe('the channel screen over WeChat files', () => {
  let server;
  let browser;
  let root;

  before(async () => {
    assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
    root = mkdtempSync(join(tmpdir(), 'haihe-wechat-channels-'));
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
  const family = (id) => `.wechat-channel-table tr.ch-family[data-family="${id}"]`;
  const EXPECTED = [
    ['direct', '3,970', '36.3%'],
    ['social', '2,872', '26.2%'],
    ['offline_qr', '1,880', '17.2%'],
    ['content', '1,130', '10.3%'],
    ['paid_ads', '610', '5.6%'],
    ['other', '488', '4.5%'],
  ];
  const LANG = {
    zh: {
      asOf: '数据截至 2026年11月27日',
      notProvided: '微信数据不提供此指标',
      error26: /^2026年11月26日:.*配额.*45009/,
      noData: '无数据',
      social: /社交传播\s*\(3 个来源\)/,
      chat: '会话',
      costHeader: '成本',
      unknown: '未公布的来源 99',
      pointer: /商家自己的后台/,
    },
    en: {
      asOf: 'Data up to 27 Nov 2026',
      notProvided: "WeChat's data does not include this figure",
      error26: /^26 Nov 2026:.*quota.*45009/,
      noData: 'No data',
      social: /Social sharing\s*\(3 sources\)/,
      chat: '会话',
      costHeader: 'Cost',
      unknown: 'Unpublished source 99',
      pointer: /your own backend/,
    },
  };

  for (const lang of ['zh', 'en']) {
    test(`channels from WeChat files in ${lang}: sessions per family by hand, sources fold out, not-provided columns, the errcode day`, async () => {
      // A portrait tablet: the table scrolls inside its card, the page does not.
      const page = await newPage(browser, { viewport: { width: 768, height: 1024 }, hasTouch: true });
      const L = LANG[lang];
      try {
        await gotoApp(page, `${server.url}#/channels?period=7d&compare=none`);
        if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();
        await eventually(async () => assert.match(await text(page, '.wechat-channels-page .wechat-asof'), new RegExp(L.asOf)), { timeout: 15000 });

        const order = await page.locator('.wechat-channel-table tr.ch-family').evaluateAll((rows) => rows.map((r) => r.dataset.family));
        assert.deepEqual(order, EXPECTED.map((e) => e[0]), 'largest family first');
        for (const [id, sessions, share] of EXPECTED) {
          assert.equal(await text(page, `${family(id)} td[data-col="visits"]`), sessions, id);
          assert.equal(await text(page, `${family(id)} td[data-col="share"]`), share, id);
          // Cost, new users, orders, conversion, revenue, ROI: said, never 0.
          assert.equal(await text(page, `${family(id)} td.not-provided`), L.notProvided, id);
        }
        assert.equal(await text(page, '.wx-ch-total td'), '10,950', '5342 + 5608');
        assert.equal(await text(page, '.wechat-channel-table th[data-col="cost"]'), L.costHeader);
        assert.equal(await page.locator('.wechat-channel-table td[data-col="revenue"], .wechat-channel-table td:text-is("0")').count(), 0, 'no revenue figure, no zero');
        assert.match(await text(page, '.wechat-ch-pointer'), L.pointer);

        // The social family folds out into its sources: 会话 1100 + 1210 = 2310, 朋友圈 250 + 270 = 520, APP分享 42.
        const chat = page.locator('.wechat-channel-table tr[data-source="3"]');
        assert.equal(await chat.isVisible(), false, 'folded at first');
        const fold = page.locator(`${family('social')} .fold-btn`);
        assert.match((await fold.textContent()).trim(), L.social);
        await fold.click();
        assert.equal(await fold.getAttribute('aria-expanded'), 'true');
        assert.deepEqual((await chat.locator('th, td').allTextContents()).slice(0, 2).map((x) => x.trim()), [L.chat, '2,310']);
        assert.equal(await text(page, '.wechat-channel-table tr[data-source="46"] td'), '520');
        assert.equal(await text(page, '.wechat-channel-table tr[data-source="14"] td'), '42');
        // Unknown id 99 goes to "other", named by its number.
        await page.locator(`${family('other')} .fold-btn`).click();
        assert.equal(await text(page, '.wechat-channel-table tr[data-source="99"] th'), L.unknown);
        assert.equal(await text(page, '.wechat-channel-table tr[data-source="99"] td'), '138');

        // The errcode day in words; the other days still count; a day never fetched is a gap.
        assert.match(await text(page, '.wechat-channels-page .wechat-errors li[data-date="2026-11-26"]'), L.error26);
        assert.equal(await page.locator('.wechat-channels-page .wechat-errors li').count(), 1);
        assert.equal(await text(page, '.wechat-ch-days tr[data-date="2026-11-25"] td'), '5,342');
        assert.equal(await text(page, '.wechat-ch-days tr[data-date="2026-11-27"] td'), '5,608');
        assert.match(await text(page, '.wechat-ch-days tr[data-date="2026-11-26"] td:last-child'), /45009/);
        assert.equal(await text(page, '.wechat-ch-days tr[data-date="2026-11-21"] td:last-child'), L.noData);

        // Only the 27th: the period picker re-slices the same files.
        await gotoApp(page, `${server.url}#/channels?period=custom&from=2026-11-27&to=2026-11-27&compare=none`);
        await eventually(async () => assert.equal(await text(page, `${family('direct')} td[data-col="visits"]`), '2,070'), { timeout: 15000 });
        assert.equal(await text(page, `${family('direct')} td[data-col="share"]`), '36.9%', '2070 / 5608');
        assert.equal(await page.locator('.wechat-channels-page .wechat-errors').count(), 0);

        await assertNoHorizontalOverflow(page, `channels over WeChat files (${lang})`);
        const violations = await runAxe(page, { include: '.wechat-channels-page' });
        assert.deepEqual(violations, [], formatViolations(violations));
        assertNoPanic(page);
      } finally {
        await closePage(page);
      }
    });
  }
});

// WeChat for traffic, the merchant's orders (tests/fixtures/wechat-orders/orders.json,
// served as a static file) for the order tiles, merged by date. By hand, 21–27 Nov:
//   orders     142 + 156 + 149 + (90 + 78)            = 615
//   paying     131 + 144 + 137 + (84 + 72)            = 568
//   revenue    9870.50 + 10920 + 10231.50 + 11760     = 42,782.00
//   客单价     42782 ÷ 568 = 75.32;  笔单价 42782 ÷ 615 = 69.56
//   conversion (combined) over the days in both, 24, 25, 27 Nov (26 has no WeChat trend,
//              23 no orders): (131 + 144 + 156) ÷ (2755 + 3010 + 3188) = 431 ÷ 8953 = 4.8 %
describe('the cockpit over WeChat files with the merchant\'s orders', () => {
  let server;
  let browser;
  let root;

  before(async () => {
    assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
    root = mkdtempSync(join(tmpdir(), 'haihe-wechat-orders-'));
    for (const entry of readdirSync(DIST_DIR)) symlinkSync(join(DIST_DIR, entry), join(root, entry));
    symlinkSync(join(REPO_ROOT, 'tests', 'fixtures', 'wechat'), join(root, 'wechat'));
    symlinkSync(join(REPO_ROOT, 'tests', 'fixtures', 'wechat-orders'), join(root, 'shop'));
    server = await startStaticServer({ root, prefix: '/team/haihe/' });
    server.setConfig({
      backend: 'rest',
      rest: { baseUrl: server.url, paths: { metrics: 'wechat', orders: 'shop/orders.json' }, shapes: { metrics: 'wechat' } },
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
      notProvided: '微信数据不提供此指标',
      combined: '合并',
      merchant: '商家后台',
      ordersOnly: '只有订单数据(不计入转化率):2026年11月26日',
      trafficOnly: '只有微信数据(不计入转化率):2026年11月23日',
      days: /只计两边都有数据的 3 天/,
      formula: /payingCustomers ÷ visit_uv/,
    },
    en: {
      notProvided: "WeChat's data does not include this figure",
      combined: 'combined',
      merchant: 'your backend',
      ordersOnly: 'Orders only (not in the conversion): 26 Nov 2026',
      trafficOnly: 'WeChat only (not in the conversion): 23 Nov 2026',
      days: /only the 3 days both have/,
      formula: /payingCustomers ÷ visit_uv/,
    },
  };

  for (const lang of ['zh', 'en']) {
    test(`orders combined with WeChat traffic in ${lang}: hand-computed tiles, the combined conversion, one-source days named`, async () => {
      const page = await newPage(browser);
      const L = LANG[lang];
      try {
        await gotoApp(page, `${server.url}#/cockpit?period=7d&compare=none`);
        if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();
        await eventually(async () => assert.equal(await kpi(page, 'orders'), '615'), { timeout: 15000 });
        assert.equal(await kpi(page, 'payingUsers'), '568');
        assert.equal(await kpi(page, 'revenue'), '¥42,782.00');
        assert.equal(await kpi(page, 'revenuePerCustomer'), '¥75.32', '42782 / 568');
        assert.equal(await kpi(page, 'aov'), '¥69.56', '42782 / 615');
        assert.equal(await kpi(page, 'conversionRate'), '4.8%', '431 / 8953');
        assert.equal(await kpi(page, 'visitors'), '11,843', 'traffic still from WeChat');
        // Labelled: the conversion as combined with its formula, the rest as the merchant's.
        const conv = page.locator('.wechat-kpi[data-kpi="conversionRate"]');
        assert.equal(await conv.getAttribute('data-source'), 'combined');
        assert.equal((await conv.locator('.tag-derived').textContent()).trim(), L.combined);
        assert.match(await conv.locator('[data-testid="kpi-value"]').getAttribute('title'), L.formula);
        assert.equal((await page.locator('.wechat-kpi[data-kpi="orders"] .tag-derived').textContent()).trim(), L.merchant);
        // What neither source has stays said, never 0.
        assert.equal(await kpi(page, 'bounceRate'), L.notProvided);
        assert.equal(await kpi(page, 'repurchaseRate'), L.notProvided);
        // Days in one source only are named.
        assert.match(await text(page, '.wechat-orders-coverage p'), L.days);
        assert.equal(await text(page, '.wechat-orders-coverage li.orders-only'), L.ordersOnly);
        assert.equal(await text(page, '.wechat-orders-coverage li.traffic-only'), L.trafficOnly);

        // One day with orders but no WeChat trend: its orders count, the conversion has nothing to divide by.
        await gotoApp(page, `${server.url}#/cockpit?period=custom&from=2026-11-26&to=2026-11-26&compare=none`);
        await eventually(async () => assert.equal(await kpi(page, 'orders'), '149'), { timeout: 15000 });
        assert.equal(await kpi(page, 'conversionRate'), '—');

        const violations = await runAxe(page, { include: '.wechat-cockpit' });
        assert.deepEqual(violations, [], formatViolations(violations));
        assertNoPanic(page);
      } finally {
        await closePage(page);
      }
    });
  }

  // Settings: the WeChat preset with the optional orders path, saved, then the cockpit fills the order tiles.
  test('the WeChat preset in Settings takes the orders path; saved, the cockpit combines both', async () => {
    server.setConfig({ backend: 'embedded' });
    const page = await newPage(browser);
    try {
      await gotoApp(page, `${server.url}#/settings`);
      await page.fill('#wechat-orders', 'shop/orders.json');
      await page.getByRole('button', { name: '套用“微信数据文件”预设' }).click();
      await eventually(async () => assert.equal(await page.inputValue('#rest-paths'), 'metrics=wechat\norders=shop/orders.json'));
      assert.match(await text(page, '.notice'), new RegExp(`订单读取 ${server.url}shop/orders\\.json 并与微信流量合并`));
      const violations = await runAxe(page, { include: '.wechat-preset' });
      assert.deepEqual(violations, [], formatViolations(violations));
      await page.getByRole('button', { name: '保存并使用' }).click();
      await eventually(async () => {
        const saved = JSON.parse((await page.evaluate(() => localStorage.getItem('haihe.v1.settings'))) ?? 'null');
        assert.deepEqual(saved?.rest?.paths, { metrics: 'wechat', orders: 'shop/orders.json' });
      });
      await gotoApp(page, `${server.url}#/cockpit?period=7d&compare=none`);
      await eventually(async () => assert.equal(await kpi(page, 'orders'), '615'), { timeout: 15000 });
      assert.equal(await kpi(page, 'conversionRate'), '4.8%');
      assertNoPanic(page);
    } finally {
      await closePage(page);
      server.setConfig({
        backend: 'rest',
        rest: { baseUrl: server.url, paths: { metrics: 'wechat', orders: 'shop/orders.json' }, shapes: { metrics: 'wechat' } },
      });
    }
  });
});

// scripts/wechat-fetch against a fake WeChat API (node:http) that answers
// with the fixtures of tests/fixtures/wechat and injected errcodes. No browser.
describe('scripts/wechat-fetch', () => {
  const SCRIPT = join(REPO_ROOT, 'scripts', 'wechat-fetch');
  const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'wechat');
  const APPID = 'wx1234567890abcdef';
  const SECRET = 'f00dfeedc0ffee5ecret0123456789ab';

  const PATHS = {
    '/datacube/getweanalysisappiddailysummarytrend': 'getDailySummary',
    '/datacube/getweanalysisappiddailyvisittrend': 'getDailyVisitTrend',
    '/datacube/getweanalysisappidweeklyvisittrend': 'getWeeklyVisitTrend',
    '/datacube/getweanalysisappidmonthlyvisittrend': 'getMonthlyVisitTrend',
    '/datacube/getweanalysisappiduserportrait': 'getUserPortrait',
    '/datacube/getweanalysisappidvisitdistribution': 'getVisitDistribution',
    '/datacube/getweanalysisappidvisitpage': 'getVisitPage',
    '/datacube/getweanalysisappiddailyretaininfo': 'getDailyRetain',
    '/datacube/getweanalysisappidweeklyretaininfo': 'getWeeklyRetain',
    '/datacube/getweanalysisappidmonthlyretaininfo': 'getMonthlyRetain',
    '/wxa/business/performance/boot': 'getPerformanceData',
  };

  const ERRMSG = { '-1': 'system error', 40001: 'invalid credential, access_token is invalid or not latest', 45009: 'reach max api daily quota limit', 61500: 'date format error' };

  /** The last fixture of an interface, re-dated to the request like WeChat would. */
  function answer(dir, req) {
    const files = readdirSync(join(FIXTURES, dir)).sort();
    let body = null;
    for (const f of files.reverse()) {
      const parsed = JSON.parse(readFileSync(join(FIXTURES, dir, f), 'utf8'));
      if (!parsed.errcode) { body = parsed; break; }
    }
    const { begin_date: b, end_date: e } = req;
    const ref = dir.startsWith('getMonthly') ? b.slice(0, 6) : dir.startsWith('getWeekly') || dir === 'getUserPortrait' ? `${b}-${e}` : b;
    if (Array.isArray(body.list) && dir !== 'getVisitDistribution' && dir !== 'getVisitPage') {
      body.list = body.list.slice(-1).map((row) => ({ ...row, ref_date: ref }));
    } else if (body.ref_date) {
      body.ref_date = ref;
    }
    return body;
  }

  /** Starts the fake API. `faults[dir]` is a queue of errcodes answered before success. */
  async function fakeWechat({ faults = {}, rejectFirstToken = false } = {}) {
    const calls = [];
    let issued = 0;
    let valid = null;
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => { raw += c; });
      req.on('end', () => {
        const url = new URL(req.url, 'http://x');
        const send = (obj) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
        let body = {};
        try { body = JSON.parse(raw || '{}'); } catch { return send({ errcode: 47001, errmsg: 'data format error' }); }
        if (url.pathname === '/cgi-bin/stable_token') {
          calls.push({ dir: 'token', body });
          if (body.appid !== APPID || body.secret !== SECRET) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
          issued += 1;
          const token = `ACCESS_TOKEN_${issued}_${'x'.repeat(20)}`;
          valid = rejectFirstToken && issued === 1 ? null : token;
          return send({ access_token: token, expires_in: 7200 });
        }
        const dir = PATHS[url.pathname];
        calls.push({ dir, token: url.searchParams.get('access_token'), body });
        if (!dir) { res.writeHead(404); return res.end('no such api'); }
        if (url.searchParams.get('access_token') !== valid) return send({ errcode: 40001, errmsg: ERRMSG[40001] });
        const queue = faults[dir] || [];
        if (queue.length) {
          const code = queue.shift();
          return send({ errcode: code, errmsg: `${ERRMSG[code] || 'error'} rid: 6747-${calls.length}` });
        }
        return send(answer(dir, body));
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    return { base: `http://127.0.0.1:${server.address().port}`, calls, close: () => new Promise((r) => server.close(r)) };
  }

  function run(env, out) {
    return new Promise((resolve) => {
      const child = spawn('bash', [SCRIPT, out], {
        env: { PATH: process.env.PATH, HOME: tmpdir(), WECHAT_BACKOFF: '0', WECHAT_MAX_TRIES: '3', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (c) => { stderr += c; });
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  function allFiles(dir) {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? allFiles(p) : [p];
    });
  }

  function setup() {
    const root = mkdtempSync(join(tmpdir(), 'haihe-wechat-'));
    return { root, out: join(root, 'site', 'wechat'), state: join(root, 'state') };
  }

  test('fetches every interface for a Sunday, refreshes a rejected token, writes index.json and no secret', async () => {
    const api = await fakeWechat({ rejectFirstToken: true });
    const { root, out, state } = setup();
    try {
      const env = { WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_API_BASE: api.base, WECHAT_STATE_DIR: state, WECHAT_DATE: '20261129' };
      const { code, stderr } = await run(env, out);
      assert.equal(code, 0, stderr);
      const tokens = api.calls.filter((c) => c.dir === 'token');
      assert.deepEqual(tokens.map((c) => c.body.force_refresh), [false, true], 'one refresh after 40001');
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
      assert.deepEqual(index.files, [
        'getDailyRetain/20261129.json',
        'getDailySummary/20261129.json',
        'getDailyVisitTrend/20261129.json',
        'getPerformanceData/20261129.json',
        'getUserPortrait/20261123-20261129.json',
        'getVisitDistribution/20261129.json',
        'getVisitPage/20261129.json',
        'getWeeklyRetain/20261123-20261129.json',
        'getWeeklyVisitTrend/20261123-20261129.json',
      ]);
      const trend = JSON.parse(readFileSync(join(out, 'getDailyVisitTrend/20261129.json'), 'utf8'));
      assert.equal(trend.list[0].ref_date, '20261129');
      const week = api.calls.find((c) => c.dir === 'getWeeklyVisitTrend');
      assert.deepEqual(week.body, { begin_date: '20261123', end_date: '20261129' }, 'Monday to Sunday');
      assert.deepEqual(api.calls.find((c) => c.dir === 'getDailySummary' && c.token.includes('_2_')).body, { begin_date: '20261129', end_date: '20261129' });
      for (const f of [...allFiles(out), ...allFiles(state)]) {
        const text = readFileSync(f, 'utf8');
        assert.ok(!text.includes(SECRET) && !text.includes('ACCESS_TOKEN_'), `${f} holds a secret`);
      }
      assert.equal(readFileSync(join(state, 'pending'), 'utf8').trim(), '');
    } finally {
      await api.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('45009 stops the run and keeps the day; the next run fetches it with the new day and the month', async () => {
    const api = await fakeWechat({ faults: { getVisitPage: [45009] } });
    const { root, out, state } = setup();
    try {
      const env = { WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_API_BASE: api.base, WECHAT_STATE_DIR: state, WECHAT_DATE: '20261127' };
      const first = await run(env, out);
      assert.equal(first.code, 3, first.stderr);
      assert.match(first.stderr, /45009/);
      assert.equal(readFileSync(join(state, 'pending'), 'utf8').trim(), '20261127');
      assert.ok(!existsSync(join(out, 'getVisitPage/20261127.json')));
      assert.equal(api.calls.filter((c) => c.dir === 'getVisitPage').length, 1, 'a quota error is not retried at once');
      assert.equal(api.calls.filter((c) => c.dir === 'getDailyRetain').length, 0, 'nothing more is asked after 45009');

      const second = await run({ ...env, WECHAT_DATE: '20261130' }, out);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(readFileSync(join(state, 'pending'), 'utf8').trim(), '');
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).files;
      for (const f of ['getVisitPage/20261127.json', 'getDailyRetain/20261127.json', 'getVisitPage/20261130.json',
        'getMonthlyVisitTrend/20261101-20261130.json', 'getMonthlyRetain/20261101-20261130.json']) {
        assert.ok(index.includes(f), `${f} missing from ${index}`);
      }
      const month = JSON.parse(readFileSync(join(out, 'getMonthlyVisitTrend/20261101-20261130.json'), 'utf8'));
      assert.equal(month.list[0].ref_date, '202611');
    } finally {
      await api.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('61500 is saved as that day\'s answer without retrying; -1 is retried; no more than N tries', async () => {
    const api = await fakeWechat({ faults: { getDailyRetain: [61500], getDailySummary: [-1], getVisitPage: [-1, -1, -1] } });
    const { root, out, state } = setup();
    try {
      const env = { WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_API_BASE: api.base, WECHAT_STATE_DIR: state, WECHAT_DATE: '20261127', WECHAT_PERFORMANCE: '0' };
      const { code, stderr } = await run(env, out);
      assert.equal(code, 3, stderr);
      const retain = JSON.parse(readFileSync(join(out, 'getDailyRetain/20261127.json'), 'utf8'));
      assert.equal(retain.errcode, 61500);
      assert.equal(api.calls.filter((c) => c.dir === 'getDailyRetain').length, 1);
      assert.equal(api.calls.filter((c) => c.dir === 'getDailySummary').length, 2, 'busy, then fine');
      assert.ok(existsSync(join(out, 'getDailySummary/20261127.json')));
      assert.equal(api.calls.filter((c) => c.dir === 'getVisitPage').length, 3, 'WECHAT_MAX_TRIES=3');
      assert.equal(readFileSync(join(state, 'pending'), 'utf8').trim(), '20261127');
    } finally {
      await api.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('refuses to run without credentials or with its state inside the served folder', async () => {
    const { root, out } = setup();
    try {
      const missing = await run({ WECHAT_APPID: APPID, WECHAT_STATE_DIR: join(root, 's') }, out);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /WECHAT_APPSECRET/);
      const inside = await run({ WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_STATE_DIR: join(out, 'state') }, out);
      assert.equal(inside.code, 2);
      assert.match(inside.stderr, /must not be inside/);
      const badDate = await run({ WECHAT_APPID: APPID, WECHAT_APPSECRET: SECRET, WECHAT_STATE_DIR: join(root, 's'), WECHAT_DATE: '2026-11-27' }, out);
      assert.equal(badDate.code, 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
