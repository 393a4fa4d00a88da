import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
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
  eventually,
  waitForAppReady,
  assertNoPanic,
  screenshot,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  assert.ok(
    existsSync(join(DIST_DIR, 'index.html')),
    `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`,
  );
  server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app mounts under /team/haihe/ at 1440×900', async () => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await waitForAppReady(page, { timeout: 30000 });
    assert.ok(
      await page.evaluate(() => document.querySelector('[data-app-ready]') !== null),
      '[data-app-ready] present',
    );
    assert.match(await page.title(), /海河/);
    assertNoPanic(page);
    await screenshot(page, 'smoke-1440x900');
  } catch (err) {
    await screenshot(page, 'smoke-1440x900-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

// The embedded backend's demo data comes from a web worker of its own wasm
// (src/data/embedded/worker/): started only when that backend is used.
const workerFiles = (requests) => requests.map((r) => r.path).filter((p) => /demo-worker/.test(p));
const tiles = (page) => page.locator('.kpi-grid .kpi-tile');

test('the embedded backend starts the demo-data worker; a REST deploy never downloads it', async () => {
  const page = await newPage(browser);
  try {
    server.requests.length = 0;
    await gotoApp(page, `${server.url}#/cockpit`);
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    assert.match(await tiles(page).first().innerText(), /\d/, 'the first tile shows a figure');
    assert.deepEqual(
      workerFiles(server.requests).sort(),
      ['/team/haihe/demo-worker-start.js', '/team/haihe/demo-worker.js', '/team/haihe/demo-worker_bg.wasm'],
    );
    assert.equal(page.workers().length, 1, 'one worker');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }

  const api = await startJsonServer();
  const rest = await startStaticServer({
    root: DIST_DIR,
    config: { backend: 'rest', rest: { baseUrl: api.url } },
  });
  const restPage = await newPage(browser);
  try {
    await gotoApp(restPage, `${rest.url}#/cockpit`);
    await eventually(async () => assert.equal(await tiles(restPage).count(), 14), { timeout: 60000 });
    await gotoApp(restPage, `${rest.url}#/roadmap`);
    await restPage.waitForTimeout(1000);
    assert.deepEqual(workerFiles(rest.requests), [], 'no demo-worker file requested');
    assert.equal(restPage.workers().length, 0, 'no worker started');
    assertNoPanic(restPage);
  } finally {
    await closePage(restPage);
    await rest.close();
    await api.close();
  }
});

test('a demo-data worker that cannot load is an error in words with Retry, and Retry recovers', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'haihe-dist-'));
  await cp(DIST_DIR, dir, { recursive: true });
  const wasm = join(dir, 'demo-worker_bg.wasm');
  await rename(wasm, `${wasm}.away`);
  const broken = await startStaticServer({ root: dir });
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${broken.url}#/cockpit`);
    const panel = page.locator('.error-panel, [role=alert]').filter({ hasText: '无法连接到数据服务' }).first();
    await panel.waitFor({ timeout: 30000 });
    assert.equal(await tiles(page).count(), 0, 'no tiles without data');
    await rename(`${wasm}.away`, wasm);
    await panel.getByRole('button', { name: '重试', exact: true }).click();
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await broken.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// The app's wasm is split per area (scripts/app-build.mjs, src/app/areas.rs):
// the cockpit is in the main module, each other area's code is fetched when the
// area is first opened.
const areaModules = (requests) =>
  requests.map((r) => r.path).filter((p) => /\/app-[0-9a-f]+\/(split_area_\w+|chunk_\d+)\.wasm$/.test(p));

test('the cockpit loads no other area’s code; an area’s code arrives when it is opened', async () => {
  const page = await newPage(browser);
  try {
    server.requests.length = 0;
    await gotoApp(page, `${server.url}#/cockpit`);
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    assert.deepEqual(areaModules(server.requests), [], 'the cockpit needs the main module only');

    await page.locator('a.nav-link[href="#/calendar"]').click();
    await page.locator('h1#page-title', { hasText: '内容日历' }).waitFor({ timeout: 30000 });
    const calendar = areaModules(server.requests);
    assert.ok(calendar.some((p) => p.endsWith('/split_area_calendar.wasm')), 'the calendar’s own module');
    assert.ok(!calendar.some((p) => /split_area_(?!calendar)/.test(p)), `only the calendar’s: ${calendar}`);

    // Back and forth: a loaded area renders again without another download.
    await page.locator('a.nav-link[href="#/cockpit"]').click();
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    const before = server.requests.length;
    await page.locator('a.nav-link[href="#/calendar"]').click();
    await page.locator('h1#page-title', { hasText: '内容日历' }).waitFor({ timeout: 10000 });
    assert.deepEqual(areaModules(server.requests.slice(before)), [], 'no second download');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('pointing at or focusing an area’s link fetches its code before the click', async () => {
  const page = await newPage(browser);
  try {
    server.requests.length = 0;
    await gotoApp(page, `${server.url}#/cockpit`);
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    assert.deepEqual(areaModules(server.requests), []);

    await page.locator('a.nav-link[href="#/campaigns"]').hover();
    await eventually(async () =>
      assert.ok(areaModules(server.requests).some((p) => p.endsWith('/split_area_campaigns.wasm')), 'fetched on hover'),
    { timeout: 30000 });
    assert.ok(!areaModules(server.requests).some((p) => /split_area_(?!campaigns)/.test(p)), 'only the hovered area’s');
    assert.match(await page.locator('h1#page-title').innerText(), /数据驾驶舱/, 'still on the cockpit: nothing was opened');

    await page.locator('a.nav-link[href="#/experience"]').focus();
    await eventually(async () =>
      assert.ok(areaModules(server.requests).some((p) => p.endsWith('/split_area_experience.wasm')), 'fetched on focus'),
    { timeout: 30000 });

    // Once here, the click renders the area with no further download of its code.
    await page.waitForLoadState('networkidle');
    const before = server.requests.length;
    await page.locator('a.nav-link[href="#/campaigns"]').click();
    await page.locator('h1#page-title', { hasText: '活动策划' }).waitFor({ timeout: 30000 });
    assert.deepEqual(areaModules(server.requests.slice(before)), [], 'no download after the click');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('an area whose code cannot be downloaded says so with Retry, and Retry loads it', async () => {
  const page = await newPage(browser);
  let offline = true;
  await page.route(/\/split_area_roadmap\.wasm$/, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  try {
    await gotoApp(page, `${server.url}#/roadmap`);
    const panel = page.locator('.error-panel[role=alert]', { hasText: '这个页面的程序未能下载' });
    await panel.waitFor({ timeout: 30000 });
    assert.equal(await page.locator('h1#page-title').count(), 0, 'no half-loaded page');
    assert.equal(await panel.getByRole('button', { name: '刷新页面' }).count(), 1, 'a reload, for a replaced deploy');
    // The rest of the app still works: the shell and another area.
    await page.locator('a.nav-link[href="#/cockpit"]').click();
    await eventually(async () => assert.equal(await tiles(page).count(), 14), { timeout: 30000 });
    await page.locator('a.nav-link[href="#/roadmap"]').click();
    await panel.waitFor({ timeout: 30000 });

    offline = false;
    await panel.getByRole('button', { name: '重试', exact: true }).click();
    await page.locator('h1#page-title', { hasText: '迭代路线图' }).waitFor({ timeout: 30000 });
    assert.equal(await panel.count(), 0, 'the error is gone');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});
