// Browser-test harness and page helpers for Haihe (ESM, Node 20+, no
// test-framework coupling): the one module every test file imports.
//
//   import { startStaticServer, startJsonServer, launchBrowser, newPage,
//            gotoApp, assertNoPanic, runAxe, screenshot } from './harness.mjs';
//
// Environment (set by scripts/test, optional when running a file by hand):
//   HAIHE_DIST     the built app (default: <repo>/dist)
//   HAIHE_DB_JSON  db.json written by `cargo run --release --bin gen-db -- --out FILE`
//   CHROMIUM_PATH  browser binary (default: /usr/bin/chromium)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the built app. */
export const DIST_DIR = process.env.HAIHE_DIST ? resolve(process.env.HAIHE_DIST) : join(REPO_ROOT, 'dist');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The moment every test page starts at (its `Date` is shifted there by an
 * init script on the context, and the time then flows on normally). The demo data and every
 * date-relative view follow the browser's calendar, so an unpinned clock would
 * let main turn red overnight. Override with HAIHE_TEST_NOW (ISO 8601).
 * scripts/test generates db.json for the day before it (`gen-db --end`).
 */
export const TEST_NOW = process.env.HAIHE_TEST_NOW || '2026-11-28T10:00:00+08:00';

/** `YYYY-MM-DD` of an instant on Tianjin's calendar (UTC+8, no daylight saving). */
export function shanghaiDate(instant = TEST_NOW) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
}

/** The pinned "today" of the test pages, `YYYY-MM-DD`. */
export const TEST_TODAY = shanghaiDate(TEST_NOW);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

/**
 * The Content-Security-Policy the README gives deployers (with the backend's
 * origin added to connect-src when it is not the app's own): the browser
 * test (csp.test.mjs) and the Lighthouse run (scripts/lighthouse.mjs) serve
 * dist/ with it.
 */
export const CSP_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "connect-src 'self'",
].join('; ');

/** Messages that mean the wasm app crashed. */
export const PANIC_PATTERN = /panicked|RuntimeError|unreachable/;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** MIME type for a file name (application/octet-stream when unknown). */
export function mimeType(file) {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// ---------------------------------------------------------------------------
// Static file server
// ---------------------------------------------------------------------------

/**
 * A plain static file server (no dependencies, no rewrites) on 127.0.0.1:<free port>.
 *
 * - Only paths under `prefix` are served; everything else is 404.
 * - A directory path serves its index.html (a directory without the trailing
 *   slash is redirected to it, as static hosts do); unknown paths are 404.
 * - `config` (object) replaces `<prefix>config.json`; change it later with
 *   `setConfig(obj)` (null/undefined = serve the file again).
 * - `requests` records every request as { method, path, status }.
 * - `headers` (object) are added to every response, e.g. a Content-Security-Policy.
 *
 * @param {{ root?: string, prefix?: string, config?: object, port?: number, headers?: object }} [opts]
 * @returns {Promise<{ url: string, origin: string, port: number, requests: object[],
 *                     setConfig(obj: object|null): void, close(): Promise<void> }>}
 */
export async function startStaticServer({ root = DIST_DIR, prefix = '/team/haihe/', config, port = 0, headers: extraHeaders = {} } = {}) {
  const rootDir = resolve(REPO_ROOT, root);
  if (!prefix.startsWith('/')) prefix = `/${prefix}`;
  if (!prefix.endsWith('/')) prefix = `${prefix}/`;
  let configOverride = config ?? null;
  const requests = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0 };
    requests.push(entry);
    const send = (status, body = '', headers = {}) => {
      entry.status = status;
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body));
      res.writeHead(status, {
        'Content-Length': buf.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...extraHeaders,
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : buf);
    };
    const notFound = () => send(404, 'Not Found', { 'Content-Type': 'text/plain; charset=utf-8' });

    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'Method Not Allowed', { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, 'Bad Request', { 'Content-Type': 'text/plain' });
      }
      if (pathname.includes('\0')) return notFound();

      if (pathname === prefix.slice(0, -1)) {
        return send(301, '', { Location: prefix + url.search });
      }
      if (!pathname.startsWith(prefix)) return notFound();

      if (configOverride && pathname === `${prefix}config.json`) {
        return send(200, JSON.stringify(configOverride, null, 2), { 'Content-Type': MIME['.json'] });
      }

      const rel = pathname.slice(prefix.length);
      let file = resolve(rootDir, `.${sep}${rel}`);
      if (file !== rootDir && !file.startsWith(rootDir + sep)) return notFound();

      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          return send(301, '', { Location: `${url.pathname}/${url.search}` });
        }
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return notFound();

      const body = await readFile(file);
      return send(200, body, { 'Content-Type': mimeType(file) });
    } catch (err) {
      return send(500, String(err?.stack ?? err), { 'Content-Type': 'text/plain' });
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;

  return {
    url: `${origin}${prefix}`,
    origin,
    port: actualPort,
    requests,
    setConfig(obj) {
      configOverride = obj ?? null;
    },
    close() {
      return new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections?.();
      });
    },
  };
}

