// The app under the Content-Security-Policy the README gives deployers:
// dist/ served with that header, every area of the navigation visited, and
// no `securitypolicyviolation` event nor CSP console error allowed; the
// charts still draw (ECharts is loaded with a <script src>, the wasm is
// started by a file, not an inline script).

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
  screenshot,
  eventually,
  expectTitle,
  goHash,
  navLinks,
  CSP_POLICY as CSP,
  scrollChartsIntoView,
} from './harness.mjs';

// Every area that exists today; areas added later are visited too (from the nav).
const AREAS = [
  ['#/cockpit', '数据驾驶舱'],
  ['#/feedback', '用户反馈'],
  ['#/calendar', '内容日历'],
  ['#/campaigns', '活动策划'],
  ['#/settings', '设置'],
];

let server;
let browser;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  server = await startStaticServer({ root: DIST_DIR, headers: { 'Content-Security-Policy': CSP } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Records CSP violations seen by the page (events) and by the console. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => [
    ...(await page.evaluate(() => window.__csp ?? [])),
    ...page.messages.filter((m) => /Content Security Policy|Refused to/i.test(m.text)).map((m) => m.text),
  ];
}

test('the served page carries the policy and no inline script', async () => {
  const res = await fetch(server.url);
  assert.equal(res.headers.get('content-security-policy'), CSP);
  const html = await res.text();
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim());
  assert.deepEqual(inline.map(([s]) => s), [], 'every <script> has a src and no body');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler attributes');
});

test('every area works under the CSP: no violation, charts drawn', async () => {
  const page = await newPage(browser);
  const violations = await watchCsp(page);
  try {
    await gotoApp(page, `${server.url}#/cockpit`);
    const nav = (await navLinks(page)).map((l) => l.href).filter((h) => h?.startsWith('#/'));
    const areas = [...AREAS];
    for (const href of nav) {
      if (!areas.some(([h]) => href.split('?')[0] === h)) areas.push([href.split('?')[0], null]);
    }
    for (const [hash, title] of areas) {
      await goHash(page, hash);
      if (title) await expectTitle(page, title, { timeout: 15000 });
      // Let the area load its data and draw.
      await page.waitForSelector('main h1', { timeout: 15000 });
      if (hash === '#/cockpit' || hash === '#/campaigns') {
        await eventually(async () => {
          await scrollChartsIntoView(page);
          const drawn = await page.evaluate(() =>
            [...document.querySelectorAll('.chart')].map((c) => c.querySelector('canvas') !== null),
          );
          assert.ok(drawn.length > 0 && drawn.every(Boolean), `${hash}: every chart has a canvas (${JSON.stringify(drawn)})`);
        }, { timeout: 15000 });
        assert.equal(await page.locator('.chart-box .error-panel').count(), 0, `${hash}: no chart failed to load`);
      }
      await page.waitForTimeout(300);
      assertNoPanic(page);
      assert.deepEqual(await violations(), [], `CSP violations after ${hash}`);
    }
    // ECharts came as a file of its own, after the app started.
    assert.ok(
      server.requests.some((r) => /\/echarts-[0-9a-f]+\.js$/.test(r.path) && r.status === 200),
      'the ECharts bundle was fetched',
    );
    assert.deepEqual(page.errors, [], 'no console errors');
    await screenshot(page, 'csp-campaigns');
  } catch (err) {
    await screenshot(page, 'csp-FAILED').catch(() => {});
    throw err;
  } finally {
    await closePage(page);
  }
});
