// The feedback inbox on a REST backend (json-server on a private copy of the
// generated db.json): the list is the server's, and triage is written back.

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
  screenshot,
} from './harness.mjs';
import { eventually, expectTitle, rows, row, resultCount, detail, triage, goHash, reloadApp, waitForList, textOf } from './helpers.mjs';

let api;
let server;
let browser;

before(async () => {
  api = await startJsonServer();
  server = await startStaticServer({
    root: DIST_DIR,
    prefix: '/team/haihe/',
    config: { backend: 'rest', rest: { baseUrl: api.url } },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await api?.close();
});

test('the list is the REST backend’s feedback', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/feedback`);
    await waitForList(page);
    const db = api.readDb().feedback;
    assert.ok(db.length > 0);
    const count = await resultCount(page);
    assert.equal(count.total, db.length);
    assert.equal(count.shown, db.length);
    assert.equal(count.text, `显示 ${db.length} 条,共 ${db.length} 条`);
    const shown = await rows(page);
    assert.deepEqual(
      shown.map((r) => r.id).sort(),
      db.map((f) => f.id).sort(),
      'the same ids as db.json',
    );
    // Newest first, with the server's status and text.
    const newest = [...db].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    assert.equal(shown[0].id, newest.id);
    assert.equal(shown[0].status, newest.status);
    assert.equal(shown[0].text, newest.text);
    assert.equal(await textOf(page, '.backend-badge'), 'REST 数据服务');
    assert.ok(page.httpErrors.length === 0, `no failed requests: ${page.httpErrors.join(', ')}`);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('triage is written to the REST backend and shown after a reload', async () => {
  const page = await newPage(browser);
  try {
    const db = api.readDb().feedback;
    const target = db.find((f) => f.status === 'new');
    assert.ok(target, 'db.json has a new item');
    const puts = [];
    page.on('request', (req) => {
      if (req.method() === 'PUT') puts.push({ url: req.url(), body: req.postDataJSON() });
    });

    await gotoApp(page, `${server.url}#/feedback?id=${target.id}`);
    await waitForList(page);
    const d0 = await detail(page);
    assert.equal(d0.id, target.id);
    assert.equal(d0.status, 'new');
    assert.equal(d0.note, target.note);

    const note = `REST 分拣备注 ${Date.now().toString(36)}`;
    await triage(page, { status: 'triaged', note });

    // Shown at once, confirmed by the server (no pending badge left).
    await eventually(async () => {
      const r = await row(page, target.id);
      assert.equal(r.status, 'triaged');
      assert.equal(r.pending, null);
    });
    assert.equal(await page.locator('.outbox-indicator').count(), 0);

    // The server has it: status and note, the rest of the record unchanged.
    await eventually(() => assert.equal(api.readDb().feedback.find((f) => f.id === target.id).status, 'triaged'));
    const saved = api.readDb().feedback.find((f) => f.id === target.id);
    assert.equal(saved.note, note);
    assert.equal(saved.text, target.text);
    assert.equal(saved.createdAt, target.createdAt);
    assert.equal(saved.source, target.source);
    assert.ok(saved.updatedAt && saved.updatedAt !== target.updatedAt, 'updatedAt changed');
    assert.equal(api.readDb().feedback.length, db.length, 'no record added or lost');
    assert.equal(puts.length, 1);
    assert.equal(puts[0].url, `${api.url}/feedback/${target.id}`);
    assert.equal(puts[0].body.status, 'triaged');

    // Reload: read back from the server.
    await reloadApp(page);
    await waitForList(page);
    assert.equal((await row(page, target.id)).status, 'triaged');
    const d1 = await detail(page);
    assert.equal(d1.status, 'triaged');
    assert.equal(d1.note, note);
    await screenshot(page, 'feedback-rest-triaged');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
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
