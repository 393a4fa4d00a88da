// The QR-code registry (二维码台账) of #/channels?tab=qr: the codes with their
// results over the shared period (camera scans against forwarded images,
// print cost, codes with no visit for 30 days), the unknown code listed,
// create/validate/retire through json-server across reloads, and a print
// sheet whose QR images decode back to the page path and scene.
//
//   node --test --test-concurrency=1 --test-reporter=spec tests/e2e/channels-qr.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  REPO_ROOT,
  startStaticServer,
  startJsonServer,
  launchBrowser,
  newPage,
  closePage,
  gotoApp,
  assertNoPanic,
  screenshot,
  eventually,
  hashState,
  addDays,
  unexpectedErrors,
  assertNoHorizontalOverflow,
  Problems,
  withProblems,
  switchLang,
} from './harness.mjs';
import { join } from 'node:path';

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const REGISTRY = '#/channels?tab=qr';
const CAMERA = new Set([1011, 1047]);
const FORWARDED = new Set([1012, 1013, 1048, 1049]);

/** The table row of a code: its cells by data-col, and the stale flag text. */
function codeRow(page, id) {
  return page.evaluate((id) => {
    const tr = document.querySelector(`.qr-table tr[data-id="${id}"]`);
    if (!tr) return null;
    const col = (c) => tr.querySelector(`[data-col=${c}]`)?.textContent.trim();
    return {
      cells: [...tr.querySelectorAll('th, td')].map((c) => c.textContent.trim()),
      visits: col('visits'),
      camera: col('camera'),
      forwarded: col('forwarded'),
      status: col('status'),
      stale: tr.querySelector('[data-testid=qr-stale]')?.textContent.trim() ?? null,
    };
  }, id);
}

/** The id of the table row whose scene cell is `scene`. */
function idOfScene(page, scene) {
  return page.evaluate(
    (scene) =>
      [...document.querySelectorAll('.qr-table tr[data-id]')].find((tr) => tr.querySelector('code')?.textContent === scene)
        ?.dataset.id ?? null,
    scene,
  );
}

const grouped = (n) => n.toLocaleString('en-US');

async function waitForRegistry(page) {
  await page.waitForSelector('.qr-table tr[data-id]', { timeout: 30000 });
}

test('registry (demo data, desktop): results per code, stale flags, unknown code, both languages, axe', async () => {
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  const problems = new Problems();
  try {
    await gotoApp(page, `${server.url}${REGISTRY}`);
    await waitForRegistry(page);
    const count = await page.locator('.qr-table tbody tr[data-id]').count();
    assert.ok(count >= 40, `at least 40 codes: ${count}`);
    // Some codes are flagged, with the seed's words; a retired one is not.
    const stale = await page.locator('[data-testid=qr-stale]').allTextContents();
    assert.ok(stale.length >= 1 && stale.length <= 5, `stale codes: ${stale.length}`);
    assert.ok(stale.every((t) => t.includes('桌贴可能已损坏或被遮挡')), stale.join(' | '));
    const retired = page.locator('.qr-table tr.qr-retired');
    assert.equal(await retired.count(), 1, 'one retired code');
    assert.equal(await retired.locator('[data-testid=qr-stale]').count(), 0);
    assert.match(await retired.locator('[data-col=status]').textContent(), /已停用/);
    // Results naming a code the registry lacks are listed, not dropped.
    assert.match(await page.getByTestId('qr-unknown').textContent(), /qr-0000/);
    // Camera scans and forwarded images add up to the visits of each code (no other scene in the demo).
    const first = await codeRow(page, 'qr-0001');
    const num = (s) => Number(String(s).split(' ')[0].replace(/,/g, ''));
    assert.equal(num(first.camera) + num(first.forwarded), num(first.visits), JSON.stringify(first));
    assert.ok(num(first.visits) > 0);
    // The summary reads the shared period: 30 days by default, 7 days is fewer visits.
    const summary30 = await page.getByTestId('qr-summary').textContent();
    await page.locator('.presets button', { hasText: '近7天' }).click();
    await eventually(async () => assert.equal((await hashState(page)).params.period, '7d'));
    await eventually(async () => {
      const s = await page.getByTestId('qr-summary').textContent();
      assert.notEqual(s, summary30);
      const visits = (t) => Number(t.match(/访问 ([\d,]+)/)[1].replace(/,/g, ''));
      assert.ok(visits(s) < visits(summary30), `${s} vs ${summary30}`);
    });
    await problems.axe(page, 'the QR registry (zh)', '.qr-registry');
    await screenshot(page, 'channels-qr-registry-zh', { fullPage: true });

    await switchLang(page, 'en');
    await page.getByRole('button', { name: 'New QR code' }).waitFor();
    const staleEn = await page.locator('[data-testid=qr-stale]').allTextContents();
    assert.ok(staleEn.every((t) => t.includes('The card may be damaged or covered')), staleEn.join(' | '));
    assert.match(await page.getByTestId('qr-unknown').textContent(), /Codes not in the registry/);
    await problems.axe(page, 'the QR registry (en)', '.qr-registry');
    assertNoPanic(page);
    assert.deepEqual(unexpectedErrors(page), [], 'console errors');
    problems.assertNone();
  } catch (err) {
    await screenshot(page, 'channels-qr-FAILED', { fullPage: true }).catch(() => {});
    throw withProblems(err, problems);
  } finally {
    await closePage(page);
  }
});

