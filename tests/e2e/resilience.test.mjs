// The app never dies silently: switching areas quickly (before a page has
// finished loading) never panics, with the embedded backend and with a REST
// one; and a panic that still happens shows a banner with a reload button.
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/resilience.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  panics,
  screenshot,
  eventually,
  sleep,
} from './harness.mjs';

/** Every area in the navigation; new areas are added here as they arrive. */
const AREAS = ['cockpit', 'feedback', 'calendar', 'campaigns', 'settings'];

let browser;
let server;
let api;
let restServer;

before(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  api = await startJsonServer({ delay: 40 });
  restServer = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await restServer?.close();
  await api?.close();
});

/**
 * Leaves each area for every other one after 0–300 ms (deterministic
 * delays, so a failure reproduces), `rounds` times, and asserts no panic.
 */
async function switchQuickly(page, rounds) {
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (const from of AREAS) {
      for (const to of AREAS) {
        if (to === from) continue;
        const delay = (n++ * 37) % 300;
        await page.evaluate((a) => (location.hash = `#/${a}`), from);
        await sleep(delay);
        await page.evaluate((a) => (location.hash = `#/${a}`), to);
        await sleep(20);
        assert.deepEqual(panics(page), [], `panicked leaving ${from} for ${to} after ${delay} ms`);
      }
    }
  }
  // Then the page still works. The abandoned loads may still be queued at a
  // slow server, so a timeout shown in words (with Retry) is a fair answer:
  // retry until the list comes.
  await page.evaluate(() => (location.hash = '#/feedback'));
  await eventually(
    async () => {
      if (await page.locator('ul.fb-list').count()) return;
      const retry = page.locator('.error-panel button', { hasText: /重试|Retry/ });
      if (await retry.count()) await retry.first().click();
      assert.fail('the feedback list is not shown yet');
    },
    { timeout: 90000, interval: 2000 },
  );
  assert.deepEqual(panics(page), []);
  return n;
}

test('switching areas quickly never panics (embedded backend)', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/calendar`);
    const n = await switchQuickly(page, 3);
    console.log(`# ${n} quick switches, no panic`);
  } catch (err) {
    await screenshot(page, 'resilience-embedded-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('switching areas quickly never panics (REST backend, slow answers)', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${restServer.url}#/calendar`);
    const n = await switchQuickly(page, 1);
    console.log(`# ${n} quick switches, no panic`);
  } catch (err) {
    await screenshot(page, 'resilience-rest-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('a panic shows a banner in words with a reload button', async () => {
  for (const lang of ['zh', 'en']) {
    const page = await newPage(browser);
    try {
      if (lang === 'en') await page.addInitScript(() => localStorage.setItem('haihe.v1.lang', 'en'));
      await gotoApp(page, `${server.url}#/cockpit`);
      await page.waitForFunction(() => typeof window.wasmBindings?.haiheTestPanic === 'function');
      await page.evaluate(() => {
        try {
          window.wasmBindings.haiheTestPanic();
        } catch {
          /* the wasm trap after the hook ran */
        }
      });
      await eventually(async () => {
        const text = await page.locator('#panic-banner').textContent();
        assert.match(text, lang === 'zh' ? /海河遇到内部错误/ : /Haihe hit an internal error/);
      });
      assert.equal(await page.locator('#panic-banner').getAttribute('role'), 'alert');
      assert.ok(panics(page).some((t) => /panicked at [^]*deliberate panic/.test(t)), `the message is logged: ${panics(page)}`);
      const reload = page.locator('#panic-banner button');
      assert.equal(await reload.textContent(), lang === 'zh' ? '重新加载' : 'Reload');
      assert.ok((await reload.boundingBox()).height >= 44);
      await screenshot(page, `panic-banner-${lang}`);
      // The button reloads: the banner is gone and the app is back.
      await Promise.all([page.waitForEvent('load'), reload.click()]);
      page.messages.length = 0;
      page.errors.length = 0;
      await page.waitForSelector('[data-app-ready]', { timeout: 30000 });
      assert.equal(await page.locator('#panic-banner').count(), 0);
    } finally {
      await closePage(page);
    }
  }
});
