// Campaign planner (活动策划): the timeline moves and zooms with its window in
// the URL, shows the Spring Festival plan in late November, fits every
// campaign, and stays responsive with a very large collection; planning and
// reviewing (复盘) campaigns in the planner and its comparison table.
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
  eventually,
  hashState,
  addDays,
  uniq,
  unexpectedErrors,
  assertNoHorizontalOverflow,
  Problems,
  withProblems,
  switchLang,
  TEST_TODAY,
} from './harness.mjs';

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

test('timeline: dragging a planned bar reschedules it by whole days, saved to json-server; an ended one stays', async () => {
  const api = await startJsonServer();
  const rest = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  const page = await newPage(browser); // 1440×900
  try {
    const before = api.readDb().campaigns;
    const planned = before.find((c) => c.status === 'planned' && c.start >= '2026-12-01' && c.end <= '2027-02-28');
    const reviewed = before.find((c) => c.status === 'reviewed' && c.end >= '2026-10-01');
    assert.ok(planned && reviewed, 'db.json has a planned and a reviewed campaign in the default window');
    await gotoApp(page, `${rest.url}#/campaigns`);
    const bar = page.locator(`.tl-bar[data-id="${planned.id}"]`);
    await bar.waitFor({ timeout: 60000 });
    assert.equal(await bar.evaluate((el) => el.classList.contains('draggable')), true);
    assert.equal(
      await page.locator(`.tl-bar[data-id="${reviewed.id}"]`).evaluate((el) => el.classList.contains('draggable')),
      false,
      'a reviewed campaign keeps its dates',
    );
    await bar.scrollIntoViewIfNeeded();
    // The default window, Oct 2026 – Mar 2027, is 182 days over the rows' width.
    const width = await page.locator('.tl-rows').evaluate((el) => el.getBoundingClientRect().width);
    const box = await bar.boundingBox();
    const x0 = Math.round(box.x + Math.min(20, box.width / 2));
    const y0 = Math.round(box.y + box.height / 2);
    const dx = Math.round((10.2 * width) / 182); // ten days and a little
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + Math.round((dx * i) / 10), y0);
    // While dragging, the bar follows the pointer.
    await eventually(async () => assert.equal(await bar.evaluate((el) => el.style.transform), `translateX(${dx}px)`), { page });
    assert.equal(await bar.evaluate((el) => el.classList.contains('dragging')), true);
    await page.mouse.up();
    const expected = { start: addDays(planned.start, 10), end: addDays(planned.end, 10) };
    await eventually(
      () => {
        const c = api.readDb().campaigns.find((c) => c.id === planned.id);
        assert.deepEqual({ start: c.start, end: c.end }, expected);
      },
      { timeout: 10000 },
    );
    await eventually(async () => assert.match(await bar.getAttribute('title'), new RegExp(`${expected.start} – ${expected.end}$`)), { page });
    assert.equal(await bar.evaluate((el) => el.style.transform), '', 'the new bar sits at its new dates, not moved by hand');
    assert.equal((await hashState(page)).params.id, undefined, 'the drop did not open the campaign');
    // Back by five days, further left, and the bar still opens on a plain click.
    const box2 = await bar.boundingBox();
    const x1 = Math.round(box2.x + Math.min(20, box2.width / 2));
    await page.mouse.move(x1, y0);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(x1 - Math.round((5 * width * i) / 182 / 6), y0);
    await page.mouse.up();
    await eventually(
      () => assert.equal(api.readDb().campaigns.find((c) => c.id === planned.id).start, addDays(planned.start, 5)),
      { timeout: 10000 },
    );
    // A drag on the reviewed bar moves nothing (being a link, it may then open it: back to the list).
    const other = page.locator(`.tl-bar[data-id="${reviewed.id}"]`);
    const rb = await other.boundingBox();
    await page.mouse.move(rb.x + 5, rb.y + rb.height / 2);
    await page.mouse.down();
    await page.mouse.move(rb.x + 5 + dx, rb.y + rb.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    const after = api.readDb().campaigns.find((c) => c.id === reviewed.id);
    assert.deepEqual({ start: after.start, end: after.end }, { start: reviewed.start, end: reviewed.end });
    await page.evaluate(() => (location.hash = '#/campaigns'));
    await bar.waitFor();
    await bar.click();
    await eventually(async () => assert.equal((await hashState(page)).params.id, planned.id), { page });
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await rest.close();
    await api.close();
  }
});

