// The KPI cockpit (#/cockpit): layout at desktop and tablet sizes in both
// languages, cross-filtering from the breakdown bars, period and comparison
// controls, the CSV export against the tiles (rate changes in percentage
// points, no company targets in a filtered view, no formula cells),
// hand-computed KPIs over a tiny json-server dataset (sums first, ratios of
// sums, "—" for a zero denominator, 客单价 per customer vs 笔单价 per order,
// the funnel's units), a target of 1e308 showing no inf/NaN, updates in
// place (lower rows built when scrolled to or printed, a chart whose data did
// not change not redrawn, table rows kept), and target editing persisted
// across a reload.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIST_DIR,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  waitForAppReady,
  assertNoPanic,
  runAxe,
  formatViolations,
  screenshot,
  parseCsv,
  sleep,
  eventually,
  hashState,
  assertNoHorizontalScroll,
  renderLazySections,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// ---------------------------------------------------------------------------
// Helpers (local to this file)
// ---------------------------------------------------------------------------

/** Every KPI key, in the order the tiles show them (Kpi::ALL). */
const KPI_KEYS = [
  'visitors',
  'visits',
  'newVisitors',
  'pageViews',
  'avgStay',
  'visitDepth',
  'bounceRate',
  'orders',
  'payingUsers',
  'conversionRate',
  'revenuePerCustomer',
  'aov',
  'revenue',
  'repurchaseRate',
];
const N_KPIS = KPI_KEYS.length; // 14

const RATIO_KEYS = ['avgStay', 'visitDepth', 'bounceRate', 'conversionRate', 'revenuePerCustomer', 'aov', 'repurchaseRate'];
/** The rates: their changes read in percentage points. */
const RATE_KEYS = ['bounceRate', 'conversionRate', 'repurchaseRate'];

/** The cockpit's recompute counter (`.cockpit-body[data-renders]`), or null before it mounts. */
function renders(page) {
  return page.evaluate(() => {
    const v = document.querySelector('.cockpit-body')?.getAttribute('data-renders');
    return v == null ? null : Number(v);
  });
}

/** Waits until the cockpit body has rendered its 14 tiles (fails fast on a panic). */
async function waitForCockpit(page, { timeout = 30000 } = {}) {
  await eventually(
    async () => {
      assertNoPanic(page);
      const errors = await page.$$eval('.cockpit .error-panel', (els) => els.map((e) => e.textContent.trim()));
      assert.deepEqual(errors, [], 'the cockpit shows an error');
      assert.ok((await renders(page)) >= 1, '.cockpit-body[data-renders] present');
      assert.equal(await page.locator('button.kpi-tile[data-kpi]').count(), N_KPIS, `${N_KPIS} KPI tiles`);
    },
    { timeout },
  );
}

async function openCockpit(page, url) {
  await gotoApp(page, url);
  await waitForCockpit(page);
}

/**
 * Runs `action` and waits until the cockpit recomputed (data-renders moved
 * on) and the browser produced a frame after it.
 */
async function afterRecompute(page, action, { timeout = 10000 } = {}) {
  const before = await renders(page);
  await action();
  await page.waitForFunction(
    (prev) => Number(document.querySelector('.cockpit-body')?.getAttribute('data-renders')) !== prev,
    before,
    { timeout },
  );
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
  assertNoPanic(page);
}

/** The tiles as shown: { key: { value, change, changeTitle, prev, status } }. */
function tiles(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('button.kpi-tile[data-kpi]')].map((b) => [
        b.getAttribute('data-kpi'),
        {
          value: b.querySelector('.kpi-value')?.textContent.trim() ?? null,
          change: b.querySelector('.kpi-change')?.textContent.trim() ?? null,
          changeTitle: b.querySelector('.kpi-change')?.getAttribute('title') ?? null,
          prev: b.querySelector('.kpi-prev')?.textContent.trim() ?? null,
          status: b.querySelector('.kpi-status')?.textContent.trim() ?? null,
        },
      ]),
    ),
  );
}

async function tileValue(page, key) {
  return (await page.locator(`button.kpi-tile[data-kpi="${key}"] .kpi-value`).textContent()).trim();
}

/** The bars of one breakdown: [{ id, value, pressed, dimmed }]. */
function bars(page, dimension) {
  return page.evaluate(
    (dim) =>
      [...document.querySelectorAll(`figure.barlist[data-dimension="${dim}"] button.bar-row`)].map((b) => ({
        id: b.getAttribute('data-id'),
        value: b.querySelector('.bar-value')?.textContent.trim(),
        pressed: b.getAttribute('aria-pressed'),
        dimmed: b.classList.contains('dimmed'),
      })),
    dimension,
  );
}

/** No NaN / Infinity / inf / "undefined" anywhere in the cockpit's text, titles or inputs. */
async function assertNoBadNumbers(page, where) {
  const text = await page.evaluate(() => {
    const body = document.querySelector('.cockpit-body');
    const titles = [...body.querySelectorAll('[title]')].map((e) => e.getAttribute('title'));
    const inputs = [...body.querySelectorAll('input')].map((e) => e.value);
    return [body.innerText, ...titles, ...inputs].join('\n');
  });
  for (const bad of ['NaN', 'Infinity', 'undefined', '∞']) {
    assert.ok(!text.includes(bad), `${where}: “${bad}” on screen`);
  }
  assert.doesNotMatch(text, /\binf\b/i, `${where}: “inf” on screen`);
}

/** A rate's change text in points: "+2.1 个百分点" / "-3.4 pp". */
const POINTS = { zh: /^[+-]\d+\.\d 个百分点$/, en: /^[+-]\d+\.\d pp$/ };

/** Clicks "导出 CSV" / "Export CSV" and returns { name, text } of the download. */
async function downloadCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10000 }),
    page.locator('.export-bar button', { hasText: /导出 CSV|Export CSV/ }).click(),
  ]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  return { name: download.suggestedFilename(), text };
}

// ---------------------------------------------------------------------------
// a. Layout at two sizes and in two languages
// ---------------------------------------------------------------------------

const SIZES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 }, hasTouch: false },
  { name: '768x1024-touch', viewport: { width: 768, height: 1024 }, hasTouch: true },
];

// Labels say what the figures are: a period's visitors are summed daily UV.
const LANG = {
  zh: { h1: '数据驾驶舱', button: '中文', html: 'zh-CN', visitorsLabel: '累计访问人数' },
  en: { h1: 'KPI cockpit', button: 'EN', html: 'en', visitorsLabel: 'Visitors (daily UV sum)' },
};

