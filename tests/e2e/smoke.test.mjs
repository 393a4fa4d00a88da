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
