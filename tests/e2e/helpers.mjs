// Page helpers shared by the browser tests (not a test file itself).
//
// Everything here reads what the user sees (texts, attributes, the URL hash)
// so the tests assert on the rendered app, not on its internals.

import assert from 'node:assert/strict';
import { assertNoPanic, waitForAppReady } from './harness.mjs';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Polls `fn` (which asserts) until it passes; rethrows its last error after
 * `timeout` ms, so a failure shows the real assertion message.
 */
export async function eventually(fn, { timeout = 10000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      // A crashed app will not recover: say so at once.
      if (Date.now() > deadline || /the app panicked/.test(String(err?.message))) throw err;
    }
    await sleep(interval);
  }
}

/** The page's h1 text (trimmed). */
export function h1(page) {
  return page.evaluate(() => document.querySelector('main h1')?.textContent?.trim() ?? null);
}

/** Waits until the page's h1 is `title`; fails at once if the app panicked. */
export function expectTitle(page, title, opts) {
  return eventually(async () => {
    assertNoPanic(page);
    assert.equal(await h1(page), title);
  }, opts);
}

/** Text of the first element matching `selector` (trimmed), or null; never waits. */
export function textOf(page, selector) {
  return page.evaluate((sel) => document.querySelector(sel)?.textContent?.trim() ?? null, selector);
}

/** Waits until the feedback page shows its list (or its empty state / an error). */
export async function waitForInbox(page, { timeout = 15000 } = {}) {
  await page.waitForSelector('ul.fb-list, .inbox .empty, .error-panel', { timeout });
}

/** Waits until the feedback list itself is rendered; fails on an error panel. */
export async function waitForList(page, { timeout = 15000 } = {}) {
  await waitForInbox(page, { timeout });
  const err = await textOf(page, '.error-panel .error-message');
  assert.equal(err, null, `the list failed to load: ${err}`);
  await page.waitForSelector('ul.fb-list', { timeout });
}

/**
 * The rows as shown: [{ id, status, statusText, text, meta: [span texts], pending }].
 * `status` is the id from the badge's `status-<id>` class.
 */
export function rows(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('ul.fb-list li.fb-row')].map((li) => {
      const link = li.querySelector('a.fb-link');
      const href = link?.getAttribute('href') ?? '';
      const query = href.includes('?') ? href.slice(href.indexOf('?') + 1) : '';
      const badge = li.querySelector('.status');
      const status = [...(badge?.classList ?? [])].find((c) => c.startsWith('status-'))?.slice('status-'.length);
      const pending = ['badge-failed', 'badge-conflict', 'badge-sending'].find((c) => li.querySelector(`.${c}`));
      return {
        id: new URLSearchParams(query).get('id'),
        status,
        statusText: badge?.textContent?.trim(),
        text: li.querySelector('.fb-text')?.textContent?.trim(),
        meta: [...li.querySelectorAll('.fb-meta > span')].map((s) => s.textContent.trim()),
        selected: li.classList.contains('selected'),
        pending: pending ?? null,
      };
    }),
  );
}

/** The row of one feedback id, or undefined. */
export async function row(page, id) {
  return (await rows(page)).find((r) => r.id === id);
}

/** `.result-count` parsed: { shown, total, text } (zh "显示 n 条,共 m 条" or en "Showing n of m"). */
export async function resultCount(page) {
  const text = await textOf(page, '.result-count');
  const m = text.match(/^显示 (\d+) 条,共 (\d+) 条$/) ?? text.match(/^Showing (\d+) of (\d+)$/);
  assert.ok(m, `unexpected result count text: ${JSON.stringify(text)}`);
  return { shown: Number(m[1]), total: Number(m[2]), text };
}

/** The URL hash parsed: { area, params: {…} }. */
export async function hashState(page) {
  const hash = await page.evaluate(() => location.hash);
  const s = hash.replace(/^#\/?/, '');
  const [path, query = ''] = s.split('?');
  return { area: path, params: Object.fromEntries(new URLSearchParams(query)) };
}

/** What the open detail shows: { id, status (checked radio), note }. */
export async function detail(page) {
  await page.waitForSelector('article.detail');
  return page.evaluate(() => {
    const art = document.querySelector('article.detail');
    const dts = [...art.querySelectorAll('dl.facts dt')];
    const dds = [...art.querySelectorAll('dl.facts dd')];
    return {
      id: dds[0]?.textContent?.trim(),
      facts: Object.fromEntries(dts.map((dt, i) => [dt.textContent.trim(), dds[i]?.textContent?.trim()])),
      status: art.querySelector('input[name=fb-status]:checked')?.value ?? null,
      note: art.querySelector('#fb-note')?.value ?? null,
      quote: art.querySelector('.fb-quote')?.textContent?.trim(),
    };
  });
}

/** The nav links as { text, href, current }. */
export function navLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('nav.sidebar a.nav-link')].map((a) => ({
      text: a.textContent.trim(),
      href: a.getAttribute('href'),
      current: a.getAttribute('aria-current'),
    })),
  );
}

/** Changes status and note in the open detail and presses Save (zh or en label). */
export async function triage(page, { status, note }) {
  await page.check(`article.detail input[name=fb-status][value=${status}]`);
  await page.fill('#fb-note', note);
  await page.locator('article.detail button[type=submit]').click();
}

/** Opens a view by changing the hash (a same-document navigation). */
export async function goHash(page, hash) {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

/** Reloads and waits for the app to mount again. */
export async function reloadApp(page) {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForAppReady(page);
}

/**
 * The shell still works after whatever happened: Settings opens from the nav,
 * and Back returns to the feedback page with its list. No panic.
 */
export async function assertStillNavigates(page, { feedbackTitle = '用户反馈', settingsTitle = '设置' } = {}) {
  await page.locator('nav.sidebar a.nav-link', { hasText: settingsTitle }).click();
  await expectTitle(page, settingsTitle);
  assert.equal((await hashState(page)).area, 'settings');
  await page.goBack();
  await expectTitle(page, feedbackTitle);
  assert.equal((await hashState(page)).area, 'feedback');
  await waitForInbox(page);
  assertNoPanic(page);
}

/** Accepts the next window.confirm / alert. */
export function acceptNextDialog(page) {
  page.once('dialog', (d) => d.accept().catch(() => {}));
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF records. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      // handled by the \n
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
