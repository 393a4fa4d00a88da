// Edits are not lost across tabs or when browser storage is full. Two pages of
// one browser context share localStorage, as two tabs do:
// 1. offline (REST), each tab edits a different record: both edits survive,
//    are listed in both tabs, and reach json-server's db.json on retry;
// 2. embedded backend, each tab creates a content item: both survive on
//    screen and in storage, also after reloads;
// 3. online (REST), both tabs edit the same record in front of a backend that
//    enforces If-Match (intercepted): the second gets the conflict UI, and
//    "keep mine" overwrites on purpose; nothing is lost;
// 4. storage full (REST offline, and embedded): the app says so at once,
//    keeps the edit on screen, offers the unsynced edits as a download, does
//    not suggest a reset that would erase them, and stores them once there is
//    room again.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultDbPath,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  openTab,
  closePage,
  gotoApp,
  assertNoPanic,
  screenshot,
  eventually,
  expectTitle,
  row,
  detail,
  triage,
  goHash,
  reloadApp,
  waitForList,
  textOf,
} from './harness.mjs';

let api;
let rest;
let embedded;
let browser;

/** db.json with the collections these tests edit; the measurements stay empty (a smaller, faster server). */
function editableDb() {
  const db = JSON.parse(readFileSync(defaultDbPath(), 'utf8'));
  for (const k of ['metrics', 'retention', 'portrait', 'hourly', 'pages', 'channels', 'experience', 'health']) db[k] = [];
  const file = join(mkdtempSync(join(tmpdir(), 'haihe-tabs-')), 'db.json');
  writeFileSync(file, JSON.stringify(db));
  return file;
}

