#!/usr/bin/env node
// Drag benchmark (not a test; run by scripts/bench): frame times while an item
// is dragged with the mouse over a crowded view, unthrottled and with CPU
// throttling. Plain figures, no pass/fail.
//
//   node scripts/drag-bench.mjs [area ...]      area: board | calendar | week | gantt | all (default all)
//
// Each area serves a copy of db.json padded to many items through json-server
// (the REST backend), opens the view in headless Chromium at 1440×900, and for
// each CPU throttling rate (CDP Emulation.setCPUThrottlingRate) drags one item
// along a fixed path for a few seconds, one mouse move every 8 ms (a 125 Hz
// mouse; Chromium delivers pointermove once per frame anyway). Frame times are
// the deltas between requestAnimationFrame callbacks in the page during the
// drag: 60 fps means every delta ≈ 16.7 ms; a delta of 33 ms is one dropped
// frame. The drag ends where it started (on the board: outside the lanes),
// so nothing is saved and every rate drags the same data.
//
//   board     #/roadmap, 500 cards over three lanes; the card goes across the
//             lanes and back, drifting down.
//   calendar  #/calendar month view (November 2026), 2,000 content items over
//             the 42 days shown (≈ 48 a day; each day shows 4 chips and "+N");
//             the chip snakes over every week row.
//   week      #/calendar?view=week, the same 2,000 items (≈ 330 in the week, all
//             drawn); the chip goes along the seven days and back.
//   gantt     #/campaigns, 2,000 campaigns over the default half-year window
//             (at most 200 bars are drawn); a bar is dragged sideways across
//             the window and back. (A build whose bars do not drag, before
//             the timeline's drag to reschedule, says NO in the "drag"
//             column: the figures are then those of the pointer moving.)
//
// Environment: HAIHE_DIST (default dist/), HAIHE_DB_JSON (default
// .tmp/db-<today>.json, generated with gen-db when missing), CHROMIUM_PATH,
// BENCH_THROTTLE (CPU throttling rates, default "4,1"), BENCH_SECONDS (drag
// length, default 4), BENCH_ITEMS (override the item count of every area),
// BENCH_PROFILE (a file prefix: each drag also writes
// `<prefix>-<area>-cpu<rate>.cpuprofile`, openable in DevTools), BENCH_TRACE
// (a file prefix: a Chromium trace of each drag, `<prefix>-<area>-cpu<rate>.json`,
// with the rendering steps: style, layout, pre-paint, paint, layerize).

import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIST_DIR,
  defaultDbPath,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  gotoApp,
  closePage,
  assertNoPanic,
  sleep,
} from '../tests/e2e/harness.mjs';

const RATES = (process.env.BENCH_THROTTLE || '4,1').split(',').map(Number).filter((r) => r >= 1);
const SECONDS = Number(process.env.BENCH_SECONDS || 4);
const PROFILE = process.env.BENCH_PROFILE || '';
const TRACE = process.env.BENCH_TRACE || '';
const FRAME_MS = 1000 / 60;
const MOVE_EVERY_MS = 8;

const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (ymd, n) => iso(new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 864e5));