for (const size of SIZES) {
  for (const lang of ['zh', 'en']) {
    test(`cockpit layout at ${size.name} in ${lang}: 14 tiles, no overflow, trend chart, axe, screenshot`, async () => {
      const page = await newPage(browser, { viewport: size.viewport, hasTouch: size.hasTouch });
      const L = LANG[lang];
      try {
        await openCockpit(page, `${server.url}#/cockpit`);
        if (lang === 'en') {
          await page.getByRole('button', { name: 'EN', exact: true }).click();
        }
        await eventually(async () => assert.equal((await page.locator('main h1').first().textContent()).trim(), L.h1));
        assert.equal(await page.evaluate(() => document.documentElement.lang), L.html, '<html lang>');
        await eventually(async () =>
          assert.equal(
            (await page.locator('button.kpi-tile[data-kpi="visitors"] .kpi-label').textContent()).trim(),
            L.visitorsLabel,
          ),
        );

        // The 14 tiles, in order, each with a value that is a formatted number.
        const keys = await page.$$eval('button.kpi-tile[data-kpi]', (els) => els.map((e) => e.getAttribute('data-kpi')));
        assert.deepEqual(keys, KPI_KEYS);
        const t = await tiles(page);
        for (const key of KPI_KEYS) {
          const v = t[key].value;
          assert.ok(v && v.length > 0, `${key}: empty value`);
          assert.notEqual(v, '—', `${key}: no value over the demo data`);
          assert.match(v, /\d/, `${key}: “${v}” has no digits`);
          assert.ok(t[key].change, `${key}: the default view compares with the previous period`);
        }
        // Rates change in points, with the relative change as the hover title;
        // other KPIs change relatively, with no title.
        for (const key of KPI_KEYS) {
          if (RATE_KEYS.includes(key)) {
            assert.match(t[key].change.replace(/^[▲▼] /, ''), POINTS[lang], `${key} change “${t[key].change}”`);
            assert.match(t[key].changeTitle, lang === 'zh' ? /^相对变化 ([+-]\d+\.\d%|—)$/ : /^Relative change ([+-]\d+\.\d%|—)$/);
          } else {
            assert.match(t[key].change.replace(/^[▲▼] /, ''), /^([+-]\d+\.\d%|—)$/, `${key} change “${t[key].change}”`);
            assert.equal(t[key].changeTitle, null, `${key}: no hover on a relative change`);
          }
        }
        // Locale-aware formats on the demo data.
        assert.match(t.aov.value, /^¥\d[\d,]*\.\d\d$/, `aov “${t.aov.value}”`);
        assert.match(t.revenuePerCustomer.value, /^¥\d[\d,]*\.\d\d$/, `revenuePerCustomer “${t.revenuePerCustomer.value}”`);
        assert.match(t.bounceRate.value, /^\d+\.\d%$/, `bounceRate “${t.bounceRate.value}”`);
        assert.match(t.visitDepth.value, /^\d+\.\d$/, `visitDepth “${t.visitDepth.value}”`);
        assert.match(t.avgStay.value, lang === 'zh' ? /^(\d+分)?\d+秒$/ : /^(\d+m )?\d+s$/, `avgStay “${t.avgStay.value}”`);
        assert.match(t.visitors.value, lang === 'zh' ? /^(\d[\d,]*|\d+(\.\d)?[万亿])$/ : /^(\d[\d,]*|\d+(\.\d)?[KM])$/);

        // The 16 districts and the trend chart's canvas.
        assert.equal((await bars(page, 'district')).length, 16, '16 district bars');
        for (const dim of ['channel', 'platform', 'gender', 'age']) {
          assert.ok((await bars(page, dim)).length > 0, `${dim} bars`);
        }
        await page.waitForSelector('section.trend .chart canvas', { timeout: 10000 });
        const canvas = await page.locator('section.trend .chart canvas').first().boundingBox();
        assert.ok(canvas && canvas.width > 100 && canvas.height > 100, `trend canvas sized: ${JSON.stringify(canvas)}`);

        await assertNoHorizontalScroll(page, `${size.name} ${lang}`);
        await assertNoBadNumbers(page, `${size.name} ${lang}`);
        await screenshot(page, `cockpit-${size.name}-${lang}`, { fullPage: true });

        const violations = await runAxe(page);
        assert.deepEqual(violations.map((v) => v.id), [], `axe (serious/critical):\n${formatViolations(violations)}`);
        assertNoPanic(page);
        assert.deepEqual(page.errors, [], 'no console errors');
      } catch (err) {
        await screenshot(page, `cockpit-${size.name}-${lang}-FAILED`, { fullPage: true }).catch(() => {});
        throw err;
      } finally {
        await closePage(page);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// b. Cross-filter from a district bar
// ---------------------------------------------------------------------------

test('cross-filter: a district bar filters every tile, survives a reload, the chip removes it', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    const all = await tiles(page);
    const districtsBefore = await bars(page, 'district');
    assert.equal(districtsBefore.length, 16);
    const heping = districtsBefore.find((b) => b.id === 'heping');
    assert.ok(heping, 'heping bar');
    assert.ok(districtsBefore.every((b) => b.pressed === 'false' && !b.dimmed), 'nothing selected yet');
    assert.equal(await page.locator('button.chip[data-filter]').count(), 0, 'no chips yet');
    assert.notEqual(heping.value, all.visitors.value, 'one district has fewer visitors than all of them');

    await afterRecompute(page, () => page.locator('[data-dimension=district] button[data-id=heping]').click());
    assert.equal((await hashState(page)).params.district, 'heping', 'district=heping in the URL');
    await eventually(async () => assert.equal(await page.locator('button.chip[data-filter=district]').count(), 1, 'the district chip'));
    assert.match(await page.locator('button.chip[data-filter=district]').innerText(), /和平区/);

    const filtered = await tiles(page);
    assert.notEqual(filtered.visitors.value, all.visitors.value, 'visitors changed');
    // Both the tile and the bar are the district's visitors in the period.
    assert.equal(filtered.visitors.value, heping.value, 'visitors tile = the Heping bar');
    // The breakdown ignores its own dimension: every bar stays, unchanged.
    const districtsAfter = await bars(page, 'district');
    assert.equal(districtsAfter.length, 16, 'the bar list keeps all 16 districts');
    assert.deepEqual(
      districtsAfter.map((b) => [b.id, b.value]),
      districtsBefore.map((b) => [b.id, b.value]),
      'district bars do not change under their own filter',
    );
    assert.deepEqual(
      districtsAfter.filter((b) => b.pressed === 'true').map((b) => b.id),
      ['heping'],
      'only Heping pressed',
    );
    assert.ok(districtsAfter.filter((b) => b.id !== 'heping').every((b) => b.dimmed), 'the others are dimmed');
    // Other figures follow the filter too.
    for (const key of ['visits', 'orders', 'revenue']) {
      assert.notEqual(filtered[key].value, all[key].value, `${key} changed with the filter`);
    }

    // A reload keeps the filter (it lives in the URL) and the figures.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAppReady(page);
    await waitForCockpit(page);
    assert.equal((await hashState(page)).params.district, 'heping');
    await eventually(async () => assert.equal(await page.locator('button.chip[data-filter=district]').count(), 1));
    assert.deepEqual(await tiles(page), filtered, 'same tiles after the reload');
    assert.equal((await bars(page, 'district')).find((b) => b.id === 'heping').pressed, 'true');

    // The chip removes the filter.
    await afterRecompute(page, () => page.locator('button.chip[data-filter=district]').click());
    assert.equal((await hashState(page)).params.district, undefined, 'district gone from the URL');
    await eventually(async () => assert.equal(await page.locator('button.chip[data-filter]').count(), 0, 'no chips'));
    assert.deepEqual(await tiles(page), all, 'tiles back to the unfiltered view');
    assert.ok((await bars(page, 'district')).every((b) => b.pressed === 'false' && !b.dimmed));

    // Clicking a selected bar again also clears it.
    await afterRecompute(page, () => page.locator('[data-dimension=channel] button[data-id=social]').click());
    assert.equal((await hashState(page)).params.channel, 'social');
    const social = await tileValue(page, 'visitors');
    assert.notEqual(social, all.visitors.value);
    await afterRecompute(page, () => page.locator('[data-dimension=channel] button[data-id=social]').click());
    assert.equal((await hashState(page)).params.channel, undefined);
    assert.equal(await tileValue(page, 'visitors'), all.visitors.value);
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'cockpit-crossfilter-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

// ---------------------------------------------------------------------------
// c. Period preset and comparison
// ---------------------------------------------------------------------------

test('period and comparison: “近7天” changes the figures, “不对比” removes the changes', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    const pressed = () =>
      page.$$eval('.presets .seg-btn', (els) => els.filter((e) => e.getAttribute('aria-pressed') === 'true').map((e) => e.textContent.trim()));
    assert.deepEqual(await pressed(), ['近30天'], '30 days is the default');
    const d30 = await tiles(page);
    assert.equal(await page.locator('.kpi-change').count(), N_KPIS, 'every tile shows its change');

    await afterRecompute(page, () => page.locator('.presets .seg-btn', { hasText: '近7天' }).click());
    assert.equal((await hashState(page)).params.period, '7d');
    await eventually(async () => assert.deepEqual(await pressed(), ['近7天']));
    const d7 = await tiles(page);
    assert.notEqual(d7.visitors.value, d30.visitors.value, 'visitors differ between 7 and 30 days');
    assert.notEqual(d7.orders.value, d30.orders.value, 'orders differ between 7 and 30 days');
    // The export bar names the 7 days.
    const periodText = (await page.locator('.export-bar .muted').first().textContent()).trim();
    const m = periodText.match(/(\d{4}-\d\d-\d\d) 至 (\d{4}-\d\d-\d\d)/);
    assert.ok(m, `period text “${periodText}”`);
    assert.equal((Date.parse(m[2]) - Date.parse(m[1])) / 86400000, 6, '7 days, both ends included');

    assert.equal(await page.locator('.kpi-change').count(), N_KPIS);
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'none'));
    assert.equal((await hashState(page)).params.compare, 'none');
    await eventually(async () => {
      assert.equal(await page.locator('.kpi-change').count(), 0, 'no change without a comparison');
      assert.equal(await page.locator('.kpi-prev').count(), 0, 'no comparison value');
    });
    assert.equal((await tiles(page)).visitors.value, d7.visitors.value, 'the value itself does not depend on the comparison');

    // Back to a comparison: the changes return.
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'year'));
    assert.equal((await hashState(page)).params.compare, 'year');
    await eventually(async () => assert.equal(await page.locator('.kpi-change').count(), N_KPIS));
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'cockpit-period-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

// ---------------------------------------------------------------------------
// d. CSV export = the tiles
// ---------------------------------------------------------------------------

const CSV_HEADER = {
  zh: ['指标', '键', '单位', '本期', '对比期', '相对变化(%)', '变化(百分点)', '目标', '预警值', '目标状态', '本期(显示)', '对比期(显示)', '变化(显示)'],
  en: [
    'Metric',
    'Key',
    'Unit',
    'Current',
    'Comparison',
    'Relative change (%)',
    'Change (pp)',
    'Target',
    'Warning',
    'Target status',
    'Current (display)',
    'Comparison (display)',
    'Change (display)',
  ],
};

/**
 * A display cell as the tile shows it: the CSV writer prefixes ' to text a
 * spreadsheet would run as a formula ("'+12.5%", "'-3.4 个百分点").
 */
const unformula = (cell) => cell.replace(/^'(?=[=+\-@\t\r])/, '');

/** Checks a downloaded CSV against the tiles on screen; returns the parsed rows. */
async function assertCsvMatchesTiles(page, csv, lang, where) {
  assert.ok(csv.text.startsWith('\uFEFF'), `${where}: starts with a UTF-8 BOM`);
  assert.ok(!csv.text.startsWith('\uFEFF\uFEFF'), `${where}: one BOM only`);
  const body = csv.text.slice(1);
  assert.ok(body.includes('\r\n'), `${where}: CRLF line ends`);
  const rows = parseCsv(body);
  assert.deepEqual(rows[0], CSV_HEADER[lang], `${where}: header`);
  const kpiRows = rows.slice(1, 1 + N_KPIS);
  assert.deepEqual(kpiRows.map((r) => r[1]), KPI_KEYS, `${where}: one row per KPI, in tile order`);
  assert.deepEqual(rows[1 + N_KPIS], [''], `${where}: an empty line after the KPI table`);
  // No cell a spreadsheet would run: a formula trigger only starts a plain number.
  for (const cell of rows.flat()) {
    if (/^[=+\-@\t\r]/.test(cell)) assert.match(cell, /^[+-]\d+(\.\d+)?$/, `${where}: formula-like cell “${cell}”`);
  }

  const shown = await tiles(page);
  for (const r of kpiRows) {
    assert.equal(r.length, 13, `${where}: ${r[1]} has 13 fields: ${JSON.stringify(r)}`);
    const [, key, , cur, cmp, rel, points, , , status, current, comparison, change] = r.map(unformula);
    const tile = shown[key];
    if (RATE_KEYS.includes(key) && cmp !== '') {
      // Points = current − comparison, both in percent with two decimals.
      assert.ok(Math.abs(Number(points) - (Number(cur) - Number(cmp))) <= 0.011, `${where}: ${key} points ${points} = ${cur} − ${cmp}`);
      assert.match(change, POINTS[lang], `${where}: ${key} change in points`);
      // The relative change is the tile's hover title, and its own column.
      if (rel !== '') {
        const relShown = tile.changeTitle.match(/ ([+-]\d+\.\d%)$/)?.[1];
        assert.ok(relShown && Math.abs(parseFloat(relShown) - Number(rel)) <= 0.051, `${where}: ${key} relative ${rel} vs hover “${tile.changeTitle}”`);
      }
    } else {
      assert.equal(points, '', `${where}: ${key} has no points`);
    }
    assert.equal(current, tile.value, `${where}: ${key} current (display) = tile`);
    const label = (await page.locator(`button.kpi-tile[data-kpi="${key}"] .kpi-label`).textContent()).trim();
    assert.equal(r[0], label, `${where}: ${key} label`);
    if (tile.prev != null) {
      assert.equal(tile.prev, `${lang === 'zh' ? '对比 ' : 'vs '}${comparison}`, `${where}: ${key} comparison (display) = tile`);
      assert.equal(tile.change.replace(/^[▲▼] /, ''), change, `${where}: ${key} change (display) = tile`);
    } else {
      assert.equal(comparison, '—', `${where}: ${key}: no comparison`);
    }
    if (tile.status != null) assert.equal(status, tile.status, `${where}: ${key} target status = tile`);
  }

  // The trend series: one row per day of the period, summing to the KPI total.
  const series = rows.slice(3 + N_KPIS).filter((r) => !(r.length === 1 && r[0] === ''));
  assert.match(rows[2 + N_KPIS][0], lang === 'zh' ? /^日期 \(按日\)$/ : /^Date \(By day\)$/, `${where}: series header`);
  assert.equal(rows[2 + N_KPIS].length, 1 + N_KPIS, `${where}: date + ${N_KPIS} KPIs`);
  const visitorsPlain = Number(kpiRows[0][3]);
  const sum = series.reduce((s, r) => s + Number(r[1]), 0);
  assert.equal(sum, visitorsPlain, `${where}: daily visitors sum to the period's visitors`);
  return { rows, kpiRows, series };
}

test('CSV export: the display columns equal the tiles (zh default view, en filtered view)', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    const zh = await downloadCsv(page);
    const periodText = (await page.locator('.export-bar .muted').first().textContent()).trim();
    const [, from, to] = periodText.match(/(\d{4}-\d\d-\d\d) 至 (\d{4}-\d\d-\d\d)/) ?? [];
    assert.equal(zh.name, `haihe-cockpit-${from}-${to}.csv`, 'file name carries the period');
    const { series, kpiRows: zhRows } = await assertCsvMatchesTiles(page, zh, 'zh', 'zh 30d');
    assert.equal(series.length, 30, 'one row per day of the 30 days');
    // The whole business is judged against the demo targets.
    assert.ok(zhRows.some((r) => r[7] !== '' && ['达标', '未达标', '预警'].includes(r[9])), 'the unfiltered CSV carries targets');
    assert.equal(series[0][0], from);
    assert.equal(series.at(-1)[0], to);

    // English, a district filter, 7 days against last year.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await eventually(async () => assert.equal((await page.locator('main h1').first().textContent()).trim(), 'KPI cockpit'));
    await afterRecompute(page, () => page.locator('[data-dimension=district] button[data-id=hexi]').click());
    await afterRecompute(page, () => page.locator('.presets .seg-btn', { hasText: 'Last 7 days' }).click());
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'year'));
    assert.deepEqual(
      { district: undefined, period: undefined, compare: undefined, ...(await hashState(page)).params },
      { district: 'hexi', period: '7d', compare: 'year' },
    );
    const en = await downloadCsv(page);
    const r = await assertCsvMatchesTiles(page, en, 'en', 'en hexi 7d year');
    assert.equal(r.series.length, 7);
    // A filtered slice is not held against company-wide targets: like its tiles,
    // its CSV has no target, warning or status.
    assert.equal(await page.locator('.kpi-status').count(), 0, 'filtered tiles show no status');
    for (const row of r.kpiRows) {
      assert.deepEqual(row.slice(7, 10), ['', '', 'n/a (filtered view)'], `${row[1]}: no company target in a filtered view`);
    }
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'cockpit-csv-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

// ---------------------------------------------------------------------------
// e. Hand-computed KPIs over a tiny dataset served by json-server
// ---------------------------------------------------------------------------

/** A MetricFact with every field; counts default to 0. */
function fact(date, district, channel, platform, m) {
  return {
    date,
    district,
    channel,
    platform,
    visits: 0,
    visitors: 0,
    newVisitors: 0,
    sessions: 0,
    staySeconds: 0,
    pageViews: 0,
    bounces: 0,
    productViews: 0,
    carts: 0,
    orders: 0,
    payingUsers: 0,
    repeatBuyers: 0,
    revenue: 0,
    ...m,
  };
}

// The last day with data is 2026-03-08, so "7d" is 2026-03-02 … 2026-03-08.
const TINY_METRICS = [
  // The day before the window: must not count (its numbers would show).
  fact('2026-03-01', 'heping', 'direct', 'ios', {
    visits: 99000, visitors: 90000, newVisitors: 9000, sessions: 90000, staySeconds: 900000, pageViews: 90000,
    bounces: 90000, productViews: 9000, carts: 900, orders: 900, payingUsers: 900, repeatBuyers: 900, revenue: 99999,
  }),
  // R1
  fact('2026-03-02', 'heping', 'direct', 'ios', {
    visits: 120, visitors: 100, newVisitors: 40, sessions: 100, staySeconds: 5000, pageViews: 300,
    bounces: 50, productViews: 60, carts: 20, orders: 12, payingUsers: 10, repeatBuyers: 2, revenue: 600,
  }),
  // R2
  fact('2026-03-05', 'hexi', 'social', 'android', {
    visits: 1000, visitors: 900, newVisitors: 300, sessions: 800, staySeconds: 56000, pageViews: 2000,
    bounces: 200, productViews: 400, carts: 90, orders: 10, payingUsers: 9, repeatBuyers: 6, revenue: 1234.5,
  }),
  // R3
  fact('2026-03-08', 'heping', 'social', 'ios', {
    visits: 250, visitors: 200, newVisitors: 80, sessions: 60, staySeconds: 6000, pageViews: 240,
    bounces: 30, productViews: 100, carts: 25, orders: 20, payingUsers: 16, repeatBuyers: 8, revenue: 1500.25,
  }),
  // R4
  fact('2026-03-08', 'hexi', 'direct', 'android', {
    visits: 50, visitors: 40, newVisitors: 10, sessions: 40, staySeconds: 1000, pageViews: 100,
    bounces: 10, productViews: 15, carts: 5, orders: 4, payingUsers: 4, repeatBuyers: 1, revenue: 219.25,
  }),
  // R5: orders placed from a store QR code with no recorded session or visitor.
  fact('2026-03-08', 'hexi', 'offline_qr', 'harmony', { orders: 3, revenue: 90 }),
];

const EMPTY_COLLECTIONS = [
  'retention', 'portrait', 'hourly', 'pages', 'feedback', 'content', 'campaigns',
  'channels', 'roadmap', 'experience', 'health', 'experiments', 'targets', 'events',
  // Read on every screen (the app-wide alert rules) and by the cockpit trend (incidents).
  'alert_rules', 'incidents',
];

test('hand-computed KPIs over a tiny json-server dataset: ratios of sums, “—” for a zero denominator', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'haihe-cockpit-tiny-'));
  const dbPath = join(dir, 'db.json');
  const db = { metrics: TINY_METRICS };
  for (const k of EMPTY_COLLECTIONS) db[k] = [];
  writeFileSync(dbPath, JSON.stringify(db, null, 2));

  let api;
  let rest;
  let page;
  try {
    api = await startJsonServer({ dbPath });
    rest = await startStaticServer({ root: DIST_DIR, config: { backend: 'rest', rest: { baseUrl: api.url } } });
    page = await newPage(browser);
    await openCockpit(page, `${rest.url}#/cockpit?period=7d&compare=none`);
    await eventually(async () => assert.match(await page.locator('.backend-badge').innerText(), /REST/));
    assert.deepEqual(page.httpErrors, [], 'every collection loads from json-server');
    assert.match((await page.locator('.export-bar .muted').first().textContent()).trim(), /2026-03-02 至 2026-03-08/);

    // Sums over R1–R5 (the 2026-03-01 row is outside the 7 days):
    //   visitors   100 + 900 + 200 + 40 + 0          = 1240
    //   visits     120 + 1000 + 250 + 50 + 0         = 1420
    //   new        40 + 300 + 80 + 10                = 430
    //   sessions   100 + 800 + 60 + 40 + 0           = 1000
    //   stay       5000 + 56000 + 6000 + 1000        = 68000 s
    //   page views 300 + 2000 + 240 + 100            = 2640
    //   bounces    50 + 200 + 30 + 10                = 290
    //   orders     12 + 10 + 20 + 4 + 3              = 49
    //   paying     10 + 9 + 16 + 4 + 0               = 39
    //   repeat     2 + 6 + 8 + 1                     = 17
    //   revenue    600 + 1234.5 + 1500.25 + 219.25 + 90 = 3644.00
    //   product-view sessions 60 + 400 + 100 + 15    = 575
    //   cart sessions         20 + 90 + 25 + 5       = 140
    const expected = {
      visitors: '1,240',
      visits: '1,420',
      newVisitors: '430',
      pageViews: '2,640',
      // 68000 / 1000 = 68 s → 1分08秒   (mean of daily ratios: (50 + 70 + 70) / 3 = 63.3 s → 1分03秒)
      avgStay: '1分08秒',
      // 2640 / 1000 = 2.64 → 2.6        (daily: (3.0 + 2.5 + 3.4) / 3 = 2.97 → 3.0)
      visitDepth: '2.6',
      // 290 / 1000 = 29.0%              (daily: (50% + 25% + 40%) / 3 = 38.3%)
      bounceRate: '29.0%',
      orders: '49',
      payingUsers: '39',
      // 39 / 1240 = 3.145% → 3.1%       (daily: (10% + 1% + 20/240 = 8.33%) / 3 = 6.4%)
      conversionRate: '3.1%',
      // 客单价 per paying customer: 3644 / 39 = 93.436 → ¥93.44
      revenuePerCustomer: '¥93.44',
      // 笔单价 per order: 3644 / 49 = 74.367 → ¥74.37   (daily: (50 + 123.45 + 1809.5/27 = 67.02) / 3 = ¥80.16)
      aov: '¥74.37',
      revenue: '¥3,644.00',
      // 老客占比 17 / 39 = 43.59% → 43.6%  (daily: (20% + 66.7% + 9/20 = 45%) / 3 = 43.9%)
      repurchaseRate: '43.6%',
    };
    const values = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.value]));
    await eventually(async () => assert.deepEqual(values(await tiles(page)), expected));
    assert.equal(await page.locator('.kpi-change').count(), 0, 'compare=none: no changes');
    assert.equal(await page.locator('.kpi-status').count(), 0, 'no targets in this dataset: no statuses');

    // The funnel, each step with its unit; conversions only between session steps:
    //   会话 1000 → 浏览商品 575 (575 / 1000 = 57.5%, drop 42.5%) → 加入购物车 140
    //   (140 / 575 = 24.35% → 24.3%, drop 75.7%); 下单 49 单 and 支付 39 人 are other
    //   units: no conversion (39 / 49 payers per order is not one).
    await renderLazySections(page);
    const funnelRows = await page.$$eval('.funnel-table tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
    );
    assert.deepEqual(funnelRows, [
      ['会话', '1,000', '会话', '—', '—', '—'],
      ['浏览商品', '575', '会话', '57.5%', '42.5%', '—'],
      ['加入购物车', '140', '会话', '24.3%', '75.7%', '—'],
      ['下单', '49', '单', '—', '—', '—'],
      ['支付', '39', '人', '—', '—', '—'],
    ]);

    // Against the previous 7 days (2026-02-23 … 03-01: the 2026-03-01 row only), rates
    // change in points, with the relative change on hover:
    //   conversion 39 / 1240 = 3.145% vs 900 / 90000 = 1.0%: +2.145 → "+2.1 个百分点",
    //     relative 2.145 / 1.0 = +214.5%;
    //   bounce 29.0% vs 90000 / 90000 = 100%: −71.0 points (relative −71.0%), good news;
    //   老客占比 43.59% vs 900 / 900 = 100%: −56.4 points;
    //   counts stay relative: visitors (1240 − 90000) / 90000 = −98.6%.
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'previous'));
    await eventually(async () => {
      const t = await tiles(page);
      assert.deepEqual(
        [t.conversionRate, t.bounceRate, t.repurchaseRate, t.visitors].map((x) => [x.change, x.changeTitle, x.prev]),
        [
          ['▲ +2.1 个百分点', '相对变化 +214.5%', '对比 1.0%'],
          ['▼ -71.0 个百分点', '相对变化 -71.0%', '对比 100.0%'],
          ['▼ -56.4 个百分点', '相对变化 -56.4%', '对比 100.0%'],
          ['▼ -98.6%', null, '对比 90,000'],
        ],
      );
      assert.ok((await page.locator('button.kpi-tile[data-kpi=bounceRate] .kpi-change.good').count()) === 1, 'a falling bounce rate is good');
    });
    // The notes read in points too (8 notes: the seven −95…−99% counts and this one).
    // The tag and the sentence (the 关联到需求 button beside them is not part of the insight).
    const notes = await page.$$eval('.insight-list li', (lis) =>
      lis.map((li) => [`${li.querySelector('.insight-tag').textContent}${li.querySelector('.insight-text').textContent}`.trim(), li.getAttribute('title')]));
    assert.deepEqual(
      notes.find(([text]) => text.includes('老客占比')),
      ['注意老客占比比上期下降 56.4 个百分点', '相对变化 -56.4%'],
    );
    assert.ok(!notes.some(([text]) => /(转化率|跳出率|老客占比)比上期.*\d%/.test(text)), `no rate note in relative %: ${JSON.stringify(notes)}`);
    // And the CSV: relative change and points in their own columns, points on display.
    const csv = parseCsv((await downloadCsv(page)).text.slice(1));
    const conv = csv.find((r) => r[1] === 'conversionRate');
    assert.deepEqual(conv.slice(3, 7), ['3.15', '1.00', '214.52', '2.15']);
    assert.equal(conv[12], "'+2.1 个百分点", 'the display text, neutralised: it starts with +');
    assert.deepEqual(csv.find((r) => r[1] === 'visitors').slice(5, 7), ['-98.62', ''], 'a negative number stays a number');
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'none'));

    // Breakdowns: Heping = R1 + R3 = 300, Hexi = R2 + R4 + R5 = 940, every other district 0.
    const districts = await bars(page, 'district');
    assert.equal(districts.length, 16);
    const byId = Object.fromEntries(districts.map((b) => [b.id, b.value]));
    assert.equal(byId.hexi, '940');
    assert.equal(byId.heping, '300');
    assert.equal(byId.nankai, '0');
    assert.deepEqual(districts.slice(0, 2).map((b) => b.id), ['hexi', 'heping'], 'sorted by visitors');
    const channels = Object.fromEntries((await bars(page, 'channel')).map((b) => [b.id, b.value]));
    // social = R2 + R3 = 1100, direct = R1 + R4 = 140, offline_qr = R5 = 0.
    assert.deepEqual(
      { social: channels.social, direct: channels.direct, offline_qr: channels.offline_qr },
      { social: '1,100', direct: '140', offline_qr: '0' },
    );

    // Heping only (R1 + R3): visitors 300, paying 26 → 26 / 300 = 8.67% → 8.7%;
    // 笔单价 (600 + 1500.25) / (12 + 20) = 65.63; 客单价 2100.25 / 26 = 80.78;
    // depth 540 / 160 = 3.375 → 3.4.
    await afterRecompute(page, () => page.locator('[data-dimension=district] button[data-id=heping]').click());
    await eventually(async () => {
      const t = values(await tiles(page));
      assert.deepEqual(
        { visitors: t.visitors, conversionRate: t.conversionRate, aov: t.aov, rpc: t.revenuePerCustomer, visitDepth: t.visitDepth },
        { visitors: '300', conversionRate: '8.7%', aov: '¥65.63', rpc: '¥80.78', visitDepth: '3.4' },
      );
    });
    await afterRecompute(page, () => page.locator('button.chip[data-filter=district]').click());

    // Zero denominators. The offline_qr channel (R5 only): 0 visitors, 0 sessions,
    // 0 paying users, 3 orders for ¥90 → 笔单价 90 / 3 = ¥30.00; 客单价 90 / 0 and
    // every other ratio "—".
    await afterRecompute(page, () => page.locator('[data-dimension=channel] button[data-id=offline_qr]').click());
    assert.equal((await hashState(page)).params.channel, 'offline_qr');
    await eventually(async () =>
      assert.deepEqual(values(await tiles(page)), {
        visitors: '0',
        visits: '0',
        newVisitors: '0',
        pageViews: '0',
        avgStay: '—',
        visitDepth: '—',
        bounceRate: '—',
        orders: '3',
        payingUsers: '0',
        conversionRate: '—',
        revenuePerCustomer: '—',
        aov: '¥30.00',
        revenue: '¥90.00',
        repurchaseRate: '—',
      }),
    );
    await assertNoBadNumbers(page, 'offline_qr filter');

    // A district with no rows at all (Nankai, on top of the channel filter): nothing but zeros and "—".
    await afterRecompute(page, () => page.locator('[data-dimension=district] button[data-id=nankai]').click());
    assert.deepEqual(
      { d: (await hashState(page)).params.district, c: (await hashState(page)).params.channel },
      { d: 'nankai', c: 'offline_qr' },
    );
    const none = {
      visitors: '0',
      visits: '0',
      newVisitors: '0',
      pageViews: '0',
      avgStay: '—',
      visitDepth: '—',
      bounceRate: '—',
      orders: '0',
      payingUsers: '0',
      conversionRate: '—',
      revenuePerCustomer: '—',
      aov: '—',
      revenue: '¥0.00',
      repurchaseRate: '—',
    };
    await eventually(async () => assert.deepEqual(values(await tiles(page)), none));
    // And Nankai alone (no channel filter) is just as empty.
    await afterRecompute(page, () => page.locator('button.chip[data-filter=channel]').click());
    await eventually(async () => assert.deepEqual(values(await tiles(page)), none));
    await assertNoBadNumbers(page, 'empty district');
    // Every RATIO tile is "—", never NaN/Infinity/0.
    const t = await tiles(page);
    for (const key of RATIO_KEYS) assert.equal(t[key].value, '—', key);
    assert.ok(await page.locator('section.trend .chart canvas').count(), 'the trend chart still draws');
    assertNoPanic(page);
    assert.deepEqual(page.errors, [], 'no console errors');
  } catch (err) {
    if (page) await screenshot(page, 'cockpit-tiny-FAILED', { fullPage: true }).catch(() => {});
    if (api) err.message += `\njson-server output:\n${api.output().slice(-2000)}`;
    throw err;
  } finally {
    await closePage(page);
    await rest?.close();
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a target of 1e308 (every KPI) shows no inf/NaN anywhere: tiles, notes, editor, CSV', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'haihe-cockpit-huge-'));
  const dbPath = join(dir, 'db.json');
  const db = { metrics: TINY_METRICS };
  for (const k of EMPTY_COLLECTIONS) db[k] = [];
  // 1e308 is a valid JSON number; ×30 days or ×100 for a percentage it overflows.
  db.targets = KPI_KEYS.map((id) => ({ id, target: 1e308, warning: 1e308 }));
  writeFileSync(dbPath, JSON.stringify(db));

  let api;
  let rest;
  let page;
  try {
    api = await startJsonServer({ dbPath });
    rest = await startStaticServer({ root: DIST_DIR, config: { backend: 'rest', rest: { baseUrl: api.url } } });
    page = await newPage(browser);
    // Not `openCockpit`: a backend may also refuse such targets with an error,
    // which is an acceptable answer too. The tiles must still come.
    await gotoApp(page, `${rest.url}#/cockpit?period=7d`);
    await eventually(async () => {
      assertNoPanic(page);
      assert.equal(await page.locator('button.kpi-tile[data-kpi]').count(), N_KPIS);
      assert.equal(await tileValue(page, 'visitors'), '1,240');
    }, { timeout: 30000 });
    await page.locator('details.targets summary').click();
    await sleep(300);
    // Unusable targets are ignored: no status on any tile, no target wording in the notes.
    assert.equal(await page.locator('.kpi-status').count(), 0, 'no status from a 1e308 target');
    const notes = await page.$$eval('.insight-list li', (lis) => lis.map((li) => li.textContent));
    assert.ok(!notes.some((n) => /预警值|目标/.test(n)), `no target wording: ${JSON.stringify(notes)}`);
    await assertNoBadNumbers(page, '1e308 targets');
    // The editor shows empty fields rather than "inf" (or the targets failed with an error).
    const fields = await page.$$eval('details.targets input', (els) => els.map((e) => e.value));
    assert.ok(fields.length === 0 || fields.every((v) => v === ''), `editor fields: ${JSON.stringify(fields)}`);
    for (const lang of ['zh', 'en']) {
      if (lang === 'en') await page.getByRole('button', { name: 'EN', exact: true }).click();
      await sleep(200);
      await assertNoBadNumbers(page, `1e308 targets, ${lang}`);
      const { text } = await downloadCsv(page);
      assert.doesNotMatch(text, /\binf\b|NaN|Infinity|e\+?308/i, `${lang} CSV: ${text.slice(0, 600)}`);
      const rows = parseCsv(text.slice(1)).slice(1, 1 + N_KPIS);
      for (const r of rows) assert.deepEqual(r.slice(7, 9), ['', ''], `${r[1]}: no target or warning in the CSV`);
    }
    assertNoPanic(page);
  } catch (err) {
    if (page) await screenshot(page, 'cockpit-huge-target-FAILED', { fullPage: true }).catch(() => {});
    if (api) err.message += `\njson-server output:\n${api.output().slice(-2000)}`;
    throw err;
  } finally {
    await closePage(page);
    await rest?.close();
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------
// g. Only what changed is redrawn; lower sections render when scrolled to
// ---------------------------------------------------------------------------

/** Counts each cockpit chart's setOption calls (window.__setOptionCalls.trend / .heat). */
function countSetOption(page) {
  return page.evaluate(() => {
    window.__setOptionCalls = {};
    for (const el of document.querySelectorAll('.cockpit .chart')) {
      const inst = window.echarts.getInstanceByDom(el);
      const key = el.closest('section.heat') ? 'heat' : 'trend';
      const own = inst.setOption.bind(inst);
      window.__setOptionCalls[key] = 0;
      inst.setOption = (...args) => {
        window.__setOptionCalls[key] += 1;
        return own(...args);
      };
    }
  });
}

/** Rows of the insights, funnel, retention and pages, each marked as seen now. */
function markRows(page) {
  return page.evaluate(() => {
    const rows = document.querySelectorAll('.insight-list li, .funnel-table tbody tr, .cohort-table tbody tr, .pages-table tbody tr');
    for (const r of rows) r.dataset.seen = '1';
    return rows.length;
  });
}

/** Per table: [rows, rows marked before, text of all rows]. */
function tableState(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      ['.funnel-table tbody tr', '.cohort-table tbody tr', '.pages-table tbody tr'].map((sel) => {
        const rows = [...document.querySelectorAll(sel)];
        return [sel.split(' ')[0], [rows.length, rows.filter((r) => r.dataset.seen === '1').length, rows.map((r) => r.textContent).join('|')]];
      }),
    ),
  );
}

