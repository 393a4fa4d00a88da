// The feedback inbox on both backends: the embedded one (triage kept in this
// browser) and a REST one (json-server), each in its own block with its own servers.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST_DIR,
  startStaticServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  screenshot,
  eventually,
  expectTitle,
  rows,
  row,
  resultCount,
  hashState,
  detail,
  goHash,
  reloadApp,
  waitForList,
  textOf,
  startJsonServer,
  triage,
} from './harness.mjs';

// The feedback inbox on the embedded backend: triage persists in this
// browser (localStorage) across reloads, search narrows the list, and
// "Reset demo data" in Settings brings the generated data back.
describe('embedded backend', () => {
  let server;
  let browser;

  before(async () => {
    server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const STORAGE_KEY = 'haihe.v1.data.feedback';

  /** The status tabs as { new: n, triaged: n, … , all: n }. */
  async function tabCounts(page) {
    const tabs = await page.evaluate(() =>
      [...document.querySelectorAll('nav.tabs a.tab')].map((a) => [a.getAttribute('href'), a.textContent.trim()]),
    );
    return Object.fromEntries(
      tabs.map(([href, text]) => [new URLSearchParams(href.split('?')[1] ?? '').get('status') ?? 'all', Number(text.match(/(\d+)$/)[1])]),
    );
  }

  function storedItem(page, id) {
    return page.evaluate(
      ([key, id]) => {
        const text = localStorage.getItem(key);
        return text === null ? null : (JSON.parse(text).find((f) => f.id === id) ?? 'missing');
      },
      [STORAGE_KEY, id],
    );
  }

  test('triage on the embedded backend: shown at once, kept across a reload, search, reset demo data', async () => {
    const page = await newPage(browser);
    try {
      // A "new" item to triage.
      await gotoApp(page, `${server.url}#/feedback?status=new`);
      await waitForList(page);
      const candidate = (await rows(page))[0];
      assert.equal(candidate.status, 'new');
      const id = candidate.id;

      // Open it from the full list by clicking its row.
      await goHash(page, '#/feedback');
      await waitForList(page);
      const before = await tabCounts(page);
      const total = (await resultCount(page)).total;
      assert.equal(before.all, total);
      await page.locator(`a.fb-link[href*="id=${id}"]`).click();
      await eventually(async () => assert.equal((await hashState(page)).params.id, id));
      const original = await detail(page);
      assert.equal(original.id, id);
      assert.equal(original.status, 'new');
      assert.equal(original.quote, candidate.text);
      const save = page.locator('article.detail button[type=submit]');
      assert.equal(await save.isDisabled(), true, 'Save is disabled until something changes');
      assert.equal(await storedItem(page, id), null, 'nothing stored before the first edit');

      const note = `E2E 已排期 ${Date.now().toString(36)}`;
      await page.check('article.detail input[name=fb-status][value=planned]');
      await page.fill('#fb-note', note);
      assert.equal(await save.isDisabled(), false);
      await save.click();

      // The row shows the new status at once; the counts move; nothing is left unsynced.
      await eventually(
        async () => {
          const r = await row(page, id);
          assert.equal(r.status, 'planned');
          assert.equal(r.statusText, '已排期');
          assert.equal(r.pending, null);
        },
        { timeout: 2000 },
      );
      assert.deepEqual(await tabCounts(page), { ...before, new: before.new - 1, planned: before.planned + 1 });
      const afterSave = await detail(page);
      assert.equal(afterSave.status, 'planned');
      assert.equal(afterSave.note, note);
      assert.equal(await page.locator('article.detail button[type=submit]').isDisabled(), true, 'saved: nothing to save');
      assert.equal(await page.locator('.outbox-indicator').count(), 0, 'no unsynced edits');
      const stored = await storedItem(page, id);
      assert.equal(stored.status, 'planned');
      assert.equal(stored.note, note);
      assert.equal(stored.text, candidate.text, 'the rest of the record is unchanged');
      assert.ok(stored.updatedAt, 'updatedAt set');
      await screenshot(page, 'feedback-embedded-triaged');

      // Reload: still there.
      await reloadApp(page);
      await waitForList(page);
      assert.equal((await row(page, id)).status, 'planned');
      const reloaded = await detail(page);
      assert.equal(reloaded.id, id);
      assert.equal(reloaded.status, 'planned');
      assert.equal(reloaded.note, note);
      assert.deepEqual(await tabCounts(page), { ...before, new: before.new - 1, planned: before.planned + 1 });

      // Search by the note: exactly this item.
      await goHash(page, '#/feedback');
      await waitForList(page);
      await page.fill('#fb-q', note);
      await eventually(async () => assert.deepEqual((await rows(page)).map((r) => r.id), [id]));
      assert.equal(await textOf(page, '.result-count'), `显示 1 条,共 ${total} 条`);
      assert.equal((await hashState(page)).params.q, note, 'the search is in the URL');

      // Search by a word of another item's text, typed key by key.
      await page.fill('#fb-q', '');
      await eventually(async () => assert.equal((await resultCount(page)).shown, total));
      const all = await rows(page);
      const word = all.find((r) => r.id !== id).text.slice(0, 3);
      await page.locator('#fb-q').pressSequentially(word, { delay: 20 });
      await eventually(async () => assert.equal(await page.inputValue('#fb-q'), word));
      const expected = all.filter((r) => r.text.toLowerCase().includes(word.toLowerCase())).map((r) => r.id);
      await eventually(async () => {
        const shown = await rows(page);
        // The note is searched too; this word is from a text, so the texts decide.
        assert.deepEqual(
          shown.map((r) => r.id).filter((x) => expected.includes(x)),
          expected,
        );
        assert.ok(shown.length < total, `search narrowed the list (${shown.length} of ${total})`);
        assert.equal((await resultCount(page)).shown, shown.length);
      });
      // Search survives a reload too (it is in the URL).
      await reloadApp(page);
      await waitForList(page);
      assert.equal(await page.inputValue('#fb-q'), word);
      assert.ok((await resultCount(page)).shown < total);

      // Reset demo data: cancelling the confirmation changes nothing…
      await page.locator('nav.sidebar a.nav-link', { hasText: '设置' }).click();
      await expectTitle(page, '设置');
      const reset = page.getByRole('button', { name: '重置演示数据' });
      page.once('dialog', (d) => d.dismiss().catch(() => {}));
      await reset.click();
      await page.waitForTimeout(200);
      assert.equal((await storedItem(page, id))?.status, 'planned', 'cancelled: the edit is kept');
      // …accepting it restores the generated data.
      let message = null;
      page.once('dialog', (d) => {
        message = d.message();
        d.accept().catch(() => {});
      });
      await reset.click();
      await eventually(async () => assert.equal(await textOf(page, '.notice.notice-ok'), '演示数据已重置。'));
      assert.match(message, /重置演示数据/);
      assert.equal(await storedItem(page, id), null, 'the stored copy is gone');

      await goHash(page, `#/feedback?id=${id}`);
      await expectTitle(page, '用户反馈');
      await waitForList(page);
      assert.equal((await row(page, id)).status, 'new');
      const restored = await detail(page);
      assert.equal(restored.status, 'new');
      assert.equal(restored.note, original.note);
      assert.deepEqual(await tabCounts(page), before);

      // And after a reload too.
      await reloadApp(page);
      await waitForList(page);
      assert.equal((await row(page, id)).status, 'new');
      assertNoPanic(page);
    } catch (err) {
      await screenshot(page, 'feedback-embedded-FAILED').catch(() => {});
      throw err;
    } finally {
      await closePage(page);
    }
  });
});

// The feedback inbox on a REST backend (json-server on a private copy of the
// generated db.json): the list is the server's, and triage is written back.
describe('REST backend (json-server)', () => {
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
});