/** The areas: how to pad db.json, where to go, what to drag and along which path. */
const AREAS = {
  board: {
    items: 500,
    hash: '#/roadmap',
    ready: '[data-card]',
    count: '[data-card]',
    pad(db, n) {
      const lanes = ['short', 'mid', 'long'];
      const base = db.roadmap;
      db.roadmap = Array.from({ length: n }, (_, i) => ({
        ...base[i % base.length],
        id: `bench-${i}`,
        title: `${base[i % base.length].title} #${i}`,
        lane: lanes[i % 3],
        rank: (i + 1) * 1024,
      }));
    },
    handle: '[data-lane=short] [data-card]',
    dragging: '.rm-board.dragging',
    // Across the three lanes and back, drifting down (the old roadmap bench's path).
    path: (p, o) => ({ x: Math.max(5, o.x + Math.sin(p * Math.PI * 2) * 400 + p * 500), y: o.y + p * 600 }),
    // Dropped outside the lanes (over the page's corner): no move. (Over its
    // own place, the board before the ghost moved the card to its lane's end.)
    cancel: async (page, mouse) => {
      await mouse.move(2, 2);
      await mouse.up(2, 2);
    },
  },
  calendar: {
    items: 2000,
    hash: '#/calendar?date=2026-11-15',
    ready: '.day-cell button.cal-item',
    count: '.day-cell button.cal-item',
    pad: padContent,
    handle: '.month-row:nth-child(3) .day-cell button.cal-item.draggable',
    dragging: '.cal-item.dragging',
    // Snakes over the grid: right along a row, down, left along the next…
    path: (p, o, area) => {
      const rows = 5;
      const t = p * rows;
      const row = Math.min(rows - 1, Math.floor(t));
      const along = t - row;
      const fx = row % 2 === 0 ? along : 1 - along;
      return { x: area.x + 20 + fx * (area.width - 40), y: area.y + ((row + 0.5) / rows) * area.height };
    },
    area: '.month-grid',
    backToStart: true,
  },
  week: {
    items: 2000,
    hash: '#/calendar?view=week&date=2026-11-18',
    ready: '.week-day button.cal-item',
    count: '.week-day button.cal-item',
    pad: padContent,
    handle: '.week-day:nth-child(2) button.cal-item.draggable',
    dragging: '.cal-item.dragging',
    path: (p, o, area) => ({ x: area.x + 20 + Math.sin(p * Math.PI) * (area.width - 40), y: o.y }),
    area: '.week-grid',
    backToStart: true,
  },
  gantt: {
    items: 2000,
    hash: '#/campaigns',
    ready: '.tl-bar',
    count: '.tl-bar',
    pad(db, n) {
      // Over the default window (half a year from October 2026), 3 to 30 days each.
      const base = db.campaigns;
      db.campaigns = Array.from({ length: n }, (_, i) => {
        const start = addDays('2026-10-01', (i * 7) % 175);
        return {
          ...base[i % base.length],
          id: `bench-${i}`,
          name: `${base[i % base.length].name} #${i}`,
          start,
          end: addDays(start, 3 + (i % 28)),
          status: 'planned',
          review: null,
        };
      });
    },
    handle: '.tl-bar',
    dragging: '.tl-bar.dragging',
    path: (p, o, area) => ({ x: o.x + Math.sin(p * Math.PI) * (area.x + area.width - 20 - o.x), y: o.y }),
    area: '.tl-body',
    backToStart: true,
  },
};