// ---------------------------------------------------------------------------
// json-server (0.17)
// ---------------------------------------------------------------------------

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createNetServer();
    srv.unref();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Waits `ms` milliseconds. */
export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Start json-server 0.17 on a private copy of `dbPath` (tests never share state).
 *
 * json-server writes every change back to its file; `readDb()` re-reads it.
 * It runs in the temp dir (so it does not pick up the repo's public/ as its
 * static folder) and without --watch.
 *
 * @param {{ dbPath?: string, port?: number, routes?: object, delay?: number,
 *           args?: string[], timeoutMs?: number }} [opts]
 *   routes: json-server --routes mapping, e.g. { "/api/*": "/$1" }
 *   args:   extra CLI arguments (e.g. ['--id', 'key', '--middlewares', file])
 * @returns {Promise<{ url: string, port: number, dbFile: string, readDb(): any,
 *                     output(): string, close(): Promise<void> }>}
 */
export async function startJsonServer({ dbPath = defaultDbPath(), port, routes, delay, args = [], timeoutMs = 20000 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'haihe-json-server-'));
  const dbFile = join(dir, 'db.json');
  await copyFile(resolve(REPO_ROOT, dbPath), dbFile);

  const cliArgs = [dbFile];
  if (routes) {
    const routesFile = join(dir, 'routes.json');
    writeFileSync(routesFile, JSON.stringify(routes, null, 2));
    cliArgs.push('--routes', routesFile);
  }
  if (delay) cliArgs.push('--delay', String(delay));
  cliArgs.push(...args);

  const bin = realpathSync(join(REPO_ROOT, 'node_modules', '.bin', 'json-server'));
  const usePort = port ?? (await freePort());
  const child = spawn(process.execPath, [bin, ...cliArgs, '--port', String(usePort), '--host', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' },
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let exited = null;
  const exitPromise = new Promise((ok) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      ok();
    }),
  );

  const url = `http://127.0.0.1:${usePort}`;
  const close = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exitPromise, sleep(3000)]);
      if (!exited) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`json-server exited early (${JSON.stringify(exited)}):\n${log}`);
    }
    try {
      // Its home page: json-server listens only once the database is loaded,
      // and `/db` (19 MB) can take seconds on a busy 2-core machine.
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) {
        await res.arrayBuffer();
        break;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`json-server did not answer on ${url} within ${timeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }

  return {
    url,
    port: usePort,
    dbFile,
    readDb: () => JSON.parse(readFileSync(dbFile, 'utf8')),
    output: () => log,
    close,
  };
}

/**
 * Path of a generated db.json: $HAIHE_DB_JSON (scripts/test sets it), else
 * <repo>/.tmp/db.json, generated with gen-db on first use.
 */
export function defaultDbPath() {
  if (process.env.HAIHE_DB_JSON) return resolve(process.env.HAIHE_DB_JSON);
  const file = join(REPO_ROOT, '.tmp', `db-${shanghaiDate(TEST_NOW)}.json`);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const end = shanghaiDate(Date.parse(TEST_NOW) - 864e5);
    const r = spawnSync('cargo', ['run', '--release', '--bin', 'gen-db', '--', '--out', file, '--end', end], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`gen-db failed (exit ${r.status}); set HAIHE_DB_JSON`);
  }
  return file;
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/** Headless Chromium (the system one, never a downloaded build). */
export function launchBrowser(opts = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...opts,
  });
}

/**
 * A page in a fresh context (own storage). Extra fields on the page:
 *   page.errors      console errors and uncaught page errors (strings)
 *   page.messages    every console message as { type, text }
 *   page.httpErrors  responses >= 400 and failed requests (strings)
 * Close with `closePage(page)` (closes its context).
 *
 * @param {import('playwright-core').Browser} browser
 * @param {{ viewport?: {width:number,height:number}, locale?: string, hasTouch?: boolean } & object} [opts]
 *   now: the instant the page's clock starts at (default TEST_NOW; a Date or
 *   ISO string); it then runs normally, the same for every tab of the
 *   context (`openTab`).
 *   other options go to browser.newContext (e.g. isMobile, deviceScaleFactor,
 *   colorScheme, timezoneId, reducedMotion).
 */
export async function newPage(
  browser,
  {
    viewport = { width: 1440, height: 900 },
    locale = 'zh-CN',
    hasTouch = false,
    timezoneId = 'Asia/Shanghai',
    now = TEST_NOW,
    ...rest
  } = {},
) {
  const context = await browser.newContext({ viewport, locale, hasTouch, timezoneId, ...rest });
  // One offset for the context (Node and the browser read the same system
  // clock), so every tab of it shows the same flowing time.
  await context.addInitScript(shiftClock, new Date(now).getTime() - Date.now());
  return instrument(await context.newPage());
}

/**
 * Runs in the page before its scripts: `Date` reads the system clock moved
 * by `offset` ms, so it starts at the pinned instant and then flows
 * normally. Only the wall clock moves; timers stay the browser's own
 * (Playwright's clock.install fakes setTimeout too, and its fake timers
 * called wasm-bindgen closures after the app had dropped them).
 */
function shiftClock(offset) {
  const RealDate = Date;
  class PinnedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = PinnedDate;
}

/** A second page (tab) in the context of `page`: same storage, same clock. */
export async function openTab(page) {
  return instrument(await page.context().newPage());
}

/** Adds the error and message collectors described at newPage. */
function instrument(page) {
  page.errors = [];
  page.messages = [];
  page.httpErrors = [];
  page.on('console', (msg) => {
    const text = msg.text();
    page.messages.push({ type: msg.type(), text });
    if (msg.type() === 'error') page.errors.push(`console.error: ${text}`);
  });
  page.on('pageerror', (err) => {
    page.errors.push(`pageerror: ${err?.stack || err?.message || err}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) page.httpErrors.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    page.httpErrors.push(`failed ${req.method()} ${req.url()}: ${req.failure()?.errorText ?? ''}`);
  });
  return page;
}

