// Campaign planner (活动策划): the timeline moves and zooms with its window in
// the URL, shows the Spring Festival plan in late November, fits every
// campaign, and stays responsive with a very large collection.
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/campaigns.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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
  screenshot,
} from './harness.mjs';
import { eventually, hashState } from './helpers.mjs';

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const range = (page) => page.locator('[data-testid=tl-range]').textContent().then((t) => t.trim());

/** Names of the campaigns drawn on the timeline. */
const bars = (page) =>
  page.evaluate(() => [...document.querySelectorAll('.tl-bar')].map((a) => a.textContent.trim()));

test('timeline: late November shows the Spring Festival plan; zoom, move, fit all, all in the URL', async () => {
  const page = await newPage(browser); // 2026-11-28, the pinned clock
  try {
    await gotoApp(page, `${server.url}#/campaigns`);
    await page.waitForSelector('.tl-bar', { timeout: 20000 });
    // Default: half a year from last month, Oct 2026 – Mar 2027.
    assert.equal(await range(page), '2026年10月 – 2027年3月');
    const shown = await bars(page);
    assert.ok(shown.includes('新春年货节·津味礼盒预售'), `the Spring Festival plan is on the timeline: ${shown}`);
    assert.ok(shown.includes('元宵节汤圆拼团'), `the Lantern Festival plan too: ${shown}`);
    const axe = await runAxe(page, { include: '.timeline' });
    assert.deepEqual(axe, [], formatViolations(axe));

    // Another zoom keeps the first month: a quarter from October, then the next one.
    await page.locator('.timeline button[data-zoom=quarter]').click();
    await eventually(async () => assert.equal(await range(page), '2026年10月 – 2026年12月'));
    await page.getByTestId('tl-next').click();
    await eventually(async () => assert.equal(await range(page), '2027年1月 – 2027年3月'));
    assert.deepEqual((await hashState(page)).params, { tl: 'quarter', tlfrom: '2027-01' });
    assert.equal(await page.locator('.timeline button[data-zoom=quarter]').getAttribute('aria-pressed'), 'true');

    // The window survives a reload, and back returns to the previous one.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid=tl-range]', { timeout: 20000 });
    assert.equal(await range(page), '2027年1月 – 2027年3月');
    await page.goBack();
    await eventually(async () => assert.equal(await range(page), '2026年10月 – 2026年12月'));

    // Month view, previous: September 2026 alone.
    await page.locator('.timeline button[data-zoom=month]').click();
    await page.getByTestId('tl-prev').click();
    await eventually(async () => assert.equal(await range(page), '2026年9月'));

    // Fit all: from the oldest campaign's month to the newest one's.
    await page.locator('.timeline button[data-zoom=fit]').click();
    const fitted = await eventually(async () => {
      const r = await range(page);
      assert.match(r, /^\d{4}年\d{1,2}月 – \d{4}年\d{1,2}月$/);
      return r;
    });
    const all = await page.locator('.cmp-table tbody tr').count();
    assert.equal((await bars(page)).length, all, `fit all draws every campaign (${fitted})`);

    // A hand-edited URL never breaks the page: bad values fall back.
    await page.evaluate(() => (location.hash = '#/campaigns?tl=nonsense&tlfrom=262142-99'));
    await eventually(async () => assert.equal(await range(page), '2026年10月 – 2027年3月'));

    // Today returns to the default window.
    await page.locator('.timeline button[data-zoom=quarter]').click();
    await page.getByTestId('tl-next').click();
    await page.locator('.timeline').getByRole('button', { name: '今天' }).click();
    await eventually(async () => assert.equal(await range(page), '2026年10月 – 2027年3月'));
    await screenshot(page, 'campaigns-timeline-zh');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('timeline and planner stay responsive with 50,000 campaigns from a REST backend', async () => {
  const api = await startJsonServer();
  const rest = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  const page = await newPage(browser);
  try {
    const many = [];
    for (let i = 0; i < 50000; i++) {
      const start = new Date(Date.UTC(2026, 0, 1 + (i % 700)));
      const end = new Date(start.getTime() + (3 + (i % 20)) * 864e5);
      many.push({
        id: `bulk-${i}`,
        name: `批量活动 ${i}`,
        kind: 'discount',
        goal: 'activation',
        audience: i % 2 ? 'all' : 'new',
        districts: [],
        channels: [],
        start: start.toISOString().slice(0, 10),
        end: end.toISOString().slice(0, 10),
        budget: 1000 + (i % 50) * 100,
        targets: { participants: 10, newUsers: 1, orders: 1, revenue: 100 },
        status: i % 3 ? 'planned' : 'reviewed',
        review:
          i % 3
            ? null
            : { actual: { participants: 20, newUsers: 2, orders: 3, revenue: 300 }, cost: 200, derived: false, worked: '', toChange: '' },
      });
    }
    const body = JSON.stringify(many);
    await page.route(`${api.url}/campaigns**`, (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 200, contentType: 'application/json', body })
        : route.continue(),
    );
    const started = Date.now();
    await gotoApp(page, `${rest.url}#/campaigns`);
    await page.waitForSelector('.cmp-table tbody tr', { timeout: 30000 });
    await page.waitForSelector('.tl-bar', { timeout: 30000 });
    const firstPaint = Date.now() - started;
    // The page draws a bounded number of rows and bars and says how many there are.
    assert.equal(await page.locator('.cmp-table tbody tr').count(), 100, 'the table draws one page');
    assert.match(await page.locator('.table-more').textContent(), /显示 100 个,共 50000 个活动/);
    assert.equal(await page.locator('.tl-bar').count(), 200, 'the timeline draws at most 200 bars');
    assert.match(await page.getByTestId('tl-capped').textContent(), /只画出最早的 200 个/);
    assert.match(await page.getByTestId('pooled-capped').textContent(), /只统计最近结束的 2000 个/);
    // Still usable: the next window and "show more" answer.
    const t0 = Date.now();
    await page.getByTestId('tl-next').click();
    await eventually(async () => assert.equal(await range(page), '2027年4月 – 2027年9月'), { timeout: 10000 });
    const nextWindow = Date.now() - t0;
    await page.locator('.table-more button').click();
    await eventually(async () => assert.equal(await page.locator('.cmp-table tbody tr').count(), 200));
    console.log(`# 50,000 campaigns: first paint ${firstPaint} ms, next window ${nextWindow} ms`);
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await rest.close();
    await api.close();
  }
});
