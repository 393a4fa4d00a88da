// What the user sees when the REST backend misbehaves: loading the list
// (500, malformed JSON, a wrong field type, a timeout, 401) and saving an
// edit (412 conflict, 500). Faults are injected with page.route in front of a
// real json-server; after each, the app must still work and not panic.

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
  eventually,
  expectTitle,
  row,
  resultCount,
  detail,
  triage,
  goHash,
  reloadApp,
  waitForList,
  textOf,
  assertStillNavigates,
} from './harness.mjs';

let api;
let server;
let browser;
const restConfig = (extra = {}) => ({ backend: 'rest', rest: { baseUrl: api.url, ...extra } });

before(async () => {
  api = await startJsonServer();
  server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/', config: restConfig() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await api?.close();
});

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };

/** Matches GET …/feedback (the list) on the json-server. */
const isList = (url) => url.port === String(api.port) && url.pathname === '/feedback';
const isRules = (url) => url.port === String(api.port) && url.pathname === '/alert_rules';
/** Matches …/feedback/<id> on the json-server. */
const isItem = (id) => (url) => url.port === String(api.port) && url.pathname === `/feedback/${id}`;

const serverCopy = (id) => api.readDb().feedback.find((f) => f.id === id);

/** Error panel on the feedback page, then Retry (after the fault is gone) loads the list. */
async function assertErrorThenRetry(page, { message, detailPattern }) {
  await page.waitForSelector('.error-panel[role=alert]', { timeout: 15000 });
  assert.equal(await textOf(page, '.error-panel .error-message'), message);
  if (detailPattern) assert.match(await textOf(page, '.error-panel .error-detail code'), detailPattern);
  assert.equal(await page.locator('ul.fb-list').count(), 0, 'no list under a first-load error');
  const retry = page.locator('.error-panel').getByRole('button', { name: '重试', exact: true });
  assert.ok(await retry.isVisible(), 'a Retry button');
  return retry;
}

const LIST_FAULTS = [
  {
    name: '500',
    slug: '500',
    handler: (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'Internal Server Error', headers: CORS }),
    message: '数据服务出错了,请稍后重试。 (HTTP 500)',
    en: 'The data service failed. Try again shortly. (HTTP 500)',
    detailPattern: /HTTP 500/,
  },
  {
    name: 'malformed JSON',
    slug: 'malformed-json',
    handler: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[{"id": "fb-0001", "status": ', headers: CORS }),
    message: '“feedback”的数据格式不对:字段 (root) 无法识别。',
    en: 'The “feedback” data has an unexpected shape at field (root).',
    detailPattern: /not JSON/,
  },
  {
    name: 'a wrong field type ([1].status = 42)',
    slug: 'wrong-field-type',
    handler: (route) => {
      const items = structuredClone(api.readDb().feedback.slice(0, 3));
      items[1].status = 42;
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(items), headers: CORS });
    },
    message: '“feedback”的数据格式不对:字段 [1].status 无法识别。',
    en: 'The “feedback” data has an unexpected shape at field [1].status.',
    detailPattern: /\[1\]\.status/,
  },
  {
    name: '401',
    slug: '401',
    handler: (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":"unauthorized"}', headers: CORS }),
    message: '需要登录:访问令牌缺失或已过期。 (HTTP 401)',
    en: 'Sign-in needed: the access token is missing or expired. (HTTP 401)',
    detailPattern: /HTTP 401/,
  },
  {
    name: 'a timeout (timeoutMs 1500, no answer)',
    slug: 'timeout',
    config: { timeoutMs: 1500 },
    // Never answers; the app's own deadline must give up.
    handler: () => new Promise(() => {}),
    message: '数据服务在 1.5 秒内没有响应。',
    en: 'The data service did not answer within 1.5 s.',
    detailPattern: /timed out after 1500 ms/,
    minMs: 1400,
  },
];