test('updates in place: lower sections render when scrolled to, a filter redraws only what changed, rows are kept', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    // Below the fold nothing is built until it is scrolled to.
    assert.equal(await page.locator('.on-screen-placeholder').count(), 2, 'two rows wait below the fold');
    assert.equal(await page.locator('.funnel-table, .cohort-table, .pages-table, section.heat').count(), 0, 'not built yet');
    const length = await page.evaluate(() => document.documentElement.scrollHeight);
    await renderLazySections(page);
    await page.waitForSelector('section.heat .chart canvas', { timeout: 15000 });
    assert.equal(await page.locator('.funnel-table tbody tr').count(), 5, 'the funnel, once scrolled to');
    // The placeholders stood in for about the rows' height: the page barely changed length.
    const grown = (await page.evaluate(() => document.documentElement.scrollHeight)) - length;
    assert.ok(Math.abs(grown) < 200, `page length changed by ${grown}px when the rows rendered`);

    await countSetOption(page);
    assert.ok((await markRows(page)) > 10, 'rows to watch');
    const before = await tableState(page);
    const trendBefore = await page.evaluate(() => JSON.stringify(window.echarts.getInstanceByDom(document.querySelector('section.trend .chart')).getOption().series.map((s) => s.data)));

    // A district filter: the trend follows it, the heatmap (not filtered) is not redrawn.
    await afterRecompute(page, () => page.locator('[data-dimension=district] button[data-id=heping]').click());
    await eventually(async () => assert.equal(await page.evaluate(() => window.__setOptionCalls.trend), 1, 'the trend redrawn once'));
    assert.equal(await page.evaluate(() => window.__setOptionCalls.heat), 0, 'the heatmap not redrawn');
    const trendAfter = await page.evaluate(() => JSON.stringify(window.echarts.getInstanceByDom(document.querySelector('section.trend .chart')).getOption().series.map((s) => s.data)));
    assert.notEqual(trendAfter, trendBefore, 'the trend shows the filtered series');
    const filtered = await tableState(page);
    for (const t of ['.funnel-table', '.cohort-table', '.pages-table']) {
      assert.equal(filtered[t][1], filtered[t][0], `${t}: every row is the one built before (kept, not rebuilt)`);
      assert.equal(filtered[t][0], before[t][0], `${t}: as many rows`);
    }
    assert.notEqual(filtered['.funnel-table'][2], before['.funnel-table'][2], 'the funnel figures follow the filter');
    assert.equal(filtered['.pages-table'][2], before['.pages-table'][2], 'the pages (not filtered) stay as they were');

    // A period change redraws both (the heatmap sums the period's months).
    await afterRecompute(page, () => page.locator('.presets .seg-btn').nth(1).click());
    await eventually(async () => assert.equal(await page.evaluate(() => window.__setOptionCalls.heat), 1, 'the heatmap redrawn for 7 days'));
    await eventually(async () => assert.equal(await page.evaluate(() => window.__setOptionCalls.trend), 2));
    // No comparison: the dashed series goes, none lingers from the update in place.
    await afterRecompute(page, () => page.selectOption('#ck-compare', 'none'));
    await eventually(async () =>
      assert.equal(await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector('section.trend .chart')).getOption().series.length), 1, 'one series left'),
    );
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'cockpit-in-place-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('printing renders the sections not scrolled to: the browser’s print and the Print button', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    assert.equal(await page.locator('.on-screen-placeholder').count(), 2);
    // The Print button renders them before it opens the print dialog.
    await page.evaluate(() => {
      window.print = () => {
        window.__printed = {
          placeholders: document.querySelectorAll('.on-screen-placeholder').length,
          funnelRows: document.querySelectorAll('.funnel-table tbody tr').length,
          heat: document.querySelectorAll('section.heat .chart canvas').length,
        };
      };
    });
    await page.getByRole('button', { name: '打印(A4 横向)' }).click();
    await eventually(async () =>
      assert.deepEqual(await page.evaluate(() => window.__printed), { placeholders: 0, funnelRows: 5, heat: 1 }, 'everything on the page when the dialog opens'),
    );

    // The browser's own print (Ctrl+P) fires beforeprint.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAppReady(page);
    await waitForCockpit(page);
    assert.equal(await page.locator('.on-screen-placeholder').count(), 2);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await eventually(async () => assert.equal(await page.locator('.on-screen-placeholder').count(), 0, 'rendered for printing'));
    assert.equal(await page.locator('.funnel-table tbody tr').count(), 5);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