before(async () => {
  api = await startJsonServer({ dbPath: editableDb() });
  rest = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  embedded = await startStaticServer({ config: { backend: 'embedded' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rest?.close();
  await embedded?.close();
  await api?.close();
});

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag' };
const onApi = (url) => url.port === String(api.port);
const serverCopy = (id) => api.readDb().feedback.find((f) => f.id === id);
const storedOutbox = (page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.outbox') ?? '{"edits":[]}').edits);

/** Settings → unsynced edits, as shown: [{ text, badge, unsaved }]. */
async function outboxItems(page) {
  await goHash(page, '#/settings');
  await expectTitle(page, '设置');
  return page.evaluate(() =>
    [...document.querySelectorAll('#sync .outbox-item')].map((li) => ({
      text: li.textContent.trim(),
      badge: ['badge-failed', 'badge-conflict', 'badge-sending'].find((c) => li.querySelector(`.${c}`)) ?? null,
      unsaved: !!li.querySelector('.unsaved-badge'),
    })),
  );
}

/** Fills this origin's localStorage until it refuses (about 5 M characters in Chromium). */
function fillStorage(page) {
  return page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler-${n}`, chunk);
        n += 1;
      } catch {
        chunk = chunk.slice(0, Math.floor(chunk.length / 2));
      }
    }
    return n;
  });
}

function freeStorage(page) {
  return page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
}

/** Clicks "下载为 JSON" in `scope` and returns the parsed file. */
async function downloadEdits(page, scope) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(scope).getByRole('button', { name: '下载为 JSON' }).first().click(),
  ]);
  assert.equal(dl.suggestedFilename(), 'haihe-unsynced-edits.json');
  return JSON.parse(readFileSync(await dl.path(), 'utf8'));
}

test('two tabs offline edit different records (REST): both kept, listed in both tabs, synced on retry', async () => {
  const [x, y] = api.readDb().feedback.slice(20, 22);
  const a = await newPage(browser);
  const context = a.context();
  try {
    const b = await openTab(a);
    await gotoApp(a, `${rest.url}#/feedback?id=${x.id}`);
    await gotoApp(b, `${rest.url}#/feedback?id=${y.id}`);
    await waitForList(a);
    await waitForList(b);
    await context.route(onApi, (r) => r.abort());

    const noteA = `A 离线修改 ${Date.now().toString(36)}`;
    const noteB = `B 离线修改 ${Date.now().toString(36)}`;
    await triage(a, { status: 'triaged', note: noteA });
    await eventually(async () => assert.equal((await row(a, x.id)).pending, 'badge-failed'));
    await triage(b, { status: 'done', note: noteB });
    await eventually(async () => assert.equal((await row(b, y.id)).pending, 'badge-failed'));

    // Tab B's write did not erase tab A's edit, and A heard of B's.
    assert.deepEqual((await storedOutbox(a)).map((e) => e.id).sort(), [x.id, y.id].sort());
    await eventually(async () => assert.equal(await textOf(a, '.outbox-indicator'), '2 条修改未同步'));
    assert.equal(await textOf(b, '.outbox-indicator'), '2 条修改未同步');
    for (const tab of [a, b]) {
      await reloadApp(tab);
      const items = await outboxItems(tab);
      assert.equal(items.length, 2, `both edits listed after a reload: ${JSON.stringify(items)}`);
      assert.ok(items.every((i) => i.badge === 'badge-failed'));
    }

    // Online again: retry both from one tab; the server gets both, the other tab empties too.
    await context.unroute(onApi);
    for (let i = 0; i < 2; i++) {
      await a.locator('#sync .outbox-item').first().getByRole('button', { name: '重试' }).click();
      await eventually(async () => assert.equal(await a.locator('#sync .outbox-item').count(), 1 - i));
    }
    await eventually(() => {
      assert.equal(serverCopy(x.id).note, noteA);
      assert.equal(serverCopy(y.id).note, noteB);
    });
    assert.equal(serverCopy(y.id).status, 'done');
    await eventually(async () => assert.equal(await b.locator('#sync .outbox-item').count(), 0));
    assert.equal(await b.locator('.outbox-indicator').count(), 0);
    assertNoPanic(a);
    assertNoPanic(b);
  } catch (err) {
    await screenshot(a, 'tabs-offline-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(a);
  }
});

/** Creates a content item on the calendar's month view; returns its id. */
async function createContent(page, title, date) {
  await page.getByRole('button', { name: '新建内容' }).click();
  await page.waitForSelector('[role=dialog] #ct-title');
  await page.fill('#ct-title', title);
  await page.fill('#ct-date', date);
  await page.fill('#ct-time', '10:00');
  await page.locator('[role=dialog] button[type=submit]').click();
  await eventually(async () => assert.equal(await page.locator('[role=dialog]').count(), 0));
  return eventually(async () => {
    const id = await page
      .locator(`.day-cell[data-date="${date}"] button.cal-item`, { hasText: title })
      .first()
      .getAttribute('data-id', { timeout: 500 });
    assert.ok(id);
    return id;
  });
}

const titlesOn = (page, date) =>
  page.$$eval(`.day-cell[data-date="${date}"] .cal-item-title`, (els) => els.map((e) => e.textContent.trim()));

test('two tabs create content on the embedded backend: both items survive, on screen and in storage', async () => {
  const date = '2026-12-10';
  const a = await newPage(browser);
  try {
    const b = await openTab(a);
    for (const tab of [a, b]) {
      await gotoApp(tab, `${embedded.url}#/calendar?date=${date}`);
      await tab.waitForSelector(`.month-grid .day-cell[data-date="${date}"]`, { timeout: 20000 });
    }
    const t1 = `A 标签页新建 ${Date.now().toString(36)}`;
    const t2 = `B 标签页新建 ${Date.now().toString(36)}`;
    await createContent(a, t1, date);
    await createContent(b, t2, date);
    const stored = await a.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.data.content')));
    assert.ok(stored.some((c) => c.title === t1), 'A’s item is still stored');
    assert.ok(stored.some((c) => c.title === t2), 'B’s item is stored');
    // Each tab shows both, without a reload (the other tab's write is heard) and after one.
    for (const tab of [a, b]) {
      await eventually(async () => {
        const titles = await titlesOn(tab, date);
        assert.ok(titles.includes(t1) && titles.includes(t2), JSON.stringify(titles));
      });
      await reloadApp(tab);
      await tab.waitForSelector(`.month-grid .day-cell[data-date="${date}"]`, { timeout: 20000 });
      const titles = await titlesOn(tab, date);
      assert.ok(titles.includes(t1) && titles.includes(t2), `after a reload: ${JSON.stringify(titles)}`);
    }
    assert.equal(await a.locator('.outbox-indicator').count(), 0, 'nothing left unsynced');
    assertNoPanic(a);
    assertNoPanic(b);
  } finally {
    await closePage(a);
  }
});

test('two tabs online edit the same record against a backend enforcing If-Match: the second gets the conflict, nothing is lost', async () => {
  const target = api.readDb().feedback[22];
  const id = target.id;
  const versions = new Map();
  const puts = [];
  const versionOf = (rowId) => versions.get(rowId) ?? 1;
  // A backend that versions every feedback row and refuses a PUT whose
  // If-Match is missing or stale (412), in front of the real json-server.
  const enforcing = async (route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname;
    if (!path.startsWith('/feedback')) return route.continue();
    const rowId = decodeURIComponent(path.split('/')[2] ?? '');
    if (req.method() === 'GET') {
      const response = await route.fetch();
      const body = await response.json();
      const json = Array.isArray(body)
        ? body.map((f) => ({ ...f, version: versionOf(f.id) }))
        : { ...body, version: versionOf(rowId) };
      const etag = Array.isArray(body) ? {} : { etag: `"${versionOf(rowId)}"` };
      return route.fulfill({ response, json, headers: { ...response.headers(), ...CORS, ...etag } });
    }
    if (req.method() !== 'PUT') return route.continue();
    const ifMatch = req.headers()['if-match'] ?? null;
    puts.push({ ifMatch, note: req.postDataJSON().note });
    if (ifMatch !== `"${versionOf(rowId)}"`) {
      return route.fulfill({ status: 412, contentType: 'application/json', body: '{"error":"stale"}', headers: CORS });
    }
    const response = await route.fetch();
    versions.set(rowId, versionOf(rowId) + 1);
    const json = { ...(await response.json()), version: versionOf(rowId) };
    return route.fulfill({ response, json, headers: { ...response.headers(), ...CORS, etag: `"${versionOf(rowId)}"` } });
  };
  const a = await newPage(browser);
  try {
    await a.context().route(onApi, enforcing);
    const b = await openTab(a);
    for (const tab of [a, b]) {
      await gotoApp(tab, `${rest.url}#/feedback?id=${id}`);
      await waitForList(tab);
      assert.equal((await detail(tab)).id, id);
    }
    const noteA = `A 在线修改 ${Date.now().toString(36)}`;
    await triage(a, { status: 'triaged', note: noteA });
    await eventually(() => assert.equal(serverCopy(id).note, noteA));
    await eventually(async () => assert.equal((await row(a, id)).pending, null));
    assert.deepEqual(puts[0], { ifMatch: '"1"', note: noteA }, 'the first write after a load is conditional');

    const mine = { status: 'done', note: `B 在线修改 ${Date.now().toString(36)}` };
    await triage(b, mine);
    await b.waitForSelector('article.detail .pending-notice', { timeout: 10000 });
    assert.equal(puts[1].ifMatch, '"1"', 'B sent the version it had read');
    assert.match(await textOf(b, '.pending-notice'), /已被其他人修改/);
    assert.equal((await row(b, id)).pending, 'badge-conflict');
    assert.equal((await detail(b)).note, mine.note, 'B’s edit stays on screen');
    assert.equal(serverCopy(id).note, noteA, 'A’s write was not silently replaced');
    assert.equal((await storedOutbox(b)).find((e) => e.id === id)?.value.note, mine.note, 'B’s edit is stored');

    // The conflict survives a reload; keeping mine overwrites on purpose.
    await reloadApp(b);
    await waitForList(b);
    assert.equal((await row(b, id)).pending, 'badge-conflict');
    await b.locator('.pending-notice').getByRole('button', { name: '用我的版本覆盖' }).click();
    await eventually(() => assert.equal(serverCopy(id).note, mine.note));
    assert.equal(puts.at(-1).ifMatch, '"2"', 'the overwrite names the version it replaces');
    await eventually(async () => assert.equal((await row(b, id)).pending, null));
    assert.equal(serverCopy(id).status, 'done');
    assert.equal(await b.locator('.outbox-indicator').count(), 0);
    assertNoPanic(a);
    assertNoPanic(b);
  } catch (err) {
    await screenshot(a, 'tabs-if-match-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(a);
  }
});

test('storage full, REST offline: said at once, kept on screen, downloadable, stored once there is room', async () => {
  const target = api.readDb().feedback[23];
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${rest.url}#/feedback?id=${target.id}`);
    await waitForList(page);
    await page.context().route(onApi, (r) => r.abort());
    assert.ok((await fillStorage(page)) >= 2, 'storage filled');
    const note = `存储已满时的修改 ${Date.now().toString(36)}`;
    await triage(page, { status: 'triaged', note });

    const banner = page.locator('.storage-full-banner[role=alert]');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.textContent(), /浏览器存储已满:1 条修改只保存在当前打开的页面中/);
    await eventually(async () => assert.match(await textOf(page, 'article.detail .pending-notice'), /只在当前页面中/));
    assert.doesNotMatch(await textOf(page, 'article.detail .pending-notice'), /未丢失/, 'no false promise');
    assert.equal((await detail(page)).note, note, 'the edit stays on screen');
    const file = await downloadEdits(page, '.storage-full-banner');
    assert.equal(file.edits[0].id, target.id);
    assert.equal(file.edits[0].value.note, note);

    const items = await outboxItems(page);
    assert.equal(items.length, 1);
    assert.ok(items[0].unsaved, 'marked as held only by this page');
    assert.doesNotMatch(await textOf(page, 'main'), /已损坏|可在“设置”中重置/);

    // Room again: the next retry stores it (still offline), so a reload keeps it.
    await freeStorage(page);
    await page.locator('#sync .outbox-item').getByRole('button', { name: '重试' }).click();
    await eventually(async () => assert.equal((await storedOutbox(page))[0]?.value.note, note));
    await eventually(async () => assert.equal(await banner.count(), 0));
    await reloadApp(page);
    assert.equal((await outboxItems(page)).length, 1);
    await page.context().unroute(onApi);
    await page.locator('#sync .outbox-item').getByRole('button', { name: '重试' }).click();
    await eventually(() => assert.equal(serverCopy(target.id).note, note));
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'tabs-storage-full-rest-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});

test('storage full, embedded: the new item stays with an alert, reset names what it deletes, stored once there is room', async () => {
  const date = '2026-12-12';
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${embedded.url}#/calendar?date=${date}`);
    await page.waitForSelector(`.month-grid .day-cell[data-date="${date}"]`, { timeout: 20000 });
    await fillStorage(page);
    const title = `存储已满时新建 ${Date.now().toString(36)}`;
    await createContent(page, title, date);
    const banner = page.locator('.storage-full-banner[role=alert]');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.textContent(), /浏览器存储已满/);
    assert.ok((await titlesOn(page, date)).includes(title), 'the item stays on screen');
    const file = await downloadEdits(page, '.storage-full-banner');
    assert.equal(file.edits[0].value.title, title);

    const items = await outboxItems(page);
    assert.equal(items.length, 1);
    assert.match(items[0].text, /浏览器存储空间已满/);
    assert.doesNotMatch(await textOf(page, 'main'), /不可用或已损坏|可在“设置”中重置/);
    // The reset question says what it deletes and that the unsynced edit stays.
    const question = new Promise((ok) => page.once('dialog', (d) => ok(d.message()) || d.dismiss()));
    await page.getByRole('button', { name: '重置演示数据' }).click();
    const text = await question;
    assert.match(text, /1 条未同步的修改会保留/);

    await freeStorage(page);
    await page.locator('#sync .outbox-item').getByRole('button', { name: '重试' }).click();
    await eventually(async () => assert.equal(await page.locator('#sync .outbox-item').count(), 0));
    await reloadApp(page);
    await goHash(page, `#/calendar?date=${date}`);
    await page.waitForSelector(`.month-grid .day-cell[data-date="${date}"]`, { timeout: 20000 });
    await eventually(async () => assert.ok((await titlesOn(page, date)).includes(title)));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.data.content')));
    assert.ok(stored.some((c) => c.title === title));
    assertNoPanic(page);
  } catch (err) {
    await screenshot(page, 'tabs-storage-full-embedded-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});