test('json-server: figures from db.json, create with a 33-character scene refused then fixed, retire, across reloads', async () => {
  const api = await startJsonServer();
  const rest = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  const problems = new Problems();
  try {
    const db = api.readDb();
    // --- the table's figures equal db.json's rows summed by hand over the last 30 days
    const lastDay = db.qr_results.map((r) => r.date).sort().at(-1);
    const from = addDays(lastDay, -29);
    const code = db.qr_codes.find((c) => c.status === 'active' && c.store === '和平路店');
    const rows = db.qr_results.filter((r) => r.codeId === code.id && r.date >= from && r.date <= lastDay);
    const sum = (pick) => rows.filter(pick).reduce((a, r) => a + r.visits, 0);
    const expected = { visits: sum(() => true), camera: sum((r) => CAMERA.has(r.wechatScene)), forwarded: sum((r) => FORWARDED.has(r.wechatScene)) };
    assert.ok(expected.visits > 0, 'the code had visits');

    await gotoApp(page, `${rest.url}${REGISTRY}`);
    await waitForRegistry(page);
    const shown = await codeRow(page, code.id);
    assert.equal(shown.visits, grouped(expected.visits), `visits of ${code.id}`);
    assert.equal(shown.camera, grouped(expected.camera), `camera scans of ${code.id}`);
    assert.ok(shown.forwarded.startsWith(grouped(expected.forwarded)), `forwarded ${shown.forwarded} vs ${expected.forwarded}`);

    // --- create: a 33-character scene is refused, and the form says why
    await page.getByRole('button', { name: '新建二维码' }).click();
    await page.waitForSelector('[role=dialog] #qr-store');
    assert.equal((await hashState(page)).params.code, 'new');
    await page.fill('#qr-store', '测试店');
    await page.selectOption('#qr-district', 'hexi');
    await page.selectOption('#qr-kind', 'poster');
    await page.fill('#qr-page', 'pages/activity/index');
    await page.fill('#qr-cost', '42.5');
    const tooLong = 'q.po.ceshi-store-poster-number-01';
    assert.equal(tooLong.length, 33);
    await page.fill('#qr-scene', tooLong);
    await eventually(async () => {
      assert.match(await page.locator('#qr-scene-error').textContent(), /scene 最多 32 个字符,当前 33 个/);
      assert.equal(await page.getAttribute('#qr-scene', 'aria-invalid'), 'true');
    }, { page });
    await page.locator('[role=dialog] button[type=submit]').click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('[role=dialog]').count(), 1, 'not saved while the scene is invalid');
    assert.match(await page.locator('[role=dialog] [role=alert]').textContent(), /当前 33 个/);
    // Chinese is named as such.
    await page.fill('#qr-scene', 'q.po.测试');
    await eventually(async () => assert.match(await page.locator('#qr-scene-error').textContent(), /第 6 个字符「测」是中文字符/));
    await problems.axe(page, 'the QR editor with an error', '[role=dialog]');
    // Fixed with the builder: channel.placement.location.
    await page.fill('#qr-location', 'cs1');
    await page.getByTestId('qr-build-scene').click();
    await eventually(async () => assert.equal(await page.inputValue('#qr-scene'), 'q.po.cs1'));
    assert.equal(await page.locator('#qr-scene-error').count(), 0, 'no error for a valid scene');
    assert.equal(await page.locator('[role=dialog] [role=alert]').count(), 0, 'the refused save\'s message went with the fix');
    await screenshot(page, 'channels-qr-editor-zh');
    await page.locator('[role=dialog] button[type=submit]').click();
    await eventually(async () => assert.equal(await page.locator('[role=dialog]').count(), 0), { page });

    let id;
    await eventually(async () => {
      id = await idOfScene(page, 'q.po.cs1');
      assert.ok(id, 'the new code is in the table');
    }, { page });
    const saved = async () => {
      const c = api.readDb().qr_codes.find((c) => c.id === id);
      assert.ok(c, `${id} in db.json`);
      return c;
    };
    await eventually(async () => {
      const c = await saved();
      assert.equal(c.scene, 'q.po.cs1');
      assert.equal(c.store, '测试店');
      assert.equal(c.district, 'hexi');
      assert.equal(c.kind, 'poster');
      assert.equal(c.pagePath, 'pages/activity/index');
      assert.equal(c.printCost, 42.5);
      assert.equal(c.status, 'active');
    }, { page });

    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForRegistry(page);
    assert.equal(await idOfScene(page, 'q.po.cs1'), id, 'still there after a reload');
    assert.match((await codeRow(page, id)).status, /使用中/);

    // --- retire it
    await page.getByRole('button', { name: `编辑 ${id}` }).click();
    await page.waitForSelector('[role=dialog] #qr-store');
    assert.equal(await page.inputValue('#qr-scene'), 'q.po.cs1');
    assert.equal(await page.inputValue('#qr-location'), 'cs1', 'the location code is read back from the scene');
    await page.getByTestId('qr-retire').click();
    await eventually(async () => assert.equal(await page.locator('[role=dialog]').count(), 0), { page });
    await eventually(async () => assert.equal((await saved()).status, 'retired'), { page });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForRegistry(page);
    await eventually(async () => {
      const r = await codeRow(page, id);
      assert.match(r.status, /已停用/);
    }, { page });
    assert.equal(await page.locator(`.qr-table tr.qr-retired[data-id="${id}"]`).count(), 1);

    assertNoPanic(page);
    assert.deepEqual(unexpectedErrors(page), [], 'console errors');
    problems.assertNone();
  } catch (err) {
    await screenshot(page, 'channels-qr-rest-FAILED', { fullPage: true }).catch(() => {});
    throw withProblems(err, problems);
  } finally {
    await closePage(page);
    await rest.close();
    await api.close();
  }
});