// ------------------------------------------------ the planner and its table --

function storedCampaigns(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.data.campaigns') ?? 'null'));
}

/** The comparison-table row of the campaign named `name`: { id, cells, roi }. */
function cmpRow(page, name) {
  return page.evaluate((name) => {
    const tr = [...document.querySelectorAll('.cmp-table tr[data-id]')].find(
      (r) => r.querySelector('th')?.textContent.trim() === name,
    );
    if (!tr) return null;
    return {
      id: tr.dataset.id,
      cells: [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()),
      roi: tr.querySelector('.roi')?.textContent.trim(),
    };
  }, name);
}

async function fillCampaign(page, { name, audience, status, start, end }) {
  if (name !== undefined) await page.fill('#cp-name', name);
  if (audience !== undefined) await page.selectOption('#cp-audience', audience);
  if (status !== undefined) await page.selectOption('#cp-status', status);
  if (start !== undefined) await page.fill('#cp-start', start);
  if (end !== undefined) await page.fill('#cp-end', end);
}

async function campaignDialogClosed(page) {
  await eventually(async () => {
    assert.equal(await page.locator('[role=dialog]').count(), 0, 'dialog still open');
    assert.equal((await hashState(page)).params.id, undefined);
  }, { page });
}

test('campaign planner: plan from a template, review with derived actuals, ROI in the table, overlaps', async () => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  const problems = new Problems();
  try {
    const today = TEST_TODAY;
    const name = `津门新人礼·复盘测试 ${uniq()}`;
    await gotoApp(page, `${server.url}#/campaigns`);
    await page.waitForSelector('.cmp-table tr[data-id]', { timeout: 20000 });

    // --- plan from the template
    await page.selectOption('#cp-template', { label: '津门新人礼' });
    await page.getByRole('button', { name: '从模板新建' }).click();
    await page.waitForSelector('[role=dialog] #cp-name');
    const params = (await hashState(page)).params;
    assert.equal(params.id, 'new');
    assert.equal(params.tpl, '0');
    assert.equal(await page.inputValue('#cp-name'), '津门新人礼', 'template name prefilled');
    assert.equal(await page.inputValue('#cp-audience'), 'new', 'template audience');
    await problems.axe(page, 'the campaign dialog', '[role=dialog]');
    await fillCampaign(page, { name, status: 'ended', start: addDays(today, -40), end: addDays(today, -30) });
    await page.locator('[role=dialog] button[type=submit]').click();
    await campaignDialogClosed(page);

    let row;
    await eventually(async () => {
      row = await cmpRow(page, name);
      assert.ok(row, 'the new campaign is in the comparison table');
      assert.ok(row.cells.includes('已结束'), `status ended: ${row.cells}`);
      assert.equal(row.roi, '—', 'no ROI before the review');
    }, { page });
    const id = row.id;
    assert.equal(await page.locator(`a.tl-bar[href*="id=${id}"]`).count(), 1, 'on the timeline');

    // --- review: derive actuals, enter the cost, save as reviewed
    await page.locator(`.cmp-table tr[data-id="${id}"] th a`).click();
    await page.waitForSelector('[role=dialog] #cp-name');
    assert.equal(await page.inputValue('#cp-name'), name);
    assert.equal(await page.inputValue('#cp-start'), addDays(today, -40));
    assert.equal(await page.inputValue('#cp-status'), 'ended');
    assert.equal(await page.locator('[data-testid=roi]').count(), 0, 'no figures before any actuals');
    await page.getByRole('button', { name: '用数据推算实际值' }).click();
    await eventually(async () => {
      for (const f of ['#cp-a-part', '#cp-a-new', '#cp-a-orders', '#cp-a-rev']) {
        assert.match(await page.inputValue(f), /^\d+(\.\d+)?$/, `${f} derived`);
      }
    }, { page });
    assert.ok(Number(await page.inputValue('#cp-a-part')) > 0, 'derived participants > 0');
    await page.fill('#cp-cost', '6000');
    await page.fill('#cp-worked', '新人券包转化好');
    await page.fill('#cp-change', '提前预热');
    const readFigures = async () => {
      const roi = (await page.locator('[data-testid=roi]').textContent({ timeout: 500 })).trim();
      const conv = (await page.locator('[data-testid=conv]').textContent({ timeout: 500 })).trim();
      assert.match(roi, /^-?[\d,]+(\.\d)?%$/, `ROI is a number: ${roi}`);
      assert.match(conv, /^[\d,]+(\.\d)?%$/, `conversion is a number: ${conv}`);
      return { roi, conv };
    };
    let live = null;
    await problems.check('the review figures (conversion, ROI) show while the actuals and cost are entered', async () => {
      live = await eventually(readFigures, { page, timeout: 3000 });
    });
    await screenshot(page, 'campaigns-review-dialog-zh');
    await page.getByRole('button', { name: '保存并标记为已复盘' }).click();
    await campaignDialogClosed(page);

    // The dialog of the reviewed campaign shows its figures.
    await page.locator(`.cmp-table tr[data-id="${id}"] th a`).click();
    await page.waitForSelector('[role=dialog] #cp-name');
    assert.equal(await page.inputValue('#cp-cost'), '6000');
    const { roi, conv } = await eventually(readFigures, { page, timeout: 3000 });
    if (live) assert.deepEqual(live, { roi, conv }, 'figures while editing = figures after saving');
    await page.getByRole('button', { name: '关闭' }).click();
    await campaignDialogClosed(page);

    const checkReviewed = async () => {
      await eventually(async () => {
        const r = await cmpRow(page, name);
        assert.ok(r, 'row present');
        assert.equal(r.id, id);
        assert.ok(r.cells.includes('已复盘'), `status reviewed: ${r.cells}`);
        assert.equal(r.roi, roi, 'table ROI equals the dialog ROI');
        assert.ok(r.cells.includes(conv), `conversion ${conv} in ${r.cells}`);
      }, { page });
      const stored = (await storedCampaigns(page))?.find((c) => c.id === id);
      assert.ok(stored, 'stored in haihe.v1.data.campaigns');
      assert.equal(stored.status, 'reviewed');
      assert.equal(stored.review?.cost, 6000);
      assert.equal(stored.review?.derived, true);
      assert.equal(stored.review?.worked, '新人券包转化好');
    };
    await checkReviewed();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.cmp-table tr[data-id]', { timeout: 20000 });
    await checkReviewed();

    // --- overlap: two "new users" campaigns with intersecting dates
    const a = `新客试吃周 ${uniq()}`;
    const b = `新客满减周 ${uniq()}`;
    for (const [n, s, e] of [
      [a, addDays(today, 60), addDays(today, 70)],
      [b, addDays(today, 66), addDays(today, 80)],
    ]) {
      await page.getByRole('button', { name: '空白新建' }).click();
      await page.waitForSelector('[role=dialog] #cp-name');
      await fillCampaign(page, { name: n, audience: 'new', start: s, end: e });
      await page.locator('[role=dialog] button[type=submit]').click();
      await campaignDialogClosed(page);
    }
    await eventually(async () => {
      const text = (await page.locator('[data-testid=overlaps]').textContent()) ?? '';
      assert.ok(text.includes(`${a} × ${b}`) || text.includes(`${b} × ${a}`), `overlap notice names both: ${text}`);
    }, { page });
    const ida = (await cmpRow(page, a)).id;
    const idb = (await cmpRow(page, b)).id;
    for (const i of [ida, idb]) {
      assert.equal(await page.locator(`a.tl-bar.overlap[href*="id=${i}"]`).count(), 1, `${i} outlined on the timeline`);
    }
    await problems.axe(page, 'the campaign planner');
    await assertNoHorizontalOverflow(page, 'on the campaign planner');
    await screenshot(page, 'campaigns-overlap-zh', { fullPage: true });
    await switchLang(page, 'en');
    await page.getByRole('button', { name: 'New from template' }).waitFor();
    assert.match(await page.locator('[data-testid=overlaps]').textContent(), /Overlapping campaigns/);
    await screenshot(page, 'campaigns-overlap-en', { fullPage: true });

    assertNoPanic(page);
    assert.deepEqual(unexpectedErrors(page), [], 'console errors');
    problems.assertNone();
  } catch (err) {
    await screenshot(page, 'campaigns-FAILED', { fullPage: true }).catch(() => {});
    throw withProblems(err, problems);
  } finally {
    await closePage(page);
  }
});
