// Security & performance (#/health) and the app-wide alerts, on a hand-made
// json-server dataset whose figures are worked out below by hand:
//
//   /api/pay   11-25: 1000 req,  5 err, p50 200, p95  800
//              11-26: 3000 req, 75 err, p50 300, p95 1200
//              11-27: 2000 req, 10 err, p50 250, p95  900
//     → error rate (5+75+10)/(1000+3000+2000) = 90/6000 = 1.5 % (> 1 %),
//       p50 = median(200, 300, 250) = 250 ms, worst p95 = 1200 ms on 11-26
//       (> 1000 ms): over threshold, the worst endpoint.
//   /api/menu  11-25..27: 5000 req, 5 err, p50 60, p95 300 each day
//     → 15/15000 = 0.1 %, p50 60 ms, p95 300 ms: within threshold.
//
// Rules, evaluated on 11-27 (the pinned clock is 11-28 10:00 Shanghai):
//   r-pay   /api/pay error rate > 2 % (clear 1 %), 1 day, min 200 requests:
//           11-26 2.5 % fires, 11-27 0.5 % ≤ 1 % → resolved since 11-27.
//   r-menu  /api/menu p50 > 50 ms for 2 days: 60, 60, 60 → firing since 11-26.
//   r-req   /api/pay requests > 1500 for 3 days: no, yes, yes → pending since 11-26.
//   r-none  an endpoint with no rows → no data.
//   r-edit  /api/menu error rate > 1 %: 0.1 % → OK; the test lowers it to
//           0.05 % → firing since 11-25, and the count goes from 1 to 2.
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/health.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
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
  switchLang,
  reloadApp,
  assertNoHorizontalOverflow,
} from './harness.mjs';

const day = (d) => `2026-11-${String(d).padStart(2, '0')}`;
const hs = (d, endpoint, requests, errors, p50Ms, p95Ms) => ({ date: day(d), endpoint, requests, errors, p50Ms, p95Ms });
const rule = (id, name, watch, condition, fireThreshold, extra = {}) => ({
  id, name, watch, condition, fireThreshold, clearThreshold: null, consecutiveDays: 1,
  severity: 'warning', minVolume: 0, enabled: true, ...extra,
});

function dataset() {
  const metrics = [];
  for (let d = 1; d <= 27; d++) {
    metrics.push({
      date: day(d), district: 'heping', channel: 'social', platform: 'ios',
      visits: 1000, visitors: 800, newVisitors: 200, sessions: 1000, staySeconds: 120000,
      pageViews: 4000, bounces: 300, productViews: 1500, carts: 200, orders: 100,
      payingUsers: 90, repeatBuyers: 40, revenue: 5000,
    });
  }
  return {
    metrics, retention: [], portrait: [], hourly: [], pages: [], feedback: [], content: [],
    campaigns: [], channels: [], roadmap: [], experience: [], experiments: [], targets: [], events: [],
    health: [
      hs(25, '/api/pay', 1000, 5, 200, 800), hs(26, '/api/pay', 3000, 75, 300, 1200), hs(27, '/api/pay', 2000, 10, 250, 900),
      hs(25, '/api/menu', 5000, 5, 60, 300), hs(26, '/api/menu', 5000, 5, 60, 300), hs(27, '/api/menu', 5000, 5, 60, 300),
    ],
    incidents: [
      { id: 'inc-a', title: '支付回调中断', start: '2026-11-26T14:00:00', end: '2026-11-26T15:30:00', severity: 'critical',
        affected: '/api/pay', cause: '证书过期', fix: '更新证书', followUp: '' },
    ],
    security_checks: [
      { id: 'sec-a', name: '漏洞扫描', kind: 'vulnerability_scan', intervalDays: 30, lastDone: '2026-10-20', owner: '', note: '' },
      { id: 'sec-b', name: '依赖更新', kind: 'dependency_updates', intervalDays: 30, lastDone: '2026-11-20', owner: '', note: '' },
    ],
    alert_rules: [
      rule('r-pay', '支付错误率', { kind: 'endpoint', endpoint: '/api/pay', figure: 'error_rate' }, 'above', 0.02, { clearThreshold: 0.01, minVolume: 200, severity: 'critical' }),
      rule('r-menu', '菜单 p50', { kind: 'endpoint', endpoint: '/api/menu', figure: 'latency_p50' }, 'above', 50, { consecutiveDays: 2 }),
      rule('r-req', '支付请求量', { kind: 'endpoint', endpoint: '/api/pay', figure: 'requests' }, 'above', 1500, { consecutiveDays: 3 }),
      rule('r-none', '无数据接口', { kind: 'endpoint', endpoint: '/api/none', figure: 'latency_p95' }, 'above', 1000),
      rule('r-edit', '菜单错误率', { kind: 'endpoint', endpoint: '/api/menu', figure: 'error_rate' }, 'above', 0.01),
    ],
  };
}

