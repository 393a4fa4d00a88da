#!/usr/bin/env node
// Browser benchmark of the cockpit's interaction latency (run by scripts/bench,
// not by the test suite). Plain figures, no pass/fail.
//
// For metric-row multipliers 1×, 2×, 4× (the `metrics` of db.json repeated k
// times), the built app (dist/) is opened on #/cockpit with the REST backend:
// json-server serves every other collection, and `…/metrics` is fulfilled by
// page.route from memory (json-server would re-serialise ~75 MB per request).
// Then N interactions alternate a cross-filter click (a district bar) and a
// period change (a preset button), clicked as real input (CDP). Each is timed
// by the browser's Event Timing API, as INP is: from the input until the next
// frame is painted, so the click's handling, the cockpit's re-render and that
// frame's style, layout and paint are inside it (the page is scrolled to each
// control first, so rows built when scrolled to are built during the warm-up
// and then kept up to date). A second figure runs until
// the trend chart has drawn the new option (one frame later). Unthrottled and with
// 4× CPU throttling (CDP Emulation.setCPUThrottlingRate).
//
// Environment: HAIHE_DIST (default dist/), HAIHE_DB_JSON (default .tmp/db.json,
// generated with gen-db when missing), CHROMIUM_PATH, BENCH_N (default 30),
// BENCH_MULTIPLIERS (default "1,2,4"), BENCH_RATES (CPU throttling rates,
// default "1,4"; "4" measures only the throttled case), BENCH_PROFILE (a file
// prefix: each measured run also writes `<prefix>-<k>x-cpu<rate>.cpuprofile`,
// Chromium's CPU profile, openable in DevTools' Performance panel),
// BENCH_ALL_SECTIONS=1 (scroll every row that renders when scrolled to into
// view first, then back to the top: the cost once the user has seen the
// whole page, rather than at first sight).
//
// Besides the latencies, each row splits the browser's own accounting
// (CDP Performance.getMetrics, per interaction, median over the run): script
// (JS and wasm), style recalculation and layout, which tells re-rendering
// work in the DOM from the app's own computation.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIST_DIR,
  defaultDbPath,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  renderLazySections,
} from '../tests/e2e/harness.mjs';

const N = Number(process.env.BENCH_N || 30);
const MULTIPLIERS = (process.env.BENCH_MULTIPLIERS || '1,2,4').split(',').map(Number).filter((k) => k >= 1);
const RATES = (process.env.BENCH_RATES || '1,4').split(',').map(Number).filter((r) => r >= 1);
const PROFILE = process.env.BENCH_PROFILE || '';
const ALL_SECTIONS = process.env.BENCH_ALL_SECTIONS === '1';
const WARMUP = 4;

// Consecutive interactions must change the view, or nothing recomputes:
// districts differ from one to the next (a click on another bar moves the
// filter), presets never repeat back to back and never equal the initial 30d.
const DISTRICTS = ['heping', 'hexi', 'nankai', 'binhai', 'hedong', 'xiqing', 'jizhou', 'wuqing'];
const PRESETS = ['7d', '90d', '30d', 'this_month', 'last_month', 'yesterday'];
// Index of each preset in `.presets .seg-btn` (Preset::ALL order).
const PRESET_INDEX = { yesterday: 0, '7d': 1, '30d': 2, '90d': 3, this_month: 4, last_month: 5 };

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  // Nearest-rank.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Installs, once per page, the Event Timing observer that reports each click's
 * duration from the input to the next paint (what INP measures).
 */
function observeClicks(page) {
  return page.evaluate(() => {
    window.__clicks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'click') window.__clicks.push(e);
    }).observe({ type: 'event', durationThreshold: 16, buffered: false });
  });
}

/**
 * One real click (CDP input, so the browser times it), measured as
 * `paint`: from the input until the next frame was painted (Event Timing's
 * duration, in steps of 8 ms; the click's handling and the cockpit's
 * re-render are inside it), and `chart`: from the input until the trend chart
 * drew the new option and a frame passed (charts draw one frame after the
 * rest, components/chart.rs; NaN for a build without `data-draws`).
 */