/** Draws the card's SVG onto a canvas in the page and decodes it with jsQR. */
function decodeCard(page, id) {
  return page.evaluate(async (id) => {
    const svg = document.querySelector(`.qr-card[data-id="${id}"] svg`);
    if (!svg) return { error: 'no svg' };
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
    await img.decode();
    const size = 400;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, size);
    g.drawImage(img, 0, 0, size, size);
    const pixels = g.getImageData(0, 0, size, size);
    // eslint-disable-next-line no-undef
    return { text: jsQR(pixels.data, size, size)?.data ?? null };
  }, id);
}

test('print sheet: one card per active code of a store, QR images decode to path and scene, A4 print layout', async () => {
  const api = await startJsonServer();
  const rest = await startStaticServer({ config: { backend: 'rest', rest: { baseUrl: api.url } } });
  const page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  try {
    const db = api.readDb();
    const store = '和平路店';
    const active = db.qr_codes.filter((c) => c.store === store && c.status === 'active');
    assert.ok(active.length >= 3);
    await gotoApp(page, `${rest.url}${REGISTRY}`);
    await waitForRegistry(page);
    await page.selectOption('#qr-store-pick', store);
    await page.getByTestId('qr-open-sheet').click();
    await page.waitForSelector('.qr-card svg', { timeout: 20000 });
    assert.equal((await hashState(page)).params.store, store);
    const ids = await page.locator('.qr-card').evaluateAll((cards) => cards.map((c) => c.dataset.id));
    assert.deepEqual(ids.sort(), active.map((c) => c.id).sort(), 'one card per active code');
    assert.match(await page.locator('#qr-sheet-title').textContent(), /和平路店/);

    await page.addScriptTag({ path: join(REPO_ROOT, 'node_modules/jsqr/dist/jsQR.js') });
    for (const c of active) {
      const got = await decodeCard(page, c.id);
      assert.equal(got.text, `${c.pagePath}?scene=${c.scene}`, `${c.id} decodes to its path and scene`);
    }
    await page.getByRole('button', { name: '打印', exact: true }).waitFor();
    await screenshot(page, 'channels-qr-sheet-zh', { fullPage: true });

    // Printed: the buttons and the app's chrome go; three cards a row on A4.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: '打印', exact: true }).isVisible(), false);
    assert.equal(await page.locator('.page-header').isVisible(), false);
    const columns = await page.locator('.qr-cards').evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 3);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    assert.ok(pdf.length > 10000, 'a PDF was printed');
    await page.emulateMedia({ media: 'screen' });

    // Back to the registry, and a reload keeps the sheet in the URL.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.qr-card svg', { timeout: 20000 });
    await page.getByRole('button', { name: '返回台账' }).click();
    await waitForRegistry(page);
    assert.equal((await hashState(page)).params.store, undefined);
    assertNoPanic(page);
  } finally {
    await closePage(page);
    await rest.close();
    await api.close();
  }
});