/** Close a page made by newPage (and its context). */
export async function closePage(page) {
  if (!page) return;
  // A route handler still awaiting route.fetch() when the context closes
  // would reject after the test ended and fail the whole file.
  await page.context().unrouteAll({ behavior: 'ignoreErrors' }).catch(() => {});
  await page.context().close();
}

/** Console messages / page errors that look like a Rust panic or wasm trap. */
export function panics(page) {
  return [...page.messages.map((m) => m.text), ...page.errors].filter((t) => PANIC_PATTERN.test(t));
}

/** Throws if the app panicked (console text containing panicked / RuntimeError / unreachable). */
export function assertNoPanic(page) {
  const found = panics(page);
  if (found.length) {
    throw new Error(`the app panicked:\n  ${found.join('\n  ')}`);
  }
}

/**
 * Wait until the app has mounted (`[data-app-ready]` present), failing fast
 * on a panic. The error message includes the page's collected errors.
 */
export async function waitForAppReady(page, { timeout = 30000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    assertNoPanic(page);
    const ready = await page.evaluate(() => document.querySelector('[data-app-ready]') !== null).catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) {
      throw new Error(
        `app not ready after ${timeout} ms ([data-app-ready] missing) at ${page.url()}\n` +
          `errors:\n  ${page.errors.join('\n  ') || '(none)'}\n` +
          `http errors:\n  ${page.httpErrors.join('\n  ') || '(none)'}`,
      );
    }
    await sleep(50);
  }
}