async function timedClick(page, selector) {
  const target = page.locator(selector);
  // The district bars are below the fold and the presets at the top: scroll
  // to each as a user would, and let the scroll settle before the click.
  await target.evaluate(
    (el) =>
      new Promise((done) => {
        el.scrollIntoView({ block: 'center' });
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));
      }),
  );
  const box = await target.boundingBox();
  if (!box) throw new Error(`missing ${selector}`);
  // Armed before the click, awaited after it.
  await page.evaluate(() => {
    window.__wait = new Promise((resolve, reject) => {
      const body = document.querySelector('.cockpit-body');
      const chart = document.querySelector('section.trend .chart');
      if (!body || !chart) return reject(new Error('missing the cockpit or its trend chart'));
      const seen = window.__clicks.length;
      const before = body.getAttribute('data-renders');
      const drawsBefore = chart.getAttribute('data-draws');
      const timer = setTimeout(() => reject(new Error('no recompute after the click')), 60000);
      let chartAt = drawsBefore === null ? NaN : 0;
      const afterFrame = (then) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = then;
          ch.port2.postMessage(0);
        });
      const check = () => {
        const entry = window.__clicks[seen];
        if (body.getAttribute('data-renders') === before || !entry || chartAt === 0) return setTimeout(check, 5);
        clearTimeout(timer);
        resolve({ paint: entry.duration, chart: chartAt - entry.startTime });
      };
      if (drawsBefore !== null) {
        const obs = new MutationObserver(() => {
          if (chart.getAttribute('data-draws') === drawsBefore) return;
          obs.disconnect();
          afterFrame(() => {
            chartAt = performance.now();
          });
        });
        obs.observe(chart, { attributes: true, attributeFilter: ['data-draws'] });
      }
      check();
    });
  });
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return page.evaluate(() => window.__wait);
}

/** The i-th interaction of the alternating sequence. */
function interaction(i) {
  const j = i >> 1;
  if (i % 2 === 0) {
    const id = DISTRICTS[j % DISTRICTS.length];
    return { kind: 'filter', selector: `figure.barlist[data-dimension="district"] button.bar-row[data-id="${id}"]` };
  }
  const p = PRESETS[j % PRESETS.length];
  return { kind: 'period', selector: `.presets .seg-btn:nth-child(${PRESET_INDEX[p] + 1})` };
}

/** Chromium's cumulative durations (seconds) of script, style and layout work. */
async function browserMetrics(cdp) {
  if (!cdp) return null;
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return { script: m.ScriptDuration ?? 0, style: m.RecalcStyleDuration ?? 0, layout: m.LayoutDuration ?? 0 };
}

async function measure(page, n, offset, cdp = null) {
  const all = [];
  const charts = [];
  const byKind = { filter: [], period: [] };
  const split = { script: [], style: [], layout: [] };
  for (let i = 0; i < n; i++) {
    const step = interaction(offset + i);
    const m0 = await browserMetrics(cdp);
    const { paint: ms, chart } = await timedClick(page, step.selector);
    const m1 = await browserMetrics(cdp);
    all.push(ms);
    charts.push(chart);
    byKind[step.kind].push(ms);
    if (m0 && m1) for (const k of Object.keys(split)) split[k].push((m1[k] - m0[k]) * 1000);
  }
  assertNoPanic(page);
  const s = [...all].sort((a, b) => a - b);
  const c = [...charts].sort((a, b) => a - b);
  return {
    chartMedian: median(charts),
    chartP95: quantile(c, 0.95),
    median: median(all),
    p95: quantile(s, 0.95),
    max: s.at(-1),
    filterMedian: median(byKind.filter),
    periodMedian: median(byKind.period),
    scriptMedian: split.script.length ? median(split.script) : NaN,
    styleMedian: split.style.length ? median(split.style) : NaN,
    layoutMedian: split.layout.length ? median(split.layout) : NaN,
  };
}