for (const fault of LIST_FAULTS) {
  test(`loading the list: ${fault.name} → a readable message, Retry recovers`, async () => {
    if (fault.config) server.setConfig(restConfig(fault.config));
    const page = await newPage(browser);
    try {
      let calls = 0;
      const handler = (route) => {
        calls += 1;
        return fault.handler(route);
      };
      await page.route(isList, handler);
      // A backend with no alert rules: the app-wide rules would otherwise
      // read /feedback too (their loading is tested in health.test.mjs), and
      // this test counts the inbox's own requests.
      await page.route(isRules, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]', headers: CORS }));
      const started = Date.now();
      await gotoApp(page, `${server.url}#/feedback`);
      const retry = await assertErrorThenRetry(page, fault);
      const elapsed = Date.now() - started;
      if (fault.minMs) assert.ok(elapsed >= fault.minMs, `gave up after ${elapsed} ms, not before the timeout`);
      assert.ok(elapsed < 10000, `the error showed after ${elapsed} ms`);
      assert.equal(calls, 1, 'one request, no retry storm');

      // The message follows the language.
      await page.getByRole('button', { name: 'EN', exact: true }).click();
      await eventually(async () => assert.equal(await textOf(page, '.error-panel .error-message'), fault.en));
      await page.getByRole('button', { name: '中文', exact: true }).click();
      await eventually(async () => assert.equal(await textOf(page, '.error-panel .error-message'), fault.message));
      await screenshot(page, `faults-list-${fault.slug}`);

      // The fault goes away; Retry loads the list.
      await page.unroute(isList, handler);
      await retry.click();
      await page.waitForSelector('ul.fb-list', { timeout: 15000 });
      const count = await resultCount(page);
      assert.equal(count.total, api.readDb().feedback.length);
      assert.equal(await page.locator('.error-panel').count(), 0, 'the error is gone');
      assert.equal(calls, 1, 'the retry went to the real server');

      assertNoPanic(page);
      await assertStillNavigates(page);
      assert.equal((await resultCount(page)).total, count.total);
    } catch (err) {
      await screenshot(page, `faults-list-${fault.slug}-FAILED`).catch(() => {});
      throw err;
    } finally {
      await closePage(page);
      server.setConfig(restConfig());
    }
  });
}

/** The outbox as shown in Settings #sync: [{ label, badge, text }]. */
async function syncItems(page) {
  await page.waitForSelector('#sync');
  return page.evaluate(() =>
    [...document.querySelectorAll('#sync .outbox-item')].map((li) => ({
      label: li.querySelector('strong')?.textContent.trim(),
      badge: li.querySelector('.badge')?.className.replace('badge ', ''),
      text: li.textContent.replace(/\s+/g, ' ').trim(),
    })),
  );
}

const label = (fb) => [...fb.text].slice(0, 24).join('');

/** Opens one item on the feedback page and returns what the server has for it. */
async function openItem(page, id) {
  await gotoApp(page, `${server.url}#/feedback?id=${id}`);
  await waitForList(page);
  const d = await detail(page);
  assert.equal(d.id, id);
  return serverCopy(id);
}

