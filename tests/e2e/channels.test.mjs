// Promotion channels (推广渠道, #/channels): the channel table sorts by any
// column and keeps the sort across a reload, a family folds out its
// placements, a hand-made json-server dataset shows CTR/CPA/ROAS/ROI worked
// out by hand (a free placement, a zero-order one, an unknown channel), the
// staff-time assumption turns free into a cost and is written back to
// json-server, a backend serving only the old `channels` shape still shows
// the table with the quality columns "not available", and the budget
// what-if projects a moved amount. Desktop and tablet, both languages, axe.
//
//   HAIHE_DIST=$PWD/dist-dev HAIHE_DB_JSON=/tmp/db.json node --test --test-concurrency=1 tests/e2e/channels.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  runAxe,
  formatViolations,
  eventually,
  hashState,
  assertNoHorizontalOverflow,
  switchLang,
} from './harness.mjs';

let demo;
let browser;

before(async () => {
  demo = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The text of one cell: family row of `channel`, column `col`. */
const familyCell = (page, channel, col) =>
  page.locator(`tr.ch-family[data-channel="${channel}"] td[data-col="${col}"]`).textContent().then((t) => t.trim());
const placementCell = (page, name, col) =>
  page.locator(`tr.ch-placement[data-placement="${name}"] td[data-col="${col}"]`).textContent().then((t) => t.trim());

/** The families' values of a column, top to bottom, as numbers (NaN for "—"/free). */
const columnValues = (page, col) =>
  page.evaluate(
    (col) =>
      [...document.querySelectorAll(`tr.ch-family td[data-col="${col}"]`)].map((td) =>
        Number(td.textContent.replace(/[¥,%×\s]/g, '')),
      ),
    col,
  );

test('desktop, zh: sort by CPA survives a reload, a family folds out, axe clean', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${demo.url}#/channels`);
    await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
    assert.equal(await page.locator('h1').textContent(), '推广渠道');
    // Default sort: new users, descending.
    assert.equal(await page.locator('th[data-col="new_users"]').getAttribute('aria-sort'), 'descending');
    const users = await columnValues(page, 'new_users');
    assert.ok(users.length >= 4, `every family has a row: ${users}`);
    assert.deepEqual(users, [...users].sort((a, b) => b - a));

    // Sort by CPA: descending first, then ascending; "free" and "—" last.
    await page.locator('th[data-col="cpa"] button').click();
    await eventually(async () => assert.equal(await page.locator('th[data-col="cpa"]').getAttribute('aria-sort'), 'descending'));
    await page.locator('th[data-col="cpa"] button').click();
    await eventually(async () => assert.equal(await page.locator('th[data-col="cpa"]').getAttribute('aria-sort'), 'ascending'));
    assert.deepEqual((await hashState(page)).params, { sort: 'cpa', desc: '0' });
    const cpas = (await columnValues(page, 'cpa')).filter((v) => !Number.isNaN(v));
    assert.ok(cpas.length >= 2, `CPAs: ${cpas}`);
    assert.deepEqual(cpas, [...cpas].sort((a, b) => a - b));
    const order = await page.evaluate(() => [...document.querySelectorAll('tr.ch-family')].map((r) => r.dataset.channel));

    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
    assert.equal(await page.locator('th[data-col="cpa"]').getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('tr.ch-family')].map((r) => r.dataset.channel)), order);

    // Fold out paid ads: its placements appear beneath it, then fold back with the keyboard.
    const fold = page.locator('tr.ch-family[data-channel="paid_ads"] .fold-btn');
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('tr.ch-placement[data-placement="朋友圈广告"]').isVisible(), false);
    await fold.click();
    await eventually(async () => assert.equal(await fold.getAttribute('aria-expanded'), 'true'));
    assert.equal(await page.locator('tr.ch-placement[data-placement="朋友圈广告"]').isVisible(), true);
    assert.equal(await page.locator('tr.ch-placement[data-placement="抖音信息流广告"]').isVisible(), true);
    await fold.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await fold.getAttribute('aria-expanded'), 'false'));

    // Organic placements are free in money terms, and the charts are drawn.
    await page.locator('tr.ch-family[data-channel="social"] .fold-btn').click();
    assert.equal(await placementCell(page, '微信群', 'cost'), '免费');
    assert.equal(await placementCell(page, '微信群', 'cpa'), '免费');
    assert.match(await page.getByTestId('wi-assumption').textContent(), /仅供规划参考/);
    await page.locator('.channel-charts').first().scrollIntoViewIfNeeded();
    await page.waitForSelector('.channel-charts canvas', { timeout: 20000 });

    const axe = await runAxe(page, { include: '.page' });
    assert.deepEqual(axe, [], formatViolations(axe));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('tablet 768 portrait, touch, en: the table scrolls in its own box, targets are 44 px, axe clean', async () => {
  const page = await newPage(browser, { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  try {
    await gotoApp(page, `${demo.url}#/channels?sort=roas`);
    await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
    await switchLang(page, 'en');
    await eventually(async () => assert.equal(await page.locator('h1').textContent(), 'Promotion channels'));
    assert.equal(await page.locator('th[data-col="roas"]').getAttribute('aria-sort'), 'descending');
    await assertNoHorizontalOverflow(page, 'on #/channels at 768 px');
    const box = await page.locator('.channel-table .table-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(box.scroll > box.client, `the wide table scrolls inside its container: ${JSON.stringify(box)}`);
    const fold = page.locator('tr.ch-family .fold-btn').first();
    const size = await fold.boundingBox();
    assert.ok(size.height >= 44 && size.width >= 44, `fold button ${JSON.stringify(size)}`);
    const sortSize = await page.locator('th[data-col="cpa"] button').boundingBox();
    assert.ok(sortSize.height >= 44, `sort button ${JSON.stringify(sortSize)}`);
    await fold.tap();
    await eventually(async () => assert.equal(await fold.getAttribute('aria-expanded'), 'true'));
    assert.match(await page.getByTestId('wi-assumption').textContent(), /planning aid, not a forecast/);
    const axe = await runAxe(page, { include: '.page' });
    assert.deepEqual(axe, [], formatViolations(axe));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

// A hand-made dataset: October 2026 (the pinned clock's "last month").
const COLLECTIONS = [
  'metrics', 'retention', 'portrait', 'hourly', 'pages', 'feedback', 'content', 'campaigns',
  'roadmap', 'experience', 'health', 'experiments', 'targets', 'events',
];

function handRows({ quality }) {
  const q = (repeatBuyers, returnedD7, returnedD30) => (quality ? { repeatBuyers, returnedD7, returnedD30 } : {});
  return [
    // Paid: ¥1200, 40 000 reached, 800 clicks, 600 visits, 150 new users, 60 orders, ¥4800.
    { month: '2026-10', channel: 'paid_ads', placement: '朋友圈广告', cost: 1200, reach: 40000, clicks: 800, visits: 600, newUsers: 150, orders: 60, revenue: 4800, ...q(30, 45, 15) },
    // Paid, no order: ¥500 → 50 new users, nothing sold.
    { month: '2026-10', channel: 'content', placement: '小红书笔记', cost: 500, reach: 10000, clicks: 250, visits: 200, newUsers: 50, orders: 0, revenue: 0, ...q(5, 10, 2) },
    // Free: 100 new users, 25 orders, ¥1500.
    { month: '2026-10', channel: 'social', placement: '微信群', cost: 0, reach: 2000, clicks: 300, visits: 250, newUsers: 100, orders: 25, revenue: 1500, ...q(40, 50, 30) },
    // A channel this version does not know: listed, not dropped.
    { month: '2026-10', channel: 'tv_ads', placement: '电视广告', cost: 300, reach: 0, clicks: 0, visits: 0, newUsers: 0, orders: 0, revenue: 0 },
  ];
}

function writeDb({ quality, staff }) {
  const db = Object.fromEntries(COLLECTIONS.map((k) => [k, []]));
  db.channels = handRows({ quality });
  if (staff) {
    // 10 hours a month at ¥50: ¥500 for the whole of October.
    db.staff_time = [{ id: 'st-1', channel: 'social', placement: '微信群', hoursPerMonth: 10, hourlyRate: 50, note: '' }];
  }
  const dir = mkdtempSync(join(tmpdir(), 'haihe-channels-'));
  const file = join(dir, 'db.json');
  writeFileSync(file, JSON.stringify(db));
  return file;
}

async function withBackend(dbPath, fn) {
  const api = await startJsonServer({ dbPath });
  const server = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  try {
    await fn(api, server);
  } finally {
    await server.close();
    await api.close();
  }
}

test('hand-made dataset: CTR, CPA, ROAS, ROI worked out by hand; free, zero-order and unknown rows; staff time; what-if', async () => {
  await withBackend(writeDb({ quality: true, staff: true }), async (api, server) => {
    const page = await newPage(browser);
    try {
      await gotoApp(page, `${server.url}#/channels?period=last_month&sort=cost`);
      await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
      assert.match(await page.getByTestId('ch-months').textContent(), /2026-10/);
      // Paid ads: CTR 800 / 40000 = 2.0 %; conversion 60 / 600 = 10.0 %;
      // CPA 1200 / 150 = ¥8.00; per order 1200 / 60 = ¥20.00;
      // ROAS 4800 / 1200 = 4.00×; ROI (4800 − 1200) / 1200 = 300.0 %;
      // share 150 / (150 + 50 + 100) = 50.0 %; repeat 30 / 150 = 20.0 %.
      assert.equal(await familyCell(page, 'paid_ads', 'ctr'), '2.0%');
      assert.equal(await familyCell(page, 'paid_ads', 'conversion'), '10.0%');
      assert.equal(await familyCell(page, 'paid_ads', 'cpa'), '¥8.00');
      assert.equal(await familyCell(page, 'paid_ads', 'cost_per_order'), '¥20.00');
      assert.equal(await familyCell(page, 'paid_ads', 'roas'), '4.00×');
      assert.equal(await familyCell(page, 'paid_ads', 'roi'), '300.0%');
      assert.equal(await familyCell(page, 'paid_ads', 'share'), '50.0%');
      assert.equal(await familyCell(page, 'paid_ads', 'repeat'), '20.0%');
      // Zero orders: CPA 500 / 50 = ¥10.00, cost per order "—", ROAS 0.00×, ROI −100.0 %.
      assert.equal(await familyCell(page, 'content', 'cpa'), '¥10.00');
      assert.equal(await familyCell(page, 'content', 'cost_per_order'), '—');
      assert.equal(await familyCell(page, 'content', 'roas'), '0.00×');
      assert.equal(await familyCell(page, 'content', 'roi'), '-100.0%');
      // Free: cost, CPA, ROAS and ROI read "免费", never ∞.
      for (const col of ['cost', 'cpa', 'roas', 'roi']) assert.equal(await familyCell(page, 'social', col), '免费', col);
      assert.equal(await familyCell(page, 'social', 'share'), '33.3%');
      // The unknown channel is listed as such.
      assert.match(await page.locator('tr.ch-family[data-channel="tv_ads"] th').textContent(), /未知渠道: tv_ads/);
      assert.equal(await familyCell(page, 'tv_ads', 'cpa'), '—');
      const text = await page.locator('.page').textContent();
      assert.ok(!/∞|NaN|Infinity/.test(text), 'no infinity or NaN on the screen');
      // Spend with no order is put into words.
      assert.match(await page.getByTestId('ch-insights').textContent(), /内容平台本期花费 ¥500\.00,没有带来一笔订单/);

      // Money + staff time: 微信群 costs 10 h × ¥50 = ¥500 → CPA 500 / 100 = ¥5.00.
      await page.locator('button[data-basis="money_time"]').click();
      await eventually(async () => assert.equal(await familyCell(page, 'social', 'cpa'), '¥5.00'));
      assert.equal((await hashState(page)).params.cost, 'money_time');
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
      await eventually(async () => assert.equal(await familyCell(page, 'social', 'cpa'), '¥5.00'));

      // Edit the assumption to 20 h: ¥1000 → CPA ¥10.00, and json-server has it.
      await page.locator('tr[data-id="st-1"] button', { hasText: '编辑' }).click();
      await page.locator('#st-hours').fill('20');
      await page.locator('.st-form button[type=submit]').click();
      await eventually(async () => assert.equal(await familyCell(page, 'social', 'cpa'), '¥10.00'));
      await eventually(async () => {
        const saved = api.readDb().staff_time.find((s) => s.id === 'st-1');
        assert.equal(saved.hoursPerMonth, 20);
      });

      // What-if: move ¥600 from paid ads to content (recent month: October).
      // Ads ¥1200 → ¥600: 150 × 0.5^0.8 new users, 60 × 0.5^0.8 orders;
      // content ¥500 → ¥1100: 50 × 2.2^0.8 new users, 0 orders.
      const users = 150 * 0.5 ** 0.8 + 50 * 2.2 ** 0.8 - 200; // −19.92…
      const orders = 60 * 0.5 ** 0.8 - 60; // −25.54…
      assert.equal(Math.round(users), -20);
      assert.equal(Math.round(orders), -26);
      await page.locator('#ch-wi-from').selectOption('paid_ads');
      await page.locator('#ch-wi-to').selectOption('content');
      await page.locator('#ch-wi-amount').fill('600');
      await eventually(async () =>
        assert.equal(await page.getByTestId('wi-net').textContent(), `合计:新用户 ${Math.round(users)},订单 ${Math.round(orders)}`),
      );
      // More than ads spent is refused with the limit.
      await page.locator('#ch-wi-amount').fill('5000');
      await eventually(async () => assert.match(await page.getByTestId('wi-error').textContent(), /¥1,200\.00/));
      assertNoPanic(page);
    } finally {
      await closePage(page);
    }
  });
});

test('a backend serving only the old channels shape still shows the table, quality columns n/a', async () => {
  await withBackend(writeDb({ quality: false, staff: false }), async (_api, server) => {
    const page = await newPage(browser, { locale: 'en-US' });
    try {
      await gotoApp(page, `${server.url}#/channels?period=last_month`);
      await page.waitForSelector('.ch-table tr.ch-family', { timeout: 30000 });
      await switchLang(page, 'en');
      await eventually(async () => assert.equal(await familyCell(page, 'paid_ads', 'repeat'), 'n/a'));
      assert.equal(await familyCell(page, 'paid_ads', 'd7'), 'n/a');
      assert.equal(await familyCell(page, 'paid_ads', 'd30'), 'n/a');
      // The money columns are there as before.
      assert.equal(await familyCell(page, 'paid_ads', 'cpa'), '¥8.00');
      assert.equal(await familyCell(page, 'social', 'cpa'), 'free');
      assert.match(await page.locator('tr.ch-family[data-channel="tv_ads"] th').textContent(), /Unknown channel: tv_ads/);
      const axe = await runAxe(page, { include: '.channel-table' });
      assert.deepEqual(axe, [], formatViolations(axe));
      assertNoPanic(page);
    } finally {
      await closePage(page);
    }
  });
});