let api;
let server;
let browser;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'haihe-health-'));
  const dbPath = join(dir, 'db.json');
  writeFileSync(dbPath, JSON.stringify(dataset()));
  api = await startJsonServer({ dbPath });
  server = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await api?.close();
});

const alertCount = (page) => page.getByTestId('alert-count').textContent().then((t) => Number(t.trim()));
const cell = (page, sel) => page.locator(sel).first().textContent().then((t) => t.trim());
const ruleState = (page, id) => page.locator(`.rule-table tr[data-id="${id}"]`).getAttribute('data-state');
const ruleSince = (page, id) => cell(page, `.rule-table tr[data-id="${id}"] [data-col=since]`);

for (const [name, opts] of [
  ['desktop', {}],
  ['tablet 768×1024 touch', { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true }],
]) {
  test(`health figures, rule states, zh and en, axe (${name})`, async () => {
    const page = await newPage(browser, opts);
    try {
      await gotoApp(page, `${server.url}#/health`);
      await page.waitForSelector('.endpoint-table tbody tr', { timeout: 20000 });
      // Worst first: /api/pay.
      const first = page.locator('.endpoint-table tbody tr').first();
      assert.equal(await first.getAttribute('data-endpoint'), '/api/pay');
      assert.match(await first.locator('[data-col=error-rate]').textContent(), /^1\.5%/);
      assert.equal((await first.locator('[data-col=p50]').textContent()).trim(), '250 ms');
      assert.match(await first.locator('[data-col=p95]').textContent(), /^1,200 ms \(11-26\)/);
      assert.match(await first.locator('[data-col=status]').textContent(), /超出阈值/);
      const menu = page.locator('.endpoint-table tr[data-endpoint="/api/menu"]');
      assert.match(await menu.locator('[data-col=error-rate]').textContent(), /^0\.1%/);
      assert.match(await menu.locator('[data-col=status]').textContent(), /达标/);

      // Summary: 1 firing rule, 2 days since the incident, 1 overdue check.
      await eventually(async () => assert.equal(await cell(page, '[data-testid=firing-count]'), '1'));
      assert.equal(await cell(page, '[data-testid=days-since]'), '2 天');
      assert.equal(await cell(page, '[data-testid=overdue-count]'), '1');
      assert.equal(await alertCount(page), 1);
      assert.match(await cell(page, '.incident[data-id=inc-a] [data-col=duration]'), /1 小时 30 分钟/);
      assert.match(await cell(page, '.check-table tr[data-id=sec-a] [data-col=state]'), /已逾期\(9 天\)/);

      // Rule states and the day each began.
      assert.equal(await ruleState(page, 'r-pay'), 'resolved');
      assert.equal(await ruleSince(page, 'r-pay'), '2026-11-27');
      assert.equal(await ruleState(page, 'r-menu'), 'firing');
      assert.equal(await ruleSince(page, 'r-menu'), '2026-11-26');
      assert.equal(await ruleState(page, 'r-req'), 'pending');
      assert.equal(await ruleSince(page, 'r-req'), '2026-11-26');
      assert.equal(await ruleState(page, 'r-none'), 'no_data');
      assert.equal(await ruleState(page, 'r-edit'), 'ok');

      // Sorting by name is in the URL and survives a reload.
      await page.locator('.endpoint-table thead button', { hasText: '接口' }).click();
      await eventually(async () => assert.equal(await page.locator('.endpoint-table tbody tr').first().getAttribute('data-endpoint'), '/api/menu'));
      assert.match(page.url(), /sort=name/);

      // The incident is shaded on the latency chart.
      await eventually(async () => {
        await page.locator('[data-testid=endpoint-trend]').scrollIntoViewIfNeeded();
        const names = await page.evaluate(() => {
          const el = document.querySelector('[data-testid=endpoint-trend] .chart');
          const chart = el && window.echarts?.getInstanceByDom(el);
          const series = chart ? chart.getOption().series : [];
          return series.flatMap((s) => (s.markArea?.data || []).map((d) => d[0].name));
        });
        assert.deepEqual(names, ['支付回调中断']);
      }, { timeout: 15000 });

      let axe = await runAxe(page);
      assert.deepEqual(axe, [], formatViolations(axe));
      await assertNoHorizontalOverflow(page, 'health');

      await switchLang(page, 'en');
      await eventually(async () => assert.match(await cell(page, '.endpoint-table tr[data-endpoint="/api/pay"] [data-col=status]'), /Over threshold/));
      assert.equal(await cell(page, '[data-testid=days-since]'), '2 day(s)');
      assert.match(await cell(page, '.rule-table tr[data-id=r-menu] [data-col=state]'), /Firing/);
      axe = await runAxe(page);
      assert.deepEqual(axe, [], formatViolations(axe));
      assertNoPanic(page);
    } finally {
      await closePage(page);
    }
  });
}

