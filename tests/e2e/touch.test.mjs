// Touch targets on tablets: at 768×1024 and 1024×768 on a touch context
// (coarse pointer), every visible interactive element of every area is at
// least 44×44 px, and no area scrolls sideways. Screenshots of each view go
// to test-results/screens/touch-*.png.
//
//   node --test --test-concurrency=1 tests/e2e/touch.test.mjs

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
  goHash,
} from './harness.mjs';

const MIN = 44;

// Nothing is excused: the campaign timeline's bars are 44 px on touch too.
const SKIP = [];

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

/**
 * Every rendered interactive element smaller than MIN in either direction.
 * A checkbox or radio inside a <label> is measured by its label: tapping the
 * label toggles it, so the label is the target. There are no links inside
 * running text in the app, so none is excused (WCAG 2.5.8 would allow it).
 */
function smallTargets(page, skip) {
  return page.evaluate(
    ([min, skip]) => {
      const sel = 'a, button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]';
      const out = [];
      const seen = new Set();
      for (const el of document.querySelectorAll(sel)) {
        if (skip.some((s) => el.matches(s))) continue;
        const input = el.matches('input[type=checkbox], input[type=radio]');
        const target = (input && el.closest('label')) || el;
        if (seen.has(target)) continue;
        seen.add(target);
        // Not rendered: display:none, inside a closed <details>, hidden.
        if (target.getClientRects().length === 0 || getComputedStyle(target).visibility === 'hidden') continue;
        const r = target.getBoundingClientRect();
        if (r.width >= min - 0.5 && r.height >= min - 0.5) continue;
        const name = (target.getAttribute('aria-label') || target.textContent || target.id || target.getAttribute('name') || '').trim().replace(/\s+/g, ' ');
        const cls = typeof target.className === 'string' && target.className ? `.${target.className.trim().split(/\s+/).join('.')}` : '';
        out.push(`${target.tagName.toLowerCase()}${cls} “${name.slice(0, 24)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return out;
    },
    [MIN, skip],
  );
}

async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The views measured: a hash, what to wait for, and what to open first. */
const VIEWS = [
  { name: 'cockpit', hash: '#/cockpit', ready: '.kpi-grid .kpi-tile', open: ['details.targets > summary'] },
  { name: 'feedback-selected', hash: '#/feedback?id=fb-0001', ready: 'article.detail' },
  { name: 'calendar-month', hash: '#/calendar', ready: '.month-grid .day-cell', open: ['details.local-events > summary'] },
  { name: 'calendar-week', hash: '#/calendar?view=week', ready: '.week-grid .day-cell' },
  { name: 'calendar-agenda', hash: '#/calendar?view=agenda', ready: '.agenda' },
  { name: 'calendar-editor', hash: '#/calendar?selected=new', ready: '[role=dialog] #ct-title' },
  { name: 'campaigns', hash: '#/campaigns', ready: '.cmp-table tr[data-id]' },
  { name: 'campaigns-editor', hash: '#/campaigns?id=new', ready: '[role=dialog] #cp-name', open: ['[role=dialog] details > summary'] },
  { name: 'settings', hash: '#/settings', ready: 'main h1' },
];

const SIZES = [
  { name: '768x1024', viewport: { width: 768, height: 1024 } },
  { name: '1024x768', viewport: { width: 1024, height: 768 } },
];

for (const size of SIZES) {
  test(`touch targets ≥ ${MIN}×${MIN} px in every area at ${size.name} (touch)`, async () => {
    const page = await newPage(browser, { viewport: size.viewport, hasTouch: true, isMobile: false });
    try {
      assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a coarse pointer');
      await gotoApp(page, `${server.url}#/cockpit`);
      const offenders = [];
      for (const view of VIEWS) {
        await goHash(page, view.hash);
        await page.waitForSelector(view.ready, { timeout: 20000 });
        for (const summary of view.open ?? []) {
          await page.locator(summary).first().click();
        }
        // Let charts and late sections settle before measuring.
        await page.waitForTimeout(300);
        assertNoPanic(page);
        for (const o of await smallTargets(page, SKIP)) offenders.push(`${view.name}: ${o}`);
        const over = await sideways(page);
        assert.ok(over <= 1, `${view.name} at ${size.name} scrolls sideways by ${over} px`);
        await screenshot(page, `touch-${size.name}-${view.name}`, { fullPage: true });
        // Close what is open so the next view starts clean.
        if (await page.locator('[role=dialog]').count()) await page.keyboard.press('Escape');
      }
      assert.deepEqual(offenders, [], `targets under ${MIN}×${MIN} px at ${size.name}:\n  ${offenders.join('\n  ')}`);
      await eventually(async () => assertNoPanic(page));
    } finally {
      await closePage(page);
    }
  });
}