test('saving: 412 → conflict kept with the user’s values; If-Match was sent; “Overwrite with mine” sends without If-Match', async () => {
  const id = api.readDb().feedback[4].id;
  const page = await newPage(browser);
  try {
    const puts = [];
    const handler = async (route) => {
      const req = route.request();
      if (req.method() !== 'PUT') return route.continue();
      puts.push({ ifMatch: req.headers()['if-match'] ?? null, body: req.postDataJSON() });
      if (puts.length === 1) {
        // The first save goes through, and the server names its version.
        const response = await route.fetch();
        return route.fulfill({ response, headers: { ...response.headers(), ...CORS, etag: '"e2e-v1"' } });
      }
      return route.fulfill({ status: 412, contentType: 'application/json', body: '{"error":"precondition failed"}', headers: CORS });
    };
    const onItem = isItem(id); // one predicate: unroute matches it by identity
    await page.route(onItem, handler);
    const original = await openItem(page, id);

    // Save 1: accepted (ETag "e2e-v1" remembered).
    await triage(page, { status: 'triaged', note: 'server accepted this' });
    await eventually(() => assert.equal(serverCopy(id).note, 'server accepted this'));
    await eventually(async () => assert.equal((await row(page, id)).pending, null));
    assert.equal(puts[0].ifMatch, null, 'no If-Match before the server named a version');

    // Save 2: someone else changed it → 412.
    const mine = { status: 'done', note: `我的版本 ${Date.now().toString(36)}` };
    await triage(page, mine);
    await page.waitForSelector('article.detail .pending-notice', { timeout: 10000 });
    assert.equal(puts.length, 2);
    assert.equal(puts[1].ifMatch, '"e2e-v1"', 'the update was conditional on the version read');
    assert.match(await textOf(page, '.pending-notice'), /这条记录已被其他人修改。你的版本已保留,可覆盖或放弃。 \(HTTP 412\)/);
    const notice = page.locator('.pending-notice');
    assert.ok(await notice.getByRole('button', { name: '用我的版本覆盖' }).isVisible());
    assert.ok(await notice.getByRole('button', { name: '放弃我的修改' }).isVisible());
    // Not rolled back: the user's values are still on screen.
    const d = await detail(page);
    assert.equal(d.status, mine.status);
    assert.equal(d.note, mine.note);
    const r = await row(page, id);
    assert.equal(r.status, mine.status);
    assert.equal(r.pending, 'badge-conflict');
    assert.equal(await textOf(page, '.outbox-indicator'), '1 条修改未同步');
    assert.equal(serverCopy(id).note, 'server accepted this', 'the server kept its version');
    await screenshot(page, 'faults-save-412');

    // Listed in Settings.
    await page.locator('nav.sidebar a.nav-link', { hasText: '设置' }).click();
    await expectTitle(page, '设置');
    const items = await syncItems(page);
    assert.equal(items.length, 1);
    assert.equal(items[0].label, label(original));
    assert.equal(items[0].badge, 'badge-conflict');
    assert.match(items[0].text, /修改 · feedback/);
    assert.match(items[0].text, /HTTP 412/);

    // Back to the item; the fault is gone; overwrite.
    await page.goBack();
    await expectTitle(page, '用户反馈');
    await waitForList(page);
    assert.equal((await detail(page)).note, mine.note);
    await page.unroute(onItem, handler);
    const overwrite = page.waitForRequest((req) => req.method() === 'PUT' && onItem(new URL(req.url())));
    await page.locator('.pending-notice').getByRole('button', { name: '用我的版本覆盖' }).click();
    const req = await overwrite;
    assert.equal(req.headers()['if-match'], undefined, 'overwrite is unconditional');
    assert.equal(req.postDataJSON().note, mine.note);

    await eventually(() => {
      const saved = serverCopy(id);
      assert.equal(saved.status, mine.status);
      assert.equal(saved.note, mine.note);
    });
    await eventually(async () => {
      const r2 = await row(page, id);
      assert.equal(r2.status, mine.status);
      assert.equal(r2.pending, null);
      assert.equal(await page.locator('.outbox-indicator').count(), 0);
      assert.equal(await page.locator('.pending-notice').count(), 0);
    });
    assertNoPanic(page);
    await assertStillNavigates(page);
  } catch (err) {
    await screenshot(page, 'faults-save-412-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('saving: a 412 conflict survives a reload, then “Overwrite with mine” wins', async () => {
  const id = api.readDb().feedback[7].id;
  const page = await newPage(browser);
  try {
    const handler = (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 412, contentType: 'application/json', body: '{}', headers: CORS })
        : route.continue();
    const onItem = isItem(id); // one predicate: unroute matches it by identity
    await page.route(onItem, handler);
    const original = await openItem(page, id);
    const mine = { status: original.status === 'planned' ? 'done' : 'planned', note: `冲突后保留 ${Date.now().toString(36)}` };
    await triage(page, mine);
    await page.waitForSelector('article.detail .pending-notice');
    assert.equal((await row(page, id)).pending, 'badge-conflict');

    // Settings lists it, also after a reload.
    await goHash(page, '#/settings');
    await expectTitle(page, '设置');
    assert.deepEqual(
      (await syncItems(page)).map((i) => [i.label, i.badge]),
      [[label(original), 'badge-conflict']],
    );
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.outbox')));
    assert.equal(stored.edits.length, 1);
    assert.equal(stored.edits[0].id, id);
    assert.equal(stored.edits[0].value.note, mine.note);
    await reloadApp(page);
    await expectTitle(page, '设置');
    assert.deepEqual(
      (await syncItems(page)).map((i) => [i.label, i.badge]),
      [[label(original), 'badge-conflict']],
    );
    assert.equal(await textOf(page, '.outbox-indicator'), '1 条修改未同步');

    // The feedback page still shows the user's version with the conflict.
    await goHash(page, `#/feedback?id=${id}`);
    await waitForList(page);
    const d = await detail(page);
    assert.equal(d.status, mine.status);
    assert.equal(d.note, mine.note);
    assert.equal((await row(page, id)).pending, 'badge-conflict');
    assert.equal(serverCopy(id).note, original.note);

    await page.unroute(onItem, handler);
    const overwrite = page.waitForRequest((req) => req.method() === 'PUT' && onItem(new URL(req.url())));
    await page.locator('.pending-notice').getByRole('button', { name: '用我的版本覆盖' }).click();
    assert.equal((await overwrite).headers()['if-match'], undefined);
    await eventually(() => {
      assert.equal(serverCopy(id).status, mine.status);
      assert.equal(serverCopy(id).note, mine.note);
    });
    await eventually(async () => assert.equal((await row(page, id)).pending, null));
    await goHash(page, '#/settings');
    await expectTitle(page, '设置');
    assert.deepEqual(await syncItems(page), []);
    assert.equal(await textOf(page, '#sync .empty-title'), '所有修改都已同步。');
    await goHash(page, '#/feedback');
    await expectTitle(page, '用户反馈');
    await waitForList(page);
    assertNoPanic(page);
    await assertStillNavigates(page);
  } catch (err) {
    await screenshot(page, 'faults-save-412-reload-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('saving: 500 keeps the edit as unsynced; Retry while failing keeps it; Discard restores the server’s version', async () => {
  const id = api.readDb().feedback[10].id;
  const page = await newPage(browser);
  try {
    let putCount = 0;
    const handler = (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      putCount += 1;
      return route.fulfill({ status: 500, contentType: 'text/plain', body: 'db locked', headers: CORS });
    };
    const onItem = isItem(id); // one predicate: unroute matches it by identity
    await page.route(onItem, handler);
    const original = await openItem(page, id);
    const mine = { status: original.status === 'done' ? 'new' : 'done', note: `未同步的修改 ${Date.now().toString(36)}` };
    await triage(page, mine);

    await page.waitForSelector('article.detail .pending-notice');
    assert.equal(putCount, 1);
    assert.match(await textOf(page, '.pending-notice'), /数据服务出错了,请稍后重试。 \(HTTP 500\)/);
    assert.match(await textOf(page, '.pending-notice'), /你的修改已保留在本机,未丢失。/);
    const notice = page.locator('.pending-notice');
    assert.ok(await notice.getByRole('button', { name: '重试同步' }).isVisible());
    assert.ok(await notice.getByRole('button', { name: '放弃修改' }).isVisible());
    let d = await detail(page);
    assert.equal(d.status, mine.status);
    assert.equal(d.note, mine.note);
    assert.equal((await row(page, id)).status, mine.status);
    assert.equal((await row(page, id)).pending, 'badge-failed');
    assert.equal(await textOf(page, '.outbox-indicator'), '1 条修改未同步');
    assert.equal(serverCopy(id).note, original.note);
    await screenshot(page, 'faults-save-500');

    // Retry while the server still fails: tried again, still kept.
    await notice.getByRole('button', { name: '重试同步' }).click();
    await eventually(() => assert.equal(putCount, 2));
    await eventually(async () => assert.equal((await row(page, id))?.pending, 'badge-failed'));
    d = await detail(page);
    assert.equal(d.note, mine.note);

    // Settings lists it as not synced.
    await goHash(page, '#/settings');
    await expectTitle(page, '设置');
    assert.deepEqual(
      (await syncItems(page)).map((i) => [i.label, i.badge]),
      [[label(original), 'badge-failed']],
    );
    await page.goBack();
    await expectTitle(page, '用户反馈');
    await waitForList(page);

    // Discard: the server's version shows again, nothing is sent.
    await page.locator('.pending-notice').getByRole('button', { name: '放弃修改' }).click();
    await eventually(async () => {
      const r = await row(page, id);
      assert.equal(r.status, original.status);
      assert.equal(r.pending, null);
      const dd = await detail(page);
      assert.equal(dd.status, original.status);
      assert.equal(dd.note, original.note);
      assert.equal(await page.locator('.pending-notice').count(), 0);
      assert.equal(await page.locator('.outbox-indicator').count(), 0);
    });
    assert.equal(putCount, 2, 'discard sends nothing');
    assert.equal(serverCopy(id).status, original.status);
    assert.equal(serverCopy(id).note, original.note);
    assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.outbox'))?.edits ?? []), []);

    // Still discarded after a reload.
    await reloadApp(page);
    await waitForList(page);
    assert.equal((await detail(page)).note, original.note);
    assert.equal((await row(page, id)).pending, null);
    assertNoPanic(page);
    await assertStillNavigates(page);
  } catch (err) {
    await screenshot(page, 'faults-save-500-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});
