// Roadmap drag benchmark (not a test): frame times while a card is dragged
// across a board of 500 cards. Serves a copy of db.json whose roadmap is
// padded to 500 requirements through json-server, drags one card with the
// mouse over the lanes for a few seconds and prints the frame-time
// percentiles measured with requestAnimationFrame in the page. 60 fps is
// a p95 under ~16.7 ms.
//
//   HAIHE_DIST=$PWD/dist HAIHE_DB_JSON=/tmp/db.json node scripts/roadmap-drag-bench.mjs [cards]

import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
} from '../tests/e2e/harness.mjs';

const CARDS = Number(process.argv[2] || 500);
const lanes = ['short', 'mid', 'long'];

const db = JSON.parse(readFileSync(defaultDbPath(), 'utf8'));
const base = db.roadmap;
db.roadmap = Array.from({ length: CARDS }, (_, i) => ({
  ...base[i % base.length],
  id: `bench-${i}`,
  title: `${base[i % base.length].title} #${i}`,
  lane: lanes[i % 3],
  rank: (i + 1) * 1024,
}));
const dir = await mkdtemp(join(tmpdir(), 'haihe-bench-'));
const dbPath = join(dir, 'db.json');
await writeFile(dbPath, JSON.stringify(db));

const api = await startJsonServer({ dbPath });
const server = await startStaticServer({
  root: DIST_DIR,
  prefix: '/team/haihe/',
  config: { backend: 'rest', rest: { baseUrl: api.url } },
});
const browser = await launchBrowser();
try {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await gotoApp(page, `${server.url}#/roadmap`);
  await page.waitForSelector('[data-card]', { timeout: 60000 });
  const shown = await page.locator('[data-card]').count();
  const first = page.locator('[data-lane=short] [data-card]').first();
  const box = await first.boundingBox();
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__frames.length < 100000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const steps = 240;
  for (let i = 0; i <= steps; i++) {
    // Across the three lanes and back, drifting down.
    const phase = i / steps;
    const x = x0 + Math.sin(phase * Math.PI * 2) * 800 * 0.5 + phase * 500;
    const y = y0 + phase * 600;
    await page.mouse.move(Math.max(5, x), y);
  }
  const frames = await page.evaluate(() => window.__frames.slice(1));
  await page.keyboard.press('Escape');
  await page.mouse.up();
  frames.sort((a, b) => a - b);
  const pct = (p) => frames[Math.min(frames.length - 1, Math.floor((frames.length * p) / 100))].toFixed(1);
  const over = frames.filter((f) => f > 1000 / 60 + 1).length;
  console.log(`cards on the board: ${shown}`);
  console.log(`frames: ${frames.length}; frame time ms p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${pct(100)}`);
  console.log(`frames over 17.7 ms: ${over} (${((over / frames.length) * 100).toFixed(1)} %)`);
  await closePage(page);
} finally {
  await browser.close();
  await server.close();
  await api.close();
  await rm(dir, { recursive: true, force: true });
}
