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
