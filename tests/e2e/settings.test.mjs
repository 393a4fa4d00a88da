// Settings (设置): choosing the data backend. Switching from the embedded demo
// data to a REST backend (json-server on a private copy of the generated
// db.json): test the connection, save and use it, kept across a reload, and
// the token is never stored.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
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
  assertNoPanic,
  eventually,
  expectTitle,
  resultCount,
  goHash,
  reloadApp,
  waitForList,
  textOf,
  REPO_ROOT,
  runAxe,
  formatViolations,
  switchLang,
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

// The "WeChat files" preset: the built app with a `wechat/` folder of raw
// datacube files beside it (tests/fixtures/wechat, as wechat.test.mjs serves
// them) and config.json saying "embedded". The preset fills the form and says
// what it did, nothing is saved until "Save and use", then the cockpit reads
// the files; the per-resource shape control round-trips through a reload.
test('the WeChat files preset in Settings: fill, save, the cockpit reads the files, kept across a reload; the shape control round-trips', async () => {
  const root = mkdtempSync(join(tmpdir(), 'haihe-settings-wechat-'));
  for (const entry of readdirSync(DIST_DIR)) symlinkSync(join(DIST_DIR, entry), join(root, entry));
  symlinkSync(join(REPO_ROOT, 'tests', 'fixtures', 'wechat'), join(root, 'wechat'));
  const site = await startStaticServer({ root, prefix: '/team/haihe/' });
  const page = await newPage(browser);
  const saved = async () => JSON.parse((await page.evaluate(() => localStorage.getItem('haihe.v1.settings'))) ?? 'null');
  const visitors = '.wechat-kpi[data-kpi="visitors"] [data-testid="kpi-value"]';
  try {
    await gotoApp(page, `${site.url}#/settings`);
    await expectTitle(page, '设置');
    assert.equal(await page.locator('#rest-shape-metrics').inputValue(), 'haihe');

    await page.getByRole('button', { name: '套用“微信数据文件”预设' }).click();
    await eventually(async () =>
      assert.equal(
        await textOf(page, '.notice'),
        `已填入“微信数据文件”预设:每日指标将读取 ${site.url}wechat 中的微信数据文件,其他资源仍使用海河 JSON 接口。按“保存并使用”后生效。`,
      ),
    );
    assert.equal(await page.locator('input[name=backend]').nth(1).isChecked(), true, 'switched to REST');
    assert.equal(await page.inputValue('#rest-base'), site.url, 'the base URL is the site itself');
    assert.equal(await page.inputValue('#rest-paths'), 'metrics=wechat');
    assert.equal(await page.locator('#rest-shape-metrics').inputValue(), 'wechat');
    assert.equal(await saved(), null, 'nothing is saved before "Save and use"');
    let violations = await runAxe(page, { include: '.settings-grid' });
    assert.deepEqual(violations, [], formatViolations(violations));
    // In English, pressed again: the same form (the base URL now kept), said in English.
    await switchLang(page, 'en');
    await page.getByRole('button', { name: 'Apply the “WeChat files” preset' }).click();
    await eventually(async () =>
      assert.equal(
        await textOf(page, '.notice'),
        `Filled in the “WeChat files” preset: daily metrics will read the WeChat files in ${site.url}wechat; the other resources still use the Haihe JSON contract. Press “Save and use” to apply.`,
      ),
    );
    assert.equal(await page.inputValue('#rest-base'), site.url);
    assert.equal(await page.inputValue('#rest-paths'), 'metrics=wechat');
    assert.equal(await textOf(page, 'label[for=rest-shape-metrics]'), 'Format of daily metrics');
    violations = await runAxe(page, { include: '.settings-grid' });
    assert.deepEqual(violations, [], formatViolations(violations));
    await switchLang(page, 'zh');

    await page.getByRole('button', { name: '保存并使用' }).click();
    await eventually(async () => assert.equal(await textOf(page, '.backend-badge'), 'REST 数据服务'));
    const config = await saved();
    assert.equal(config.backend, 'rest');
    assert.deepEqual(config.rest.shapes, { metrics: 'wechat' });
    assert.deepEqual(config.rest.paths, { metrics: 'wechat' });

    // The cockpit reads the WeChat files (21–27 Nov, see wechat.test.mjs).
    await goHash(page, '#/cockpit?period=7d&compare=none');
    await eventually(async () => assert.equal(await textOf(page, visitors), '11,843'), { timeout: 15000 });
    await reloadApp(page);
    await eventually(async () => assert.equal(await textOf(page, visitors), '11,843'), { timeout: 15000 });

    // The shape control, bound to `shapes`, round-trips through a reload.
    await goHash(page, '#/settings');
    await expectTitle(page, '设置');
    assert.equal(await page.locator('#rest-shape-metrics').inputValue(), 'wechat');
    await page.selectOption('#rest-shape-metrics', 'haihe');
    await page.getByRole('button', { name: '保存并使用' }).click();
    await eventually(async () => assert.equal((await saved()).rest.shapes, undefined, 'a Haihe shape is not written'));
    await reloadApp(page);
    await expectTitle(page, '设置');
    assert.equal(await page.locator('#rest-shape-metrics').inputValue(), 'haihe');
    await page.selectOption('#rest-shape-metrics', 'wechat');
    await page.getByRole('button', { name: '保存并使用' }).click();
    await eventually(async () => assert.deepEqual((await saved()).rest.shapes, { metrics: 'wechat' }));
    await reloadApp(page);
    await expectTitle(page, '设置');
    assert.equal(await page.locator('#rest-shape-metrics').inputValue(), 'wechat');
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});
