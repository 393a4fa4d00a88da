// Links into a view: the whole view state lives in the URL hash, so a link
// opened directly under a sub-path (/team/haihe/) shows the same filtered
// list and detail, survives a reload, and back/forward restore it.

import { test, before, after } from 'node:test';
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
  h1,
  rows,
  resultCount,
  hashState,
  detail,
  navLinks,
  reloadApp,
  waitForList,
} from './harness.mjs';

let server;
let browser;
/** A (status, district, id) that exists in the embedded demo data, found through the UI. */
let pick;

before(async () => {
  server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
  browser = await launchBrowser();

  // Find a district with triaged feedback from the unfiltered list, and how
  // many triaged items it has (the expectation for the filtered view).
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/feedback`);
    await waitForList(page);
    const districts = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('#fb-district option')].filter((o) => o.value).map((o) => [o.textContent.trim(), o.value])),
    );
    const all = await rows(page);
    const triaged = all.filter((r) => r.status === 'triaged' && districts[r.meta[3]]);
    assert.ok(triaged.length > 0, 'the demo data has triaged feedback with a district');
    // The district with the most triaged items, and its second item (not the first row).
    const byDistrict = {};
    for (const r of triaged) (byDistrict[districts[r.meta[3]]] ??= []).push(r);
    const [district, items] = Object.entries(byDistrict).sort((a, b) => b[1].length - a[1].length)[0];
    pick = {
      district,
      districtLabel: items[0].meta[3],
      id: items[Math.min(1, items.length - 1)].id,
      expected: items.map((r) => r.id),
      total: all.length,
    };
    assert.ok(pick.expected.length >= 2, `want a district with ≥2 triaged items: ${JSON.stringify(pick)}`);
  } finally {
    await closePage(page);
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The filtered view of `pick` is what the page shows. */
async function assertFilteredView(page) {
  await waitForList(page);
  const shown = await rows(page);
  assert.deepEqual(
    shown.map((r) => r.id),
    pick.expected,
    'exactly the triaged items of the district, in the same order as the full list',
  );
  assert.deepEqual([...new Set(shown.map((r) => r.status))], ['triaged']);
  assert.deepEqual([...new Set(shown.map((r) => r.statusText))], ['已分拣']);
  assert.deepEqual([...new Set(shown.map((r) => r.meta[3]))], [pick.districtLabel]);
  const count = await resultCount(page);
  assert.equal(count.shown, pick.expected.length);
  assert.equal(count.total, pick.total);
  assert.equal(count.text, `显示 ${pick.expected.length} 条,共 ${pick.total} 条`);
  // The controls reflect the URL.
  assert.equal(await page.inputValue('#fb-district'), pick.district);
  assert.equal(
    await page.evaluate(() => document.querySelector('nav.tabs a.tab[aria-current="true"]')?.textContent.trim()),
    `已分拣 ${pick.expected.length}`,
  );
  // The selected detail.
  const d = await detail(page);
  assert.equal(d.id, pick.id);
  assert.equal(d.status, 'triaged');
  assert.equal(d.facts['区域'], pick.districtLabel);
  assert.deepEqual(
    shown.filter((r) => r.selected).map((r) => r.id),
    [pick.id],
    'the selected row is marked',
  );
}

test('a deep link under /team/haihe/ opens the filtered list and the detail, and survives a reload', async () => {
  const page = await newPage(browser);
  try {
    const url = `${server.url}#/feedback?status=triaged&district=${pick.district}&id=${pick.id}`;
    assert.match(url, /\/team\/haihe\/#\/feedback\?/);
    await gotoApp(page, url);
    await assertFilteredView(page);
    await screenshot(page, 'deeplink-filtered-detail');

    await reloadApp(page);
    await assertFilteredView(page);
    assert.deepEqual((await hashState(page)).params, { status: 'triaged', district: pick.district, id: pick.id });

    // Every request stayed under the prefix (relative asset and config URLs).
    const outside = server.requests.filter((r) => !r.path.startsWith('/team/haihe/'));
    assert.deepEqual(outside, [], 'requests outside /team/haihe/');
    assert.ok(server.requests.some((r) => r.path === '/team/haihe/config.json' && r.status === 200), 'config.json read from the prefix');
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('back and forward restore the filter after clicking a status tab', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}#/feedback?status=triaged&district=${pick.district}&id=${pick.id}`);
    await assertFilteredView(page);

    // Click another status tab that has items in this district: the status
    // changes, the district stays, the detail closes.
    const tabs = await page.evaluate(() =>
      [...document.querySelectorAll('nav.tabs a.tab')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
    );
    const other = tabs
      .map((t) => ({ ...t, status: new URLSearchParams(t.href.split('?')[1] ?? '').get('status'), n: Number(t.text.match(/(\d+)$/)?.[1]) }))
      .filter((t) => t.status && t.status !== 'triaged' && t.n > 0)
      .sort((a, b) => b.n - a.n)[0];
    assert.ok(other, `another status tab with items: ${JSON.stringify(tabs)}`);
    await page.locator('nav.tabs a.tab', { hasText: other.text }).click();
    await eventually(async () => assert.deepEqual((await hashState(page)).params, { status: other.status, district: pick.district }));
    await eventually(async () => {
      const shown = await rows(page);
      assert.equal(shown.length, other.n);
      assert.deepEqual([...new Set(shown.map((r) => r.status))], [other.status]);
      assert.deepEqual([...new Set(shown.map((r) => r.meta[3]))], [pick.districtLabel]);
    });
    assert.equal(await page.locator('article.detail').count(), 0, 'the detail closed');
    assert.equal(await page.inputValue('#fb-district'), pick.district);

    await page.goBack();
    await eventually(async () => assert.deepEqual((await hashState(page)).params, { status: 'triaged', district: pick.district, id: pick.id }));
    await eventually(() => assertFilteredView(page));

    await page.goForward();
    await eventually(async () => assert.deepEqual((await hashState(page)).params, { status: other.status, district: pick.district }));
    await eventually(async () => {
      const shown = await rows(page);
      assert.equal(shown.length, other.n);
      assert.deepEqual([...new Set(shown.map((r) => r.status))], [other.status]);
      assert.equal(await page.locator('article.detail').count(), 0);
    });
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('…/team/haihe/index.html#/settings opens Settings', async () => {
  const page = await newPage(browser);
  try {
    await gotoApp(page, `${server.url}index.html#/settings`);
    await expectTitle(page, '设置');
    await page.waitForSelector('#sync');
    assert.deepEqual(
      (await navLinks(page)).filter((n) => n.current === 'page').map((n) => n.href),
      ['#/settings'],
    );
    assert.equal(await page.locator('input[name=backend]').count(), 2);
    assert.ok(await page.locator('input[name=backend]').first().isChecked(), 'embedded backend selected (the default config)');
    // The nav works from there. (With <base href="./"> the hash links resolve
    // against the directory, so this lands on …/team/haihe/#/feedback.)
    await page.locator('nav.sidebar a.nav-link', { hasText: '用户反馈' }).click();
    await expectTitle(page, '用户反馈');
    assert.match(page.url(), /\/team\/haihe\/(index\.html)?#\/feedback$/);
    await waitForList(page);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test('an unknown hash #/nowhere?x=%ZZ falls back to the default page without a panic', async () => {
  const page = await newPage(browser);
  try {
    // What the bare URL shows: the default area.
    await gotoApp(page, server.url);
    await eventually(async () => assert.ok(await h1(page)));
    const defaultTitle = await h1(page);
    const defaultCurrent = (await navLinks(page)).filter((n) => n.current === 'page').map((n) => n.href);
    assert.equal(defaultCurrent.length, 1, 'the default page is a nav area');

    await gotoApp(page, `${server.url}#/nowhere?x=%ZZ`);
    await reloadApp(page); // a real load of that URL, not only a hash change
    assert.equal(await page.evaluate(() => location.hash), '#/nowhere?x=%ZZ');
    await expectTitle(page, defaultTitle);
    assert.deepEqual(
      (await navLinks(page)).filter((n) => n.current === 'page').map((n) => n.href),
      defaultCurrent,
    );
    // The foundation's default is the feedback inbox; a newer default area is fine too.
    if (defaultCurrent[0] === '#/feedback') {
      assert.equal(defaultTitle, '用户反馈');
      await waitForList(page);
      const count = await resultCount(page);
      assert.equal(count.shown, count.total, 'the unknown x parameter filters nothing');
    }
    // And the app still navigates (leaving the default page must not crash it).
    await page.locator('nav.sidebar a.nav-link', { hasText: '设置' }).click();
    await expectTitle(page, '设置').catch((err) => {
      throw new Error(`leaving the default page (${defaultCurrent[0]}, “${defaultTitle}”) for Settings failed: ${err.message}`);
    });
    await page.locator('nav.sidebar a.nav-link', { hasText: '用户反馈' }).click();
    await expectTitle(page, '用户反馈');
    await waitForList(page);
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});

test(
  'after opening …/index.html, following an in-app link does not reload the app',
  async () => {
    const page = await newPage(browser);
    try {
      await gotoApp(page, `${server.url}index.html#/feedback`);
      await waitForList(page);
      await page.evaluate(() => (window.__sameDocument = true));
      await page.locator('nav.sidebar a.nav-link', { hasText: '设置' }).click();
      await expectTitle(page, '设置');
      assert.equal(await page.evaluate(() => window.__sameDocument ?? false), true, 'the app was reloaded');
      assert.match(page.url(), /\/team\/haihe\/index\.html#\/settings$/);
    } finally {
      await closePage(page);
    }
  },
);