test('tablet 768×1024 touch, English: 44 px targets, no overflow, the editor says which rule failed, axe', async () => {
  const page = await newPage(browser, { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  const problems = new Problems();
  try {
    await gotoApp(page, `${server.url}${REGISTRY}`);
    await waitForRegistry(page);
    await switchLang(page, 'en');
    await page.getByRole('button', { name: 'New QR code' }).waitFor();
    await assertNoHorizontalOverflow(page, 'on the QR registry at 768 px');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('.qr-registry button, .qr-registry select')]
        .filter((el) => el.offsetParent)
        .map((el) => ({ el: el.textContent.trim().slice(0, 20) || el.id, ...el.getBoundingClientRect().toJSON() }))
        .filter((r) => r.height < 44 || r.width < 44),
    );
    assert.deepEqual(small, [], 'touch targets of at least 44 px');
    await problems.axe(page, 'the QR registry at 768 px', '.qr-registry');
    await screenshot(page, 'channels-qr-tablet-en', { fullPage: true });

    await page.getByRole('button', { name: 'New QR code' }).tap();
    await page.waitForSelector('[role=dialog] #qr-scene');
    await page.fill('#qr-scene', 'x'.repeat(33));
    await eventually(async () =>
      assert.match(await page.locator('#qr-scene-error').textContent(), /The scene has 33 characters; at most 32 are allowed/),
    );
    await page.fill('#qr-scene', 'q.tc 1');
    await eventually(async () => assert.match(await page.locator('#qr-scene-error').textContent(), /Character 5 ‘ ’ is not allowed/));
    await page.fill('#qr-page', '/pages/index/index');
    await eventually(async () => assert.match(await page.locator('#qr-page-error').textContent(), /must not start with/));
    await problems.axe(page, 'the QR editor at 768 px', '[role=dialog]');
    await assertNoHorizontalOverflow(page, 'with the QR editor open at 768 px');
    await page.getByRole('button', { name: 'Close', exact: true }).tap();
    await eventually(async () => assert.equal(await page.locator('[role=dialog]').count(), 0));
    assertNoPanic(page);
    problems.assertNone();
  } catch (err) {
    await screenshot(page, 'channels-qr-tablet-FAILED', { fullPage: true }).catch(() => {});
    throw withProblems(err, problems);
  } finally {
    await closePage(page);
  }
});