async function main() {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/index.html missing: build dist/ first (trunk build --release)`);
  }
  const dbPath = defaultDbPath();
  const db = JSON.parse(readFileSync(dbPath, 'utf8'));
  const metricsText = JSON.stringify(db.metrics);
  const inner = metricsText.slice(1, -1);
  const rows1 = db.metrics.length;

  // json-server gets everything but the metrics (served from memory below).
  const dir = await mkdtemp(join(tmpdir(), 'haihe-bench-'));
  const rest = { ...db, metrics: [] };
  const restPath = join(dir, 'db.json');
  writeFileSync(restPath, JSON.stringify(rest));
  db.metrics = null;

  const api = await startJsonServer({ dbPath: restPath });
  const app = await startStaticServer({
    root: DIST_DIR,
    config: { backend: 'rest', rest: { baseUrl: api.url, timeoutMs: 120000 } },
  });
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const k of MULTIPLIERS) {
      const body = Buffer.from(`[${Array(k).fill(inner).join(',')}]`);
      const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
      try {
        await page.route(`${api.url}/metrics`, (route) =>
          route.fulfill({
            status: 200,
            body,
            headers: { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' },
          }),
        );
        const t0 = Date.now();
        await gotoApp(page, `${app.url}#/cockpit`, { timeout: 120000 });
        await page.waitForFunction(() => Number(document.querySelector('.cockpit-body')?.getAttribute('data-renders')) >= 1, null, {
          timeout: 120000,
        });
        const loadMs = Date.now() - t0;
        if (ALL_SECTIONS) {
          await renderLazySections(page, { timeout: 60000 });
          await page.evaluate(() => window.scrollTo(0, 0));
        }
        const tiles = await page.locator('button.kpi-tile[data-kpi]').count();
        if (tiles !== 14) throw new Error(`expected 14 KPI tiles, found ${tiles}`);
        // A check that the k× rows arrived: 30-day visitors scale with k.
        const visitors = (await page.locator('button.kpi-tile[data-kpi="visitors"] .kpi-value').textContent()).trim();

        await observeClicks(page);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        let offset = 0;
        for (const rate of RATES) {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate });
          await measure(page, WARMUP, offset);
          offset += WARMUP;
          if (PROFILE) {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
            await cdp.send('Profiler.start');
          }
          const r = await measure(page, N, offset, PROFILE ? null : cdp);
          offset += N;
          if (PROFILE) {
            const { profile } = await cdp.send('Profiler.stop');
            const file = `${PROFILE}-${k}x-cpu${rate}.cpuprofile`;
            writeFileSync(file, JSON.stringify(profile));
            process.stderr.write(`[bench-cockpit] CPU profile: ${file}\n`);
          }
          results.push({ k, rows: rows1 * k, mb: body.length / 1e6, loadMs, visitors, rate, ...r });
          process.stderr.write(`[bench-cockpit] ${k}× rows, CPU ${rate}×: median ${r.median.toFixed(1)} ms\n`);
        }
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await cdp.detach();
      } finally {
        await closePage(page);
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }

  const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
  const cols = [
    ['rows', 9, (r) => `${r.k}× ${r.rows}`],
    ['JSON MB', 8, (r) => r.mb.toFixed(1)],
    ['load ms', 8, (r) => String(r.loadMs)],
    ['UV 30d', 8, (r) => r.visitors],
    ['CPU', 5, (r) => `${r.rate}×`],
    ['median', 8, (r) => f(r.median)],
    ['p95', 8, (r) => f(r.p95)],
    ['max', 8, (r) => f(r.max)],
    ['filter med', 11, (r) => f(r.filterMedian)],
    ['period med', 11, (r) => f(r.periodMedian)],
    ['chart med', 10, (r) => f(r.chartMedian)],
    ['chart p95', 10, (r) => f(r.chartP95)],
    ['script', 7, (r) => f(r.scriptMedian)],
    ['style', 6, (r) => f(r.styleMedian)],
    ['layout', 7, (r) => f(r.layoutMedian)],
  ];
  console.log(
    `cockpit interaction latency, ms (N=${N} per row, alternating district filter / period preset; click → next paint, Event Timing)` +
      (ALL_SECTIONS ? '; every row rendered first' : ''),
  );
  console.log(cols.map(([h, w], i) => (i === 0 ? h.padEnd(w + 6) : h.padStart(w))).join(' '));
  for (const r of results) {
    console.log(cols.map(([, w, get], i) => (i === 0 ? get(r).padEnd(w + 6) : get(r).padStart(w))).join(' '));
  }
  console.log('load ms: navigation until the first cockpit render (fetching and decoding the metrics included);');
  console.log('UV 30d: the visitors tile of the default view (scales with the multiplier).');
  console.log('chart med / p95: click until the trend chart has drawn the new option and a frame passed (charts');
  console.log('draw one frame after the rest of the screen).');
  console.log('script / style / layout: medians per interaction (click until the chart drew) of Chromium\'s own durations (Performance.getMetrics;');
  console.log('not taken while BENCH_PROFILE records a CPU profile).');
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