/** page.goto(url) then waitForAppReady. */
export async function gotoApp(page, url, { timeout = 30000 } = {}) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
  await waitForAppReady(page, { timeout });
  return page;
}

// ---------------------------------------------------------------------------
// Accessibility and screenshots
// ---------------------------------------------------------------------------

let axeSource;

/**
 * Run axe-core in the page; returns the violations with impact serious or
 * critical (simplified: id, impact, help, helpUrl, nodes[{target, html, failureSummary}]).
 * @param {import('playwright-core').Page} page
 * @param {{ include?: string, options?: object }} [opts]  include: a CSS selector to limit the scan
 */
export async function runAxe(page, { include, options } = {}) {
  axeSource ??= readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof window.axe === 'object' && window.axe !== null);
  if (!loaded) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async ([ctx, opts]) => {
      const result = await window.axe.run(ctx ?? document, opts ?? {});
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    [include ?? null, options ?? null],
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Human-readable text for runAxe results (for assertion messages). */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`)
          .join('\n'),
    )
    .join('\n');
}

/** Save a PNG to test-results/screens/NAME.png; returns the path. */
export async function screenshot(page, name, opts = {}) {
  const dir = join(REPO_ROOT, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  const safe = String(name).replace(/[^\w.\-\u4e00-\u9fff]+/g, '_');
  const path = join(dir, `${safe}.png`);
  await page.screenshot({ path, ...opts });
  return path;
}

// ------------------------------------------------------------ page helpers --
// Everything below reads what the user sees (texts, attributes, the URL hash)
// so the tests assert on the rendered app, not on its internals.

/**
 * Polls `fn` (which asserts) until it passes; rethrows its last error after
 * `timeout` ms, so a failure shows the real assertion message. With `page`,
 * each try first checks that the app has not panicked.
 */
export async function eventually(fn, { page, timeout = 10000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if (page) assertNoPanic(page);
      return await fn();
    } catch (err) {
      // A crashed app will not recover: say so at once.
      if (Date.now() > deadline || /the app panicked/.test(String(err?.message))) throw err;
    }
    await sleep(interval);
  }
}

/**
 * Waits for the cockpit's data, then scrolls each section still waiting to be
 * scrolled to (`.on-screen-placeholder`, src/components/on_screen.rs) into view
 * until every one has rendered.
 */
export async function renderLazySections(page, { timeout = 10000 } = {}) {
  await eventually(
    async () => {
      const { loaded, left } = await page.evaluate(() => {
        document.querySelector('.on-screen-placeholder')?.scrollIntoView();
        return {
          loaded: document.querySelector('.kpi-grid .kpi-tile') !== null,
          left: document.querySelectorAll('.on-screen-placeholder').length,
        };
      });
      // The lower sections exist only once the data has loaded.
      assert.ok(loaded, 'the cockpit has not loaded its data yet');
      assert.equal(left, 0, `${left} section(s) not rendered after scrolling to them`);
    },
    { page, timeout },
  );
}

/**
 * Scrolls each chart of the page into view in turn: a chart is drawn (and
 * ECharts fetched) only once it comes near the viewport
 * (src/components/chart.rs).
 */
export async function scrollChartsIntoView(page) {
  const charts = page.locator('.chart-box');
  const n = await charts.count();
  for (let i = 0; i < n; i++) await charts.nth(i).scrollIntoViewIfNeeded().catch(() => {});
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
  const i = s.indexOf('?');
  const path = i < 0 ? s : s.slice(0, i);
  const query = i < 0 ? '' : s.slice(i + 1);
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

/** `ymd` ("2026-11-28") moved by `n` days, as "YYYY-MM-DD". */
export function addDays(ymd, n) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The page does not scroll sideways (document scrollWidth ≤ innerWidth). */
export async function assertNoHorizontalScroll(page, where) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where}: horizontal scrolling (scrollWidth ${scrollWidth} > innerWidth ${innerWidth})`);
}

