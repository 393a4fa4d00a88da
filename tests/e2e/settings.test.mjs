// Settings (设置): choosing the data backend. Switching from the embedded demo
// data to a REST backend (json-server on a private copy of the generated
// db.json): test the connection, save and use it, kept across a reload, and
// the token is never stored.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST_DIR,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  eventually,
  expectTitle,
  resultCount,
  goHash,
  reloadApp,
  waitForList,
  textOf,
} from './harness.mjs';

let api;
let browser;

before(async () => {
  api = await startJsonServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.close();
});

test('switching to the REST backend in Settings: test connection, save and use, kept across a reload (never the token)', async () => {
  // The app's own config.json says "embedded".
  const plain = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
  const page = await newPage(browser);
  try {
    const db = api.readDb().feedback;
    const auth = [];
    page.on('request', (req) => {
      if (req.url().startsWith(api.url)) auth.push(req.headers().authorization ?? null);
    });
    await gotoApp(page, `${plain.url}#/settings`);
    await expectTitle(page, '设置');
    assert.equal(await textOf(page, '.backend-badge'), '内置演示数据');
    const radios = page.locator('input[name=backend]');
    assert.equal(await radios.nth(0).isChecked(), true);
    assert.equal(await page.locator('#rest-base').isVisible(), false, 'REST fields hidden for the embedded backend');

    await radios.nth(1).check();
    await page.fill('#rest-base', api.url);
    await page.fill('#rest-timeout', '5000');
    await page.fill('#rest-token', 'e2e-secret-token');
    await page.getByRole('button', { name: '测试连接' }).click();
    await eventually(async () => assert.equal(await textOf(page, '.notice'), `连接成功:读取到 ${db.length} 条反馈。`));
    assert.deepEqual(auth, ['Bearer e2e-secret-token'], 'the token is sent as a Bearer header');
    assert.equal(await textOf(page, '.backend-badge'), '内置演示数据', 'testing does not switch yet');

    await page.getByRole('button', { name: '保存并使用' }).click();
    await eventually(async () => assert.equal(await textOf(page, '.backend-badge'), 'REST 数据服务'));
    assert.equal(await textOf(page, '.notice'), '已保存,数据将从新的数据源加载。');
    const saved = await page.evaluate(() => localStorage.getItem('haihe.v1.settings'));
    assert.ok(saved, 'settings saved');
    assert.equal(JSON.parse(saved).backend, 'rest');
    assert.equal(JSON.parse(saved).rest.baseUrl, api.url);
    assert.equal(JSON.parse(saved).rest.timeoutMs, 5000);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!storage.includes('e2e-secret-token'), 'the token is never stored (not asked to remember it)');

    await page.locator('nav.sidebar a.nav-link', { hasText: '用户反馈' }).click();
    await expectTitle(page, '用户反馈');
    await waitForList(page);
    assert.equal((await resultCount(page)).total, db.length);
    assert.equal(auth.at(-1), 'Bearer e2e-secret-token');

    // A reload keeps the REST backend (from localStorage), without the token.
    await reloadApp(page);
    await waitForList(page);
    assert.equal(await textOf(page, '.backend-badge'), 'REST 数据服务');
    assert.equal((await resultCount(page)).total, db.length);
    assert.equal(auth.at(-1), null, 'the in-memory token is gone after a reload');

    // Invalid settings are refused with a message, nothing changes.
    await goHash(page, '#/settings');
    await expectTitle(page, '设置');
    await page.fill('#rest-base', 'ftp://example.com');
    await page.getByRole('button', { name: '保存并使用' }).click();
    await eventually(async () => assert.match(await textOf(page, '.notice.notice-error'), /ftp:\/\/example\.com/));
    assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('haihe.v1.settings'))).rest.baseUrl, api.url);
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await plain.close();
  }
});