/** Content items over the 42 days of the November 2026 month grid, one-off, 08:00–20:59. */
function padContent(db, n) {
  const base = db.content.filter((c) => c.repeat === 'none');
  db.content = Array.from({ length: n }, (_, i) => {
    const day = addDays('2026-10-26', i % 42);
    const hh = String(8 + (i % 13)).padStart(2, '0');
    const mm = String((i * 7) % 60).padStart(2, '0');
    return {
      ...base[i % base.length],
      id: `bench-${i}`,
      title: `${base[i % base.length].title} #${i}`,
      publishAt: `${day}T${hh}:${mm}:00`,
      repeat: 'none',
      status: 'scheduled',
    };
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** Chromium's cumulative durations (s) of script, style and layout work. */
async function browserMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  return { script: m.ScriptDuration ?? 0, style: m.RecalcStyleDuration ?? 0, layout: m.LayoutDuration ?? 0 };
}

/** Starts recording rAF deltas in the page. */
function startFrames(page) {
  return page.evaluate(() => {
    window.__frames = [];
    window.__framesOn = true;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__framesOn && window.__frames.length < 100000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

function stopFrames(page) {
  return page.evaluate(() => {
    window.__framesOn = false;
    // The first delta runs from the install to the first frame, not frame to frame.
    return window.__frames.slice(1);
  });
}

/**
 * The mouse through CDP's Input domain: the browser's own input pipeline, as a
 * real mouse. (Playwright's page.mouse, with a button held, runs its own
 * drag-and-drop detection script in the page on every move, which would be
 * measured as the view's work.)
 */
function cdpMouse(cdp) {
  let pressed = false;
  const send = (type, x, y) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: type === 'mouseMoved' && !pressed ? 'none' : 'left',
      buttons: pressed ? 1 : 0,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  return {
    move: (x, y) => send('mouseMoved', x, y),
    async down(x, y) {
      pressed = true;
      await send('mousePressed', x, y);
    },
    async up(x, y) {
      pressed = false;
      await send('mouseReleased', x, y);
    },
  };
}

/** One drag of `seconds` along the area's path; returns the page's frame deltas. */
async function drag(page, cdp, spec, seconds, profileFile = '', traceFile = '') {
  const mouse = cdpMouse(cdp);
  const handle = page.locator(spec.handle).first();
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error(`nothing to drag: ${spec.handle}`);
  const origin = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const area = spec.area ? await page.locator(spec.area).first().boundingBox() : null;
  await mouse.move(origin.x, origin.y);
  await mouse.down(origin.x, origin.y);
  // Past the 6 px the views wait for before a press becomes a drag.
  await mouse.move(origin.x + 5, origin.y + 1);
  await mouse.move(origin.x + 10, origin.y + 2);
  await sleep(100);
  // A drag the view did not pick up would measure nothing.
  const lifted = await page.evaluate((sel) => !!document.querySelector(sel), spec.dragging);
  if (profileFile) {
    // Only the measured moves: not the lift before nor the drop after.
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  if (traceFile) {
    await page.context().browser().startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'blink'] });
  }
  await startFrames(page);
  const t0 = Date.now();
  const total = seconds * 1000;
  let moves = 0;
  for (;;) {
    const elapsed = Date.now() - t0;
    if (elapsed >= total) break;
    const at = spec.path(elapsed / total, origin, area);
    await mouse.move(at.x, at.y);
    moves++;
    const wait = t0 + moves * MOVE_EVERY_MS - Date.now();
    if (wait > 0) await sleep(wait);
  }
  const frames = await stopFrames(page);
  if (traceFile) {
    await page.context().browser().stopTracing();
    process.stderr.write(`[drag-bench] trace: ${traceFile}\n`);
  }
  if (profileFile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    process.stderr.write(`[drag-bench] CPU profile: ${profileFile}\n`);
  }
  if (spec.backToStart) {
    // Drop where it started: the views treat that as no move, so nothing is saved.
    await mouse.move(origin.x + 3, origin.y);
    await mouse.move(origin.x, origin.y);
    await mouse.up(origin.x, origin.y);
  } else {
    await spec.cancel(page, mouse, origin);
  }
  await sleep(300);
  return { frames, moves, lifted };
}

function stats(frames) {
  const s = [...frames].sort((a, b) => a - b);
  const sum = frames.reduce((a, b) => a + b, 0);
  // rAF deltas jitter by a fraction of a millisecond around 16.7 ms; a frame
  // counts as late when it took longer than one vsync plus 1 ms.
  const late = frames.filter((f) => f > FRAME_MS + 1).length;
  return {
    frameCount: frames.length,
    p50: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    p99: quantile(s, 0.99),
    max: s.at(-1),
    lateShare: late / frames.length,
    fps: (frames.length * 1000) / sum,
  };
}

async function benchArea(browser, name, dbPath) {
  const spec = AREAS[name];
  const n = Number(process.env.BENCH_ITEMS || spec.items);
  const db = JSON.parse(readFileSync(dbPath, 'utf8'));
  // Only what the view reads is kept: json-server would otherwise re-serialise
  // tens of MB of metrics for the campaign page.
  if (name === 'board' || name === 'calendar' || name === 'week') db.metrics = [];
  spec.pad(db, n);
  const dir = await mkdtemp(join(tmpdir(), 'haihe-drag-bench-'));
  const padded = join(dir, 'db.json');
  await writeFile(padded, JSON.stringify(db));
  const api = await startJsonServer({ dbPath: padded, timeoutMs: 60000 });
  const server = await startStaticServer({
    root: DIST_DIR,
    config: { backend: 'rest', rest: { baseUrl: api.url, timeoutMs: 120000 } },
  });
  const rows = [];
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    await gotoApp(page, `${server.url}${spec.hash}`, { timeout: 120000 });
    await page.waitForSelector(spec.ready, { timeout: 120000 });
    await sleep(500);
    const drawn = await page.locator(spec.count).count();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // Warm-up, unmeasured: the first drag compiles and allocates.
    await drag(page, cdp, spec, 0.6);
    for (const rate of RATES) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const m0 = await browserMetrics(cdp);
      const load = loadavg()[0];
      const file = PROFILE ? `${PROFILE}-${name}-cpu${rate}.cpuprofile` : '';
      const trace = TRACE ? `${TRACE}-${name}-cpu${rate}.json` : '';
      const { frames, moves, lifted } = await drag(page, cdp, spec, SECONDS, file, trace);
      const m1 = await browserMetrics(cdp);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      const per = (k) => ((m1[k] - m0[k]) * 1000) / Math.max(1, frames.length);
      const r = { name, n, drawn, rate, moves, lifted, load, ...stats(frames), script: per('script'), style: per('style'), layout: per('layout') };
      rows.push(r);
      process.stderr.write(`[drag-bench] ${name} ${n} items, CPU ${rate}×: p95 ${r.p95.toFixed(1)} ms (load ${load.toFixed(2)})\n`);
    }
    assertNoPanic(page);
    await cdp.detach();
  } finally {
    await closePage(page);
    await server.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

async function main() {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/index.html missing: build dist/ first (trunk build --release)`);
  }
  const args = process.argv.slice(2);
  const names = !args.length || args.includes('all') ? Object.keys(AREAS) : args;
  for (const a of names) if (!AREAS[a]) throw new Error(`unknown area ${a}; one of ${Object.keys(AREAS).join(', ')}, all`);
  const dbPath = defaultDbPath();
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const name of names) results.push(...(await benchArea(browser, name, dbPath)));
  } finally {
    await browser.close();
  }
  const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const cols = [
    ['view', 9, (r) => r.name],
    ['items', 6, (r) => String(r.n)],
    ['drawn', 6, (r) => String(r.drawn)],
    ['CPU', 4, (r) => `${r.rate}×`],
    ['drag', 4, (r) => (r.lifted ? 'yes' : 'NO')],
    ['frames', 7, (r) => String(r.frameCount)],
    ['p50', 6, (r) => f(r.p50)],
    ['p95', 6, (r) => f(r.p95)],
    ['p99', 6, (r) => f(r.p99)],
    ['max', 6, (r) => f(r.max)],
    ['>16.7', 7, (r) => `${f(r.lateShare * 100)}%`],
    ['fps', 5, (r) => f(r.fps, 0)],
    ['script', 7, (r) => f(r.script, 2)],
    ['style', 6, (r) => f(r.style, 2)],
    ['layout', 7, (r) => f(r.layout, 2)],
    ['load', 5, (r) => f(r.load, 2)],
  ];
  console.log(
    `drag frame times, ms (${SECONDS} s of mouse drag per row, a move every ${MOVE_EVERY_MS} ms; rAF deltas in the page; 1440×900)`,
  );
  console.log(cols.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' '));
  for (const r of results) console.log(cols.map(([, w, get], i) => (i === 0 ? get(r).padEnd(w) : get(r).padStart(w))).join(' '));
  console.log('drawn: items on screen (the month shows 4 chips a day and "+N"; the Gantt draws at most 200 bars);');
  console.log('drag: whether the view showed the item as dragged (NO: the view has no drag, or the bench missed it);');
  console.log('>16.7: share of frames longer than one vsync (+1 ms of jitter); fps: frames / drag time;');
  console.log('script / style / layout: Chromium\'s own ms per frame (Performance.getMetrics); load: 1-minute load average.');
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
