// Roadmap board (迭代路线图) on json-server: a card dragged to another lane
// with the mouse, with real touch input (a long press, through CDP), and
// moved with the keyboard alternative (its Move menu) stays there after a
// reload and in db.json; a feedback item linked from the inbox shows on the
// card; marking a card done moves its feedback to 已上线 in the inbox.
// Desktop and a 768×1024 touch context, Chinese and English, axe.
//
//   node --test --test-concurrency=1 tests/e2e/roadmap.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST_DIR,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  openTab,
  closePage,
  gotoApp,
  assertNoPanic,
  runAxe,
  formatViolations,
  eventually,
  switchLang,
  sleep,
  assertNoHorizontalOverflow,
} from './harness.mjs';

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

const card = (page, id) => page.locator(`[data-card="${id}"]`);
const laneOf = (page, id) => card(page, id).evaluate((el) => el.closest('[data-lane]').dataset.lane);
/** Card ids of a lane, top to bottom. */
const laneIds = (page, lane) =>
  page.evaluate((lane) => [...document.querySelectorAll(`[data-lane="${lane}"] [data-card]`)].map((c) => c.dataset.card), lane);
const dbItem = (id) => api.readDb().roadmap.find((r) => r.id === id);
/** The db.json lane order (by rank, then id), as the board shows it. */
const dbLane = (lane) =>
  api
    .readDb()
    .roadmap.filter((r) => r.lane === lane)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id))
    .map((r) => r.id);

async function openBoard(page, hash = '#/roadmap') {
  await gotoApp(page, `${server.url}${hash}`);
  await page.waitForSelector('[data-card]', { timeout: 20000 });
}

async function center(locator) {
  await locator.scrollIntoViewIfNeeded();
  const b = await locator.boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2, top: b.y, height: b.height };
}