test('editing a rule so it fires changes the count at once, after a reload and in db.json', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/health`);
    await page.waitForSelector('.rule-table tr[data-id=r-edit]', { timeout: 20000 });
    await eventually(async () => assert.equal(await alertCount(page), 1));
    await page.locator('.rule-table tr[data-id=r-edit] th button').click();
    const dialog = page.getByRole('dialog');
    // Thresholds of a rate are typed in percent.
    assert.equal(await dialog.locator('#rule-fire').inputValue(), '1');
    await dialog.locator('#rule-fire').fill('0.05');
    await dialog.locator('button[type=submit]').click();
    await eventually(async () => assert.equal(await alertCount(page), 2));
    assert.equal(await ruleState(page, 'r-edit'), 'firing');
    assert.equal(await ruleSince(page, 'r-edit'), '2026-11-25');
    // Saved on the server …
    await eventually(async () => {
      const saved = await (await fetch(`${api.url}/alert_rules/r-edit`)).json();
      assert.equal(saved.fireThreshold, 0.0005);
    });
    // … and still firing after a reload, on another screen (the count is app-wide).
    await gotoApp(page, `${server.url}#/feedback`);
    await reloadApp(page);
    await eventually(async () => assert.equal(await alertCount(page), 2), { timeout: 15000 });
    await page.getByTestId('alerts-button').click();
    const panel = page.getByRole('dialog');
    await eventually(async () => assert.equal(await panel.locator('.alert-item').count(), 2));
    const link = panel.locator('.alert-item[data-rule=r-edit] a');
    assert.match(await link.getAttribute('href'), /#\/health\?.*endpoint=%2Fapi%2Fmenu|#\/health\?.*endpoint=\/api\/menu/);
    await link.click();
    await eventually(async () => assert.equal(await page.locator('[data-testid=endpoint-trend]').getAttribute('data-endpoint'), '/api/menu'));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('an incident created on the health screen is shaded on the cockpit trend', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/health`);
    await page.getByTestId('new-incident').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#inc-title-input').fill('图片 CDN 变慢');
    await dialog.locator('#inc-start-day').fill('2026-11-20');
    await dialog.locator('#inc-start-time').fill('18:05');
    await dialog.locator('#inc-end-day').fill('2026-11-20');
    await dialog.locator('#inc-end-time').fill('21:40');
    await dialog.locator('button[type=submit]').click();
    const item = page.locator('.incident', { hasText: '图片 CDN 变慢' });
    await eventually(async () => assert.match(await item.locator('[data-col=duration]').textContent(), /3 小时 35 分钟/));
    await eventually(async () => {
      const all = await (await fetch(`${api.url}/incidents`)).json();
      assert.ok(all.some((i) => i.title === '图片 CDN 变慢' && i.start === '2026-11-20T18:05:00'), JSON.stringify(all));
    });
    await gotoApp(page, `${server.url}#/cockpit`);
    await eventually(async () => {
      const areas = await page.evaluate(() => {
        const charts = [...document.querySelectorAll('.chart')].map((el) => window.echarts?.getInstanceByDom(el)).filter(Boolean);
        return charts.flatMap((c) => c.getOption().series.flatMap((s) => (s.markArea?.data || []).map((d) => [d[0].name, d[0].xAxis, d[1].xAxis])));
      });
      assert.ok(areas.some(([n]) => n === '图片 CDN 变慢'), JSON.stringify(areas));
      assert.ok(areas.some(([n]) => n === '支付回调中断'), JSON.stringify(areas));
    }, { timeout: 20000 });
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});