/** A short random tag for names that must not clash between runs. */
export const uniq = () => Math.random().toString(36).slice(2, 7);

/** Console errors other than the ones a test provokes on purpose. */
export function unexpectedErrors(page, allowed = []) {
  return page.errors.filter((e) => !allowed.some((re) => re.test(e)));
}

/**
 * Nothing sticks out sideways (document and body scrollWidth within the
 * viewport, 1 px tolerance); names the widest elements when something does.
 */
export async function assertNoHorizontalOverflow(page, where) {
  const m = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    client: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((el) => !el.closest('.table-scroll, [style*="overflow"]'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
  }));
  assert.ok(
    Math.max(m.doc, m.body) <= m.client + 1,
    `horizontal overflow ${where}: scrollWidth ${Math.max(m.doc, m.body)} > ${m.client}; widest: ${m.wide.join(', ')}`,
  );
}

/**
 * Problems that should not stop the rest of a flow from being checked: each
 * test collects them and fails at its end with all of them listed.
 */
export class Problems {
  list = [];
  /** Runs an assertion; a failure is recorded instead of thrown. */
  async check(label, fn) {
    try {
      await fn();
    } catch (err) {
      if (/the app panicked/.test(String(err?.message))) throw err;
      this.list.push(`${label}: ${String(err?.message ?? err).split('\n').slice(0, 12).join('\n    ')}`);
    }
  }
  /** axe scan; serious/critical violations are recorded. */
  async axe(page, label, include) {
    const v = await runAxe(page, include ? { include } : {});
    if (v.length) this.list.push(`axe on ${label}:\n${formatViolations(v)}`);
  }
  #seenPanics = 0;
  /** Records panics that happened since the last call, naming the step. */
  panics(page, step) {
    const all = panics(page);
    const fresh = all.slice(this.#seenPanics);
    this.#seenPanics = all.length;
    if (fresh.length) this.list.push(`the app panicked ${step}:\n    ${fresh.map((t) => t.split('\n').slice(0, 3).join(' / ')).join('\n    ')}`);
  }
  assertNone() {
    if (!this.list.length) return;
    const err = new assert.AssertionError({ message: `${this.list.length} problem(s):\n- ${this.list.join('\n- ')}` });
    err.fromProblems = true;
    throw err;
  }
}

/** The error, with the problems recorded before it appended. */
export function withProblems(err, problems) {
  if (!problems?.list.length || err?.fromProblems) return err;
  const e = new Error(`${err.message}\n\nalso recorded before that:\n- ${problems.list.join('\n- ')}`);
  e.stack = `${e.message}\n${String(err.stack).split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}`;
  return e;
}

/** Switches the language with the header's button and waits for <html lang>. */
export async function switchLang(page, code) {
  await page.locator('.lang-btn', { hasText: code === 'en' ? 'EN' : '中文' }).click();
  await eventually(async () =>
    assert.match(await page.evaluate(() => document.documentElement.lang), code === 'en' ? /^en/ : /^zh/),
    { page },
  );
}
