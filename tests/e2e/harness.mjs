// Browser-test harness for Haihe (ESM, Node 20+, no test-framework coupling).
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
 *
 * @param {{ root?: string, prefix?: string, config?: object, port?: number }} [opts]
 * @returns {Promise<{ url: string, origin: string, port: number, requests: object[],
 *                     setConfig(obj: object|null): void, close(): Promise<void> }>}
 */
export async function startStaticServer({ root = DIST_DIR, prefix = '/team/haihe/', config, port = 0 } = {}) {
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

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

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
  if (page) await page.context().close();
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