// ---------------------------------------------------------------------------
// f. Target editing (embedded backend) persists
// ---------------------------------------------------------------------------

test('targets: a new visitors target is saved, survives a reload and drives the tile status', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    const details = page.locator('details.targets');
    await details.locator('summary').click();
    await page.waitForSelector('#tg-visitors', { state: 'visible' });
    const oldTarget = await page.inputValue('#tg-visitors');
    assert.notEqual(oldTarget, '50000', 'a different target to start with');

    // 50,000 a day (×30 days = 1.5M) with a warning at 40,000 a day: the demo
    // period's visitors are far below both, so the tile must turn to "预警".
    await page.fill('#tg-visitors', '50000');
    await page.fill('#tw-visitors', '40000');
    await page.getByRole('button', { name: '保存目标' }).click();
    await eventually(async () => {
      const stored = await page.evaluate(() => localStorage.getItem('haihe.v1.data.targets'));
      assert.ok(stored, 'haihe.v1.data.targets written');
      const visitors = JSON.parse(stored).find((t) => t.id === 'visitors');
      assert.deepEqual(visitors, { id: 'visitors', target: 50000, warning: 40000 });
    });
    await eventually(async () => assert.equal((await tiles(page)).visitors.status, '预警'));

    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForAppReady(page);
    await waitForCockpit(page);
    await page.locator('details.targets summary').click();
    await page.waitForSelector('#tg-visitors', { state: 'visible' });
    assert.equal(await page.inputValue('#tg-visitors'), '50000', 'target kept across the reload');
    assert.equal(await page.inputValue('#tw-visitors'), '40000', 'warning kept across the reload');
    assert.equal((await tiles(page)).visitors.status, '预警', 'the status follows the saved target');
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('haihe.v1.data.targets')));
    assert.equal(stored.length, 13, 'the other targets are kept');
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'cockpit-targets-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('targets: saving one edited field reports one change, and the confirmation stays on screen', async () => {
  const page = await newPage(browser);
  try {
    await openCockpit(page, `${server.url}#/cockpit`);
    await page.locator('details.targets summary').click();
    await page.waitForSelector('#tg-orders', { state: 'visible' });
    // The demo data (and so its targets) follows the calendar: read the
    // untouched percentage as shown, e.g. "5.8", and expect exactly 0.058 back.
    const shownWarning = await page.inputValue('#tw-conversionRate');
    assert.match(shownWarning, /^\d+(\.\d)?$/, 'percent targets show with one decimal');
    const expectedWarning = Number((Number(shownWarning) / 100).toFixed(6));
    await page.fill('#tg-orders', '700');
    await page.getByRole('button', { name: '保存目标' }).click();
    // The save is confirmed (embedded backend: at once).
    await eventually(async () => {
      const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('haihe.v1.data.targets'))) ?? '[]');
      assert.equal(stored.find((t) => t.id === 'orders')?.target, 700);
    });
    await sleep(300);
    const notices = await page.$$eval('details.targets [role=status]', (els) => els.map((e) => e.textContent.trim()));
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('haihe.v1.data.targets')));
    assert.deepEqual(
      {
        // The form's status line says what was submitted and is still there.
        notices,
        // Untouched targets keep their exact values (a 5.8% warning must not
        // come back as 0.057999999999999996 after the 0–100 round trip).
        conversionRateWarning: stored.find((t) => t.id === 'conversionRate')?.warning,
      },
      { notices: ['已提交 1 项修改。'], conversionRateWarning: expectedWarning },
    );
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});