test('desktop: mouse drag to another lane persists (reload and db.json); axe clean in zh and en', async () => {
  const page = await newPage(browser);
  try {
    await openBoard(page);
    const beforeMid = await laneIds(page, 'mid');
    const moving = (await laneIds(page, 'short'))[2];
    assert.equal(dbItem(moving).lane, 'short');
    const from = await center(card(page, moving).locator('.rm-card-title'));
    const target = await center(card(page, beforeMid[0]));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(from.x + ((target.x - from.x) * i) / 12, from.y + ((target.top + 4 - from.y) * i) / 12);
    }
    await page.mouse.up();
    // First in the mid lane, on screen and on the server.
    await eventually(async () => assert.equal(await laneOf(page, moving), 'mid'), { page });
    assert.equal((await laneIds(page, 'mid'))[0], moving);
    await eventually(() => assert.deepEqual(dbLane('mid').slice(0, 2), [moving, beforeMid[0]]), { timeout: 10000 });
    assert.ok(dbItem(moving).rank < dbItem(beforeMid[0]).rank);
    // The drop did not open the card.
    assert.equal(await page.locator('[role=dialog]').count(), 0);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-card]', { timeout: 20000 });
    assert.equal(await laneOf(page, moving), 'mid');
    assert.equal((await laneIds(page, 'mid'))[0], moving);

    let axe = await runAxe(page, { include: '.roadmap' });
    assert.deepEqual(axe, [], formatViolations(axe));
    await switchLang(page, 'en');
    await eventually(async () => assert.equal(await page.locator('#rm-lane-mid').textContent(), 'Mid term (quarter)'), { page });
    axe = await runAxe(page, { include: '.roadmap' });
    assert.deepEqual(axe, [], formatViolations(axe));
    await switchLang(page, 'zh');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('keyboard: the Move menu moves a card down and to another lane, persisted', async () => {
  const page = await newPage(browser);
  try {
    await openBoard(page);
    const long = await laneIds(page, 'long');
    const [first, second] = long;
    // Move the first long-term card down one place, by keyboard only.
    const summary = card(page, first).locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await card(page, first).locator('[data-move=down]').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.deepEqual((await laneIds(page, 'long')).slice(0, 2), [second, first]), { page });
    await eventually(() => assert.deepEqual(dbLane('long').slice(0, 2), [second, first]), { timeout: 10000 });
    // Focus came back to the moved card's menu.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('[data-card]')?.dataset.card), first);
    // Then to the short lane (it goes first there).
    await page.keyboard.press('Enter');
    await card(page, first).locator('[data-move=lane-short]').focus();
    await page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await laneOf(page, first), 'short'), { page });
    await eventually(() => assert.equal(dbLane('short')[0], first), { timeout: 10000 });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-card]', { timeout: 20000 });
    assert.equal((await laneIds(page, 'short'))[0], first);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('touch 768×1024: a swipe scrolls, a long press lifts and drops a card into the next lane', async () => {
  const page = await newPage(browser, { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  try {
    await openBoard(page);
    await switchLang(page, 'en');
    await assertNoHorizontalOverflow(page, 'roadmap at 768 px');
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });

    // A quick swipe up on a card scrolls the board and moves nothing.
    const firstShort = (await laneIds(page, 'short'))[0];
    const p = await center(card(page, firstShort).locator('.rm-card-title'));
    const scrollBefore = await page.evaluate(() => scrollY);
    await touch('touchStart', [{ x: p.x, y: p.y + 200 }]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [{ x: p.x, y: p.y + 200 - i * 25 }]);
    await touch('touchEnd', []);
    await eventually(async () => assert.ok((await page.evaluate(() => scrollY)) > scrollBefore, 'the page scrolled'), { page });
    assert.equal((await laneIds(page, 'short'))[0], firstShort);

    // The last short-term card, held, then dragged onto the first mid-term one.
    const short = await laneIds(page, 'short');
    const moving = short[short.length - 1];
    const mid0 = (await laneIds(page, 'mid'))[0];
    await card(page, mid0).scrollIntoViewIfNeeded();
    const from = await center(card(page, moving).locator('.rm-card-title'));
    const to = await center(card(page, mid0));
    await touch('touchStart', [{ x: from.x, y: from.y }]);
    await sleep(700);
    assert.equal(await card(page, moving).evaluate((el) => el.classList.contains('lifted')), true, 'lifted by the long press');
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [{ x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.top + 4 - from.y) * i) / 10 }]);
    }
    await touch('touchEnd', []);
    await eventually(async () => assert.equal(await laneOf(page, moving), 'mid'), { page });
    await eventually(() => assert.equal(dbLane('mid')[0], moving), { timeout: 10000 });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-card]', { timeout: 20000 });
    assert.equal((await laneIds(page, 'mid'))[0], moving);
    const axe = await runAxe(page, { include: '.roadmap' });
    assert.deepEqual(axe, [], formatViolations(axe));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('touch 768×1024: a card held at the bottom edge scrolls the stacked lanes, and drops into the long-term lane', async () => {
  const page = await newPage(browser, { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  try {
    await openBoard(page);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    const moving = (await laneIds(page, 'short'))[0];
    await card(page, moving).scrollIntoViewIfNeeded();
    const from = await center(card(page, moving).locator('.rm-card-title'));
    // The long-term lane starts below the window: no drop target in sight.
    const longTop = await page.locator('[data-lane="long"]').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(longTop > 1024, `long lane below the window (top ${longTop})`);
    const scrollBefore = await page.evaluate(() => scrollY);

    await touch('touchStart', [{ x: from.x, y: from.y }]);
    await sleep(700);
    assert.equal(await card(page, moving).evaluate((el) => el.classList.contains('lifted')), true, 'lifted');
    // Held 10 px above the bottom edge: the page scrolls by itself.
    for (let i = 1; i <= 5; i++) await touch('touchMove', [{ x: from.x, y: from.y + ((1014 - from.y) * i) / 5 }]);
    await eventually(async () => {
      const top = await page.locator('[data-lane="long"] [data-card]').first().evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(top < 900, `long lane scrolled into view (top ${top})`);
    }, { page, timeout: 20000 });
    assert.ok((await page.evaluate(() => scrollY)) > scrollBefore + 300, 'scrolled down');
    // The card's ghost stays under the finger while the page moves.
    const ghost = await page.locator('.rm-ghost').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    assert.ok(ghost.top <= 1014 && ghost.bottom >= 1014, `ghost under the finger (${JSON.stringify(ghost)})`);

    // Onto the long lane's first card, and let go.
    const longIds = await laneIds(page, 'long');
    // Read without scrolling: the finger still holds the card.
    const to = await card(page, longIds[0]).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, top: r.top };
    });
    await touch('touchMove', [{ x: to.x, y: to.top + 4 }]);
    await touch('touchEnd', []);
    await eventually(async () => assert.equal(await laneOf(page, moving), 'long'), { page });
    await eventually(() => assert.equal(dbLane('long')[0], moving), { timeout: 10000 });
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('a feedback item linked from the inbox shows on the card; marking done ships it', async () => {
  const page = await newPage(browser);
  try {
    const db = api.readDb();
    const target = db.roadmap.find((r) => r.status === 'planned' && r.feedbackIds.length === 0);
    const linked = new Set(db.roadmap.flatMap((r) => r.feedbackIds));
    const fb = db.feedback.find((f) => !linked.has(f.id) && f.status !== 'shipped');
    await gotoApp(page, `${server.url}#/feedback?id=${fb.id}`);
    await page.waitForSelector('#fb-req-pick option[value]:not([value=""])', { state: 'attached', timeout: 20000 });
    await page.selectOption('#fb-req-pick', target.id);
    await page.getByTestId('fb-link-req').click();
    await eventually(async () => assert.match(await page.getByTestId('fb-feeds').textContent(), new RegExp(target.title)), { page });
    await eventually(() => assert.deepEqual(dbItem(target.id).feedbackIds, [fb.id]), { timeout: 10000 });

    // The card counts it, and its detail (a deep link) quotes it.
    await openBoard(page, `#/roadmap?card=${target.id}`);
    assert.equal(await card(page, target.id).getByTestId('evidence').textContent(), `证据 ${1 + target.dataLinks.length}`);
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    assert.match(await dialog.getByTestId('linked-feedback').textContent(), new RegExp(fb.text.slice(0, 10)));

    // Done, with a ship date: the feedback moves to 已上线.
    await dialog.locator('#rm-status-f').selectOption('done');
    await dialog.locator('#rm-ship').fill('2026-11-20');
    await dialog.locator('button[type=submit]').click();
    // Two saves (the card and its feedback), in either order.
    await eventually(() => {
      assert.equal(api.readDb().feedback.find((f) => f.id === fb.id).status, 'shipped');
      const saved = dbItem(target.id);
      assert.equal(saved.status, 'done');
      assert.equal(saved.shipDate, '2026-11-20');
    }, { timeout: 10000 });
    await gotoApp(page, `${server.url}#/feedback?id=${fb.id}`);
    await eventually(async () => assert.match(await page.locator('.fb-row.selected .status').textContent(), /已上线/), { page });
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('matrix: dragging a bubble to another cell re-scores value and cost', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/roadmap?view=matrix`);
    await page.waitForSelector('[data-bubble]', { timeout: 20000 });
    const db = api.readDb();
    // A bubble outside the quick-win corner (value 5, cost 1) that no other
    // bubble covers at its centre.
    await page.getByTestId('matrix').scrollIntoViewIfNeeded();
    const candidates = db.roadmap.filter((r) => !(r.value === 5 && r.cost === 1)).map((r) => r.id);
    const id = await page.evaluate((ids) => {
      for (const id of ids) {
        const el = document.querySelector(`[data-bubble="${id}"]`);
        if (!el) continue;
        const b = el.getBoundingClientRect();
        if (document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === el) return id;
      }
      return null;
    }, candidates);
    assert.ok(id, 'an uncovered bubble');
    const item = db.roadmap.find((r) => r.id === id);
    const bubble = page.locator(`[data-bubble="${item.id}"]`);
    const from = await center(bubble);
    const plot = await page.getByTestId('matrix').boundingBox();
    // The middle of the top-left cell: value 5, cost 1.
    const to = { x: plot.x + plot.width * 0.1, y: plot.y + plot.height * 0.1 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
    await page.mouse.up();
    await eventually(() => {
      const saved = dbItem(item.id);
      assert.equal(saved.value, 5);
      assert.equal(saved.cost, 1);
    }, { timeout: 10000 });
    // The default score is now (5 + relevance) ÷ 1, on the board's card too.
    await gotoApp(page, `${server.url}#/roadmap`);
    await page.waitForSelector('[data-card]', { timeout: 20000 });
    assert.equal(await card(page, item.id).getByTestId('score').textContent(), String(5 + item.relevance));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('quarterly review: a saved snapshot reads the same after its items are edited', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/roadmap?view=review&rq=2026-Q3`);
    await page.waitForSelector('.rm-review-table tbody tr', { timeout: 30000 });
    const first = page.locator('.rm-review-table tbody tr').first();
    const id = await first.getAttribute('data-item');
    const title = await first.locator('th').textContent();
    await first.locator(`[id="rv-note-${id}"]`).fill('咨询量下降一半');
    await page.getByTestId('save-review').click();
    await eventually(() => {
      const saved = api.readDb().roadmapReviews.find((r) => r.quarter === '2026-Q3');
      assert.equal(saved.items.find((i) => i.id === id).note, '咨询量下降一半');
    }, { timeout: 10000 });
    const axe = await runAxe(page, { include: '.rm-review' });
    assert.deepEqual(axe, [], formatViolations(axe));

    // Rename the item on the board.
    await gotoApp(page, `${server.url}#/roadmap?card=${id}`);
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    await dialog.locator('#rm-title').fill('改名后的需求');
    await dialog.locator('button[type=submit]').click();
    await eventually(() => assert.equal(dbItem(id).title, '改名后的需求'), { timeout: 10000 });

    // The saved review still shows the title and note it was saved with.
    await gotoApp(page, `${server.url}#/roadmap?view=review&rq=2026-Q3`);
    await page.waitForSelector('.rm-review-table tbody tr', { timeout: 30000 });
    const row = page.locator(`.rm-review-table tr[data-item="${id}"]`);
    assert.equal(await row.locator('th').textContent(), title);
    assert.equal(await row.locator(`[id="rv-note-${id}"]`).inputValue(), '咨询量下降一半');
    assert.match(await page.getByTestId('review-state').textContent(), /已保存/);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('quarterly review against the start-of-quarter plan: moved and dropped items; no plan said in words; the plan frozen on first opening', async () => {
  const page = await newPage(browser);
  const titlesOf = (outcome) =>
    page.evaluate((o) => [...document.querySelectorAll(`.rm-review-table tr[data-outcome="${o}"] th`)].map((t) => t.textContent), outcome);
  try {
    // The demo's last quarter: the delivery work slipped into this quarter,
    // the range extension went mid-term, a card was deleted and one went
    // back to the idea pool.
    const checkQ3 = async () => {
      await page.waitForSelector('.rm-review-table tbody tr', { timeout: 30000 });
      const moved = await titlesOf('moved_later');
      assert.ok(moved.includes('早高峰配送运力预警'), moved.join());
      assert.ok(moved.includes('河西、津南配送范围扩展'), moved.join());
      const dropped = await titlesOf('dropped');
      assert.ok(dropped.includes('签到小游戏'), dropped.join());
      assert.ok(dropped.includes('会员生日礼'), dropped.join());
      assert.ok((await titlesOf('shipped')).length > 0);
      assert.equal(await page.locator('[data-outcome="moved_later"] strong').textContent(), String(moved.length));
      const peak = page.locator('.rm-review-table tr[data-outcome="moved_later"]', { hasText: '早高峰配送运力预警' });
      assert.match(await peak.locator('td').nth(1).textContent(), /2026-Q4/);
    };
    await gotoApp(page, `${server.url}#/roadmap?view=review&rq=2026-Q3`);
    await checkQ3();
    assert.match(await page.getByTestId('review-state').textContent(), /冻结的季度初计划/);

    // Without the saved review, built live against the stored plan: the same.
    const rebuild = page.getByRole('button', { name: '按当前看板重新生成' });
    if (await rebuild.count()) {
      await rebuild.click();
      await eventually(() => assert.equal(api.readDb().roadmapReviews.filter((r) => r.quarter === '2026-Q3').length, 0), { timeout: 10000 });
    }
    await eventually(async () => assert.match(await page.getByTestId('review-state').textContent(), /尚未保存.*冻结的季度初计划/), { page });
    await checkQ3();

    // A quarter with no stored plan says so, in both languages.
    await gotoApp(page, `${server.url}#/roadmap?view=review&rq=2027-Q1`);
    await eventually(async () => assert.match(await page.getByTestId('review-state').textContent(), /没有冻结的季度初计划/), { page });
    assert.equal(await page.locator('.rm-review-table tr[data-outcome="moved_later"], .rm-review-table tr[data-outcome="dropped"]').count(), 0);
    await switchLang(page, 'en');
    await eventually(async () => assert.match(await page.getByTestId('review-state').textContent(), /No plan was frozen/), { page });
    await switchLang(page, 'zh');

    // With this quarter's plan gone, opening the board freezes it again.
    const res = await fetch(`${api.url}/roadmapPlans/plan-2026-Q4`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    await page.goto('about:blank'); // a fresh load, not a hash change
    await openBoard(page);
    await eventually(() => {
      const plan = api.readDb().roadmapPlans.find((p) => p.id === 'plan-2026-Q4');
      assert.ok(plan, 'plan frozen');
      assert.equal(plan.takenOn, '2026-11-28');
      const q4 = api.readDb().roadmap.filter((r) => r.quarter === '2026-Q4').map((r) => r.id).sort();
      assert.deepEqual(plan.items.map((i) => i.id).sort(), q4);
    }, { timeout: 10000 });
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('two devices freeze the quarter\'s plan at once: the refused second create is dropped, the stored plan kept', async () => {
  const page = await newPage(browser);
  try {
    const stored = api.readDb().roadmapPlans.find((p) => p.id === 'plan-2026-Q4');
    assert.ok(stored, 'db.json holds this quarter\'s plan');
    // This device read the plans just before the other one stored its plan.
    let stale = true;
    await page.route(/\/roadmapPlans(\?|$)/, async (route) => {
      if (stale && route.request().method() === 'GET') {
        stale = false;
        const res = await route.fetch();
        const rows = (await res.json()).filter((p) => p.id !== 'plan-2026-Q4');
        return route.fulfill({ response: res, json: rows });
      }
      return route.fallback();
    });
    const posts = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/roadmapPlans$/.test(r.url())) posts.push(r.url());
    });
    await openBoard(page);
    // Our create was sent, refused (json-server: duplicate id), then dropped.
    await eventually(() => assert.equal(posts.length, 1), { page, timeout: 10000 });
    await eventually(async () => {
      const edits = await page.evaluate(() => JSON.parse(localStorage.getItem('haihe.v1.outbox') ?? '{"edits":[]}').edits);
      assert.deepEqual(edits.map((e) => e.id), []);
    }, { page, timeout: 10000 });
    assert.equal(await page.locator('.outbox-indicator').count(), 0, 'no unsynced edit reported');
    assert.deepEqual(api.readDb().roadmapPlans.find((p) => p.id === 'plan-2026-Q4'), stored);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('card face: the latest linked quote and the districts the feedback came from, in one short line', async () => {
  const page = await newPage(browser);
  try {
    await openBoard(page);
    // rm-08 早高峰配送运力预警: latest linked feedback 2026-11-26 from 北辰区;
    // 3 from 北辰区, one each from 河西区, 西青区, 津南区, 滨海新区.
    const c = card(page, 'rm-08');
    await eventually(async () => assert.equal(await c.getByTestId('card-quote').textContent(), '从北辰大悦城店点的茶汤送到时已经凉了'), { page });
    assert.equal(await c.getByTestId('card-districts').textContent(), '北辰区 · 河西区 +3');
    const brief = await c.getByTestId('card-brief').boundingBox();
    assert.ok(brief.height < 26, `one line, not ${brief.height}px`);
    // A long quote is cut with "…" (characters, not bytes).
    const db = api.readDb();
    const latest = (r) =>
      db.feedback.filter((f) => r.feedbackIds.includes(f.id)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
    const long = db.roadmap.find((r) => latest(r) && [...latest(r).text].length > 28);
    if (long) {
      const text = await card(page, long.id).getByTestId('card-quote').textContent();
      assert.equal(text, [...latest(long).text].slice(0, 27).join('') + '…');
    }
    // A card without linked feedback shows no brief line.
    const bare = db.roadmap.find((r) => r.feedbackIds.length === 0);
    assert.equal(await card(page, bare.id).getByTestId('card-brief').count(), 0);
    await switchLang(page, 'en');
    await eventually(async () => assert.equal(await c.getByTestId('card-districts').textContent(), 'Beichen · Hexi +3'), { page });
    await switchLang(page, 'zh');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('cockpit → requirement: an insight attached to a card links back to the same cockpit view', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/cockpit?period=90d&metric=orders&district=heping`);
    await page.waitForSelector('.insight-list .insight', { timeout: 90000 });
    // The same view: the same parameters (the app writes them sorted).
    const params = (h) => Object.fromEntries(new URLSearchParams(h.split('?')[1] ?? ''));
    const here = params(await page.evaluate(() => location.hash));
    assert.deepEqual(here, { period: '90d', metric: 'orders', district: 'heping' });
    const first = page.locator('.insight-list .insight').first();
    const text = (await first.locator('.insight-text').textContent()).trim();
    await first.getByTestId('attach-insight').click();
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    // Find the requirement by title and attach.
    await dialog.locator('#attach-q').fill('积分商城');
    await dialog.locator('[data-attach="rm-25"]').click();
    await eventually(async () => assert.match(await dialog.getByTestId('attached').textContent(), /会员积分商城改版/), { page });
    let link;
    await eventually(() => {
      link = dbItem('rm-25').dataLinks.find((l) => l.view.startsWith('#/cockpit?') && l.label !== '老客占比:近90天趋势' && JSON.stringify(params(l.view)) === JSON.stringify(params(l.view)) && Object.keys(here).every((k) => params(l.view)[k] === here[k]) && Object.keys(params(l.view)).length === Object.keys(here).length);
      assert.ok(link, JSON.stringify(dbItem('rm-25').dataLinks));
    }, { timeout: 10000 });
    assert.equal(link.label, [...text].length > 60 ? [...text].slice(0, 59).join('') + '…' : text);
    // Or create a new requirement from the next insight.
    await page.keyboard.press('Escape');
    await first.getByTestId('attach-insight').click();
    await dialog.waitFor();
    await dialog.locator('#attach-new').fill('洞察跟进需求');
    await dialog.getByTestId('attach-new').click();
    await eventually(() => {
      const created = api.readDb().roadmap.find((r) => r.title === '洞察跟进需求');
      assert.ok(created);
      assert.deepEqual(params(created.dataLinks[0].view), here);
      assert.equal(created.source, 'data');
    }, { timeout: 10000 });

    // The card dialog lists it as a link that opens the same cockpit view.
    await openBoard(page, '#/roadmap?card=rm-25');
    const card25 = page.locator('[role=dialog]');
    await card25.waitFor();
    const a = card25.locator('a', { hasText: link.label });
    assert.equal(await a.getAttribute('href'), link.view);
    await a.click();
    await eventually(async () => assert.deepEqual(params(await page.evaluate(() => location.hash)), here), { page });
    await page.waitForSelector('.insight-list .insight', { timeout: 90000 });
    assert.equal(await page.locator('.insight-list .insight').first().locator('.insight-text').textContent(), text);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('two tabs: the scoring method and weights saved in one tab show in the other at once, and stay after the save is confirmed', async () => {
  const a = await newPage(browser);
  try {
    await openBoard(a);
    const b = await openTab(a);
    await gotoApp(b, `${server.url}#/roadmap`);
    await b.waitForSelector('[data-card]', { timeout: 20000 });
    await a.selectOption('#rm-method', 'weighted');
    await eventually(async () => assert.equal(await b.locator('#rm-method').inputValue(), 'weighted'), { page: b });
    await a.locator('#rm-w-value').fill('3');
    await a.locator('.rm-weights button[type=submit]').click();
    await eventually(() => assert.equal(api.readDb().roadmapBoards.find((r) => r.id === 'board').scoring.weights.value, 3), { timeout: 10000 });
    await eventually(async () => assert.equal(await b.locator('#rm-w-value').inputValue(), '3'), { page: b });
    // Once A's save is confirmed its outbox entry is gone: B keeps the new
    // weights (fetched again), not its stale copy.
    await sleep(2000);
    assert.equal(await b.locator('#rm-method').inputValue(), 'weighted');
    assert.equal(await b.locator('#rm-w-value').inputValue(), '3');
    assert.equal(await b.getByTestId('formula').textContent(), await a.getByTestId('formula').textContent());
    // Back to the default score, in both.
    await a.selectOption('#rm-method', 'default');
    await eventually(() => assert.equal(api.readDb().roadmapBoards.find((r) => r.id === 'board').scoring.method, 'default'), { timeout: 10000 });
    await sleep(2000);
    assert.equal(await b.locator('#rm-method').inputValue(), 'default');
    assertNoPanic(a);
    assertNoPanic(b);
  } finally {
    await closePage(a);
  }
});
