// The app shell at desktop and tablet sizes, in Chinese and English:
// navigation, no horizontal scrolling, touch target size, the language switch
// (remembered across reloads, <html lang>), screenshots and an axe scan.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST_DIR,
  startStaticServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  runAxe,
  formatViolations,
  screenshot,
  expectTitle,
  h1,
  navLinks,
  rows,
  resultCount,
  goHash,
  reloadApp,
  waitForList,
  assertNoHorizontalScroll,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  server = await startStaticServer({ root: DIST_DIR, prefix: '/team/haihe/' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const SIZES = [
  { name: '1440x900', viewport: { width: 1440, height: 900 }, hasTouch: false },
  { name: '768x1024-touch', viewport: { width: 768, height: 1024 }, hasTouch: true },
  { name: '1024x768', viewport: { width: 1024, height: 768 }, hasTouch: false },
];

const LANG = {
  zh: { html: 'zh-CN', h1: '用户反馈', settings: '设置', nav: ['用户反馈', '设置'], title: /海河/ },
  en: { html: 'en', h1: 'User feedback', settings: 'Settings', nav: ['User feedback', 'Settings'], title: /Haihe/ },
};

/** Every visible nav link, button, tab, row link and radio segment is ≥ 44 px tall. */
async function assertTouchTargets(page, where) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'nav.sidebar a.nav-link, header.topbar a, header.topbar button, main button, nav.tabs a.tab, a.fb-link, label.segment, label.radio, main select, main input:not([type=radio]):not([type=checkbox])',
      ),
    ]
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { el: `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent || el.id).trim().slice(0, 20)}”`, h: r.height, w: r.width, right: r.right };
      })
      // Rendered and on screen (the skip link sits off-screen until focused).
      .filter((t) => t.w > 0 && t.h > 0 && t.right > 0)
      .filter((t) => t.h < 44),
  );
  assert.deepEqual(small, [], `${where}: touch targets under 44 px tall`);
}

async function assertLanguage(page, lang) {
  const L = LANG[lang];
  await expectTitle(page, L.h1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), L.html, '<html lang>');
  assert.match(await page.title(), L.title);
  // The two foundation areas are in the nav (other areas may be added beside them).
  const texts = (await navLinks(page)).map((n) => n.text);
  for (const t of L.nav) assert.ok(texts.includes(t), `nav has “${t}”: ${JSON.stringify(texts)}`);
  assert.equal(await page.getByRole('button', { name: 'EN', exact: true }).getAttribute('aria-pressed'), String(lang === 'en'));
  assert.equal(await page.getByRole('button', { name: '中文', exact: true }).getAttribute('aria-pressed'), String(lang === 'zh'));
}

for (const size of SIZES) {
  test(`shell at ${size.name}: nav, layout, language switch remembered across reload`, async () => {
    const page = await newPage(browser, { viewport: size.viewport, hasTouch: size.hasTouch });
    try {
      await gotoApp(page, `${server.url}#/feedback`);
      await waitForList(page);
      assert.equal(await page.evaluate(() => localStorage.getItem('haihe.v1.lang')), null, 'fresh context has no language stored');

      for (const lang of ['zh', 'en']) {
        if (lang === 'en') {
          await page.getByRole('button', { name: 'EN', exact: true }).click();
          await assertLanguage(page, 'en');
          assert.equal(await page.evaluate(() => localStorage.getItem('haihe.v1.lang')), 'en');
          // Remembered across a reload.
          await reloadApp(page);
          await waitForList(page);
        }
        const L = LANG[lang];
        await assertLanguage(page, lang);

        // The navigation shows both areas, visible in the viewport, the current one marked.
        const nav = await navLinks(page);
        assert.deepEqual(
          nav.filter((n) => L.nav.includes(n.text)).map((n) => [n.text, n.href, n.current]),
          [
            [L.nav[0], '#/feedback', 'page'],
            [L.nav[1], '#/settings', null],
          ],
        );
        assert.deepEqual(nav.filter((n) => n.current === 'page').map((n) => n.href), ['#/feedback'], 'only one current area');
        for (const link of await page.locator('nav.sidebar a.nav-link').all()) {
          assert.ok(await link.isVisible(), 'nav link visible');
          const box = await link.boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= size.viewport.width, `nav link inside the viewport: ${JSON.stringify(box)}`);
        }

        // The list is there and the count is in this language.
        const count = await resultCount(page);
        assert.equal(count.shown, count.total);
        assert.ok(count.total > 0);
        assert.equal((await rows(page)).length, count.shown);
        assert.match(count.text, lang === 'zh' ? /^显示/ : /^Showing/);

        await assertNoHorizontalScroll(page, `${size.name} ${lang} feedback list`);
        if (size.hasTouch) await assertTouchTargets(page, `${size.name} ${lang} feedback list`);
        await screenshot(page, `shell-${size.name}-${lang}`);

        // The detail of the first row.
        const first = (await rows(page))[0];
        await goHash(page, `#/feedback?id=${first.id}`);
        await page.waitForSelector('article.detail');
        await assertNoHorizontalScroll(page, `${size.name} ${lang} feedback detail`);
        if (size.hasTouch) await assertTouchTargets(page, `${size.name} ${lang} feedback detail`);

        // Settings, via the nav.
        await page.locator('nav.sidebar a.nav-link', { hasText: L.settings }).click();
        await expectTitle(page, L.settings);
        assert.deepEqual(
          (await navLinks(page)).filter((n) => n.current === 'page').map((n) => n.href),
          ['#/settings'],
        );
        await page.waitForSelector('#sync');
        await assertNoHorizontalScroll(page, `${size.name} ${lang} settings`);
        if (size.hasTouch) await assertTouchTargets(page, `${size.name} ${lang} settings`);

        await page.locator('nav.sidebar a.nav-link', { hasText: L.h1 }).click();
        await expectTitle(page, L.h1);
        await waitForList(page);
      }

      // And back to Chinese, also remembered.
      await page.getByRole('button', { name: '中文', exact: true }).click();
      await assertLanguage(page, 'zh');
      assert.equal(await page.evaluate(() => localStorage.getItem('haihe.v1.lang')), 'zh');
      await reloadApp(page);
      await assertLanguage(page, 'zh');
      assertNoPanic(page);
    } catch (err) {
      await screenshot(page, `shell-${size.name}-FAILED`).catch(() => {});
      throw err;
    } finally {
      await closePage(page);
    }
  });
}

test('axe: no serious or critical violations on feedback, detail and settings, zh and en', async () => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    await gotoApp(page, `${server.url}#/feedback`);
    await waitForList(page);
    const first = (await rows(page))[0];
    const found = [];
    for (const lang of ['zh', 'en']) {
      await goHash(page, '#/feedback');
      await page.getByRole('button', { name: lang === 'zh' ? '中文' : 'EN', exact: true }).click();
      await assertLanguage(page, lang);
      const views = [
        ['feedback', '#/feedback', 'ul.fb-list'],
        ['feedback detail', `#/feedback?id=${first.id}`, 'article.detail'],
        ['settings', '#/settings', '#sync'],
      ];
      for (const [name, hash, ready] of views) {
        await goHash(page, hash);
        await page.waitForSelector(ready);
        const violations = await runAxe(page);
        if (violations.length) found.push(`${lang} ${name}:\n${formatViolations(violations)}`);
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
    assertNoPanic(page);
  } finally {
    await closePage(page);
  }
});
