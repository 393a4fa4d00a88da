// Awkward days: the demo data and every date-relative view follow the
// browser's calendar, so the app is opened on the pinned clock at dates that
// have broken date code before: late November (Spring Festival planning),
// month ends, New Year's Eve, the days around Spring Festival, 29 February.
// Each area loads without a panic and shows the period that contains "today".
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/dates.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startStaticServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  shanghaiDate,
  screenshot,
  eventually,
} from './harness.mjs';

/** [instant, what it stands for, the Spring Festival plan is ahead]. */
const DAYS = [
  ['2026-11-28T10:00:00+08:00', 'late November', true],
  ['2026-11-30T22:00:00+08:00', 'last day of November, late evening', true],
  ['2026-12-31T21:00:00+08:00', "New Year's Eve", true],
  ['2027-01-31T09:00:00+08:00', 'last day of January', true],
  ['2027-02-05T10:00:00+08:00', 'Spring Festival eve (2027-02-06)', false],
  ['2027-02-06T10:00:00+08:00', 'Spring Festival day', false],
  ['2027-02-12T10:00:00+08:00', 'a week after Spring Festival', false],
  ['2028-02-29T10:00:00+08:00', '29 February 2028', false],
];

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

for (const [now, what, springAhead] of DAYS) {
  test(`on ${now.slice(0, 10)} (${what}) every area loads and shows today's period`, async () => {
    const today = shanghaiDate(now);
    const [y, m] = today.split('-').map(Number);
    const page = await newPage(browser, { now });
    try {
      await gotoApp(page, `${server.url}#/cockpit`);
      await page.waitForSelector('button.kpi-tile[data-kpi]', { timeout: 30000 });
      assert.equal(await page.locator('button.kpi-tile[data-kpi]').count(), 14);
      // The default period (last 30 days) ends yesterday.
      const yesterday = shanghaiDate(Date.parse(now) - 864e5);
      await eventually(async () =>
        assert.match(await page.locator('.export-bar .muted').first().textContent(), new RegExp(yesterday)),
      );

      await page.evaluate(() => (location.hash = '#/calendar'));
      await page.waitForSelector(`.month-grid .day-cell[data-date="${today}"]`, { timeout: 20000 });
      assert.match(await page.locator('.cal-title').textContent(), new RegExp(`${y}年${m}月`));

      await page.evaluate(() => (location.hash = '#/campaigns'));
      await page.waitForSelector('[data-testid=tl-range]', { timeout: 20000 });
      const range = (await page.locator('[data-testid=tl-range]').textContent()).trim();
      const match = range.match(/^(\d{4})年(\d{1,2})月 – (\d{4})年(\d{1,2})月$/);
      assert.ok(match, range);
      const from = Number(match[1]) * 12 + Number(match[2]);
      const to = Number(match[3]) * 12 + Number(match[4]);
      assert.ok(from <= y * 12 + m && y * 12 + m <= to, `today's month inside ${range}`);
      if (springAhead) {
        await eventually(async () => {
          const names = await page.evaluate(() => [...document.querySelectorAll('.tl-bar')].map((a) => a.textContent.trim()));
          assert.ok(names.includes('新春年货节·津味礼盒预售'), `the Spring Festival plan on the timeline: ${names}`);
        });
      }

      await page.evaluate(() => (location.hash = '#/feedback'));
      await page.waitForSelector('ul.fb-list', { timeout: 20000 });
      assertNoPanic(page);
    } catch (err) {
      await screenshot(page, `dates-${today}-FAILED`, { fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await closePage(page);
    }
  });
}
