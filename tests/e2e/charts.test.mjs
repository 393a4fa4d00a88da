// Charts on demand: ECharts (Haihe's own build, `echarts-<hash>.js`) is not
// part of the first load. An area without charts never downloads it; the
// cockpit's KPI tiles paint while it is still on its way; a failed download
// shows a message with Retry in each chart's place, and Retry draws them.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST_DIR,
  startStaticServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  screenshot,
  eventually,
  expectTitle,
  goHash,
  renderLazySections,
  scrollChartsIntoView,
} from './harness.mjs';

const ECHARTS = /\/echarts-[0-9a-f]+\.js$/;

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  server = await startStaticServer({ root: DIST_DIR });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const chartStates = (page) =>
  page.evaluate(() => [...document.querySelectorAll('.chart')].map((c) => c.querySelector('canvas') !== null));

test('ECharts is fetched only when a chart comes near the viewport, and the KPI tiles do not wait for it', async () => {
  const page = await newPage(browser);
  const fetched = [];
  let release;
  const held = new Promise((ok) => {
    release = ok;
  });
  // Hold the ECharts response back until the tiles have been seen.
  await page.route(ECHARTS, async (route) => {
    fetched.push(route.request().url());
    await held;
    await route.continue();
  });
  try {
    await gotoApp(page, `${server.url}#/feedback`);
    await expectTitle(page, '用户反馈');
    await page.waitForTimeout(500);
    assert.deepEqual(fetched, [], 'no ECharts download on an area without charts');
    const html = await (await fetch(server.url)).text();
    assert.doesNotMatch(html, /<script[^>]+echarts/, 'index.html loads no ECharts script');

    await goHash(page, '#/cockpit');
    await expectTitle(page, '数据驾驶舱');
    await page.waitForSelector('.kpi-tile', { timeout: 15000 });
    await eventually(() => assert.equal(fetched.length, 1, 'one ECharts download once a chart mounts'));
    assert.ok((await chartStates(page)).every((drawn) => !drawn), 'no canvas yet: the tiles came first');
    release();
    // The heatmap is below the fold: it is built when scrolled to.
    await renderLazySections(page);
    await eventually(async () => {
      await scrollChartsIntoView(page);
      const drawn = await chartStates(page);
      assert.ok(drawn.length >= 2 && drawn.every(Boolean), `every cockpit chart drawn: ${JSON.stringify(drawn)}`);
    }, { timeout: 15000 });
    await goHash(page, '#/campaigns');
    await expectTitle(page, '活动策划');
    await eventually(async () => {
      await scrollChartsIntoView(page);
      const drawn = await chartStates(page);
      assert.ok(drawn.length >= 2 && drawn.every(Boolean), `the campaign ROI charts drawn: ${JSON.stringify(drawn)}`);
    }, { timeout: 15000 });
    assert.equal(fetched.length, 1, 'ECharts downloaded once for every chart');
    await screenshot(page, 'charts-campaigns', { fullPage: true });
    assertNoPanic(page);
  } finally {
    release();
    await closePage(page);
  }
});

test('a chart below the fold is drawn, and ECharts fetched, only when scrolled near', async () => {
  // Tablet landscape with the browser's bars: the trend chart sits below the tiles.
  const page = await newPage(browser, { viewport: { width: 1024, height: 560 } });
  const fetched = [];
  page.on('request', (r) => ECHARTS.test(new URL(r.url()).pathname) && fetched.push(r.url()));
  try {
    await gotoApp(page, `${server.url}#/cockpit`);
    await expectTitle(page, '数据驾驶舱');
    await page.waitForSelector('.kpi-grid .kpi-tile', { timeout: 15000 });
    const trend = page.locator('section.trend .chart');
    const top = await trend.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > 560 + 200, `precondition: the trend chart is more than 200 px below the fold (top ${top})`);
    await page.waitForTimeout(1500);
    assert.deepEqual(fetched, [], 'no ECharts download for a chart nobody scrolled to');
    assert.equal(await trend.getAttribute('data-draws'), '0');
    const box = await trend.boundingBox();
    assert.ok(box && box.height >= 250, 'its box keeps its height meanwhile (no layout shift)');

    await trend.scrollIntoViewIfNeeded();
    await eventually(async () => assert.notEqual(await trend.getAttribute('data-draws'), '0', 'drawn once scrolled to'), { timeout: 15000 });
    assert.equal(fetched.length, 1, 'ECharts fetched once');
    assert.equal(await page.locator('section.trend .chart canvas').count(), 1);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('a failed ECharts download shows a message with Retry, and Retry draws the charts', async () => {
  const page = await newPage(browser);
  let fail = true;
  await page.route(ECHARTS, (route) => (fail ? route.abort('failed') : route.continue()));
  try {
    await gotoApp(page, `${server.url}#/cockpit`);
    await expectTitle(page, '数据驾驶舱');
    const panels = page.locator('.chart-box .error-panel');
    await renderLazySections(page);
    await eventually(async () => {
      await scrollChartsIntoView(page);
      assert.ok((await panels.count()) >= 2, 'a message in each chart’s place');
    });
    assert.match(await panels.first().innerText(), /图表未能加载/);
    assert.equal(await page.locator('.chart:visible').count(), 0, 'no blank chart boxes left');
    await screenshot(page, 'charts-load-failed');

    fail = false;
    await panels.first().getByRole('button', { name: '重试' }).click();
    await eventually(async () => {
      await scrollChartsIntoView(page);
      const drawn = await chartStates(page);
      assert.ok(drawn.length >= 2 && drawn.every(Boolean), `drawn after Retry: ${JSON.stringify(drawn)}`);
    }, { timeout: 15000 });
    assert.equal(await panels.count(), 0, 'the messages are gone');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});
