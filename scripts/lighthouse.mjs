#!/usr/bin/env node
// Lighthouse (npm `lighthouse`, pinned to 12.2.3: 13 needs Node 22) against
// dist/ served as a CDN would: brotli (quality 11, precompressed once),
// long-lived caching for content-hashed files, and the README's
// Content-Security-Policy. Mobile (Lighthouse's default: simulated slow 4G,
// 4× CPU) and desktop, each run LH_RUNS times (default 3); prints the median
// of each figure. Plain figures, no pass/fail. Run by scripts/bench.
//
// Environment: HAIHE_DIST (default dist/), CHROME_PATH (default
// /usr/bin/chromium), LH_RUNS, LH_URL_HASH (default #/cockpit).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants as z } from 'node:zlib';
import { CSP_POLICY, DIST_DIR, REPO_ROOT, mimeType } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.LH_RUNS || 3);
const HASH = process.env.LH_URL_HASH || '#/cockpit';
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const PREFIX = '/haihe/';

/** dist/ in memory: path → { body, br, type, immutable }. */
function loadDist(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const body = readFileSync(p);
        const br = brotliCompressSync(body, {
          params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_SIZE_HINT]: body.length },
        });
        files.set(`/${relative(root, p)}`, {
          body,
          br,
          type: mimeType(p),
          // Trunk's and the ECharts hook's names carry a 16-hex content hash;
          // the app's modules sit in a content-hashed app-<hash>/ directory.
          immutable:
            /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/.test(name) || /^app-[0-9a-f]{16}\//.test(relative(root, p)),
        });
      }
    }
  };
  walk(root);
  return files;
}

function serve(files) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    let rel = `/${path.slice(PREFIX.length)}`;
    if (rel.endsWith('/')) rel += 'index.html';
    const f = files.get(rel);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    const br = /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const body = br ? f.br : f.body;
    res.writeHead(200, {
      'Content-Type': f.type,
      'Content-Length': body.length,
      ...(br ? { 'Content-Encoding': 'br' } : {}),
      Vary: 'Accept-Encoding',
      'Cache-Control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': CSP_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Async: the static server runs in this process, and a spawnSync would block
// it (Lighthouse then waits for a page that never loads).
async function lighthouse(url, formFactor, out) {
  const cli = join(REPO_ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [
    cli,
    url,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
  ];
  const r = await new Promise((done) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stderr });
    });
  });
  if (r.status !== 0) throw new Error(`lighthouse ${formFactor} failed (${r.status}): ${r.stderr}`);
  const lhr = JSON.parse(readFileSync(out, 'utf8'));
  const score = (c) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
  const num = (a) => lhr.audits[a]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    bytes: num('total-byte-weight'),
    failed: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id),
  };
}

const server = await serve(loadDist(DIST_DIR));
const url = `http://127.0.0.1:${server.address().port}${PREFIX}${HASH}`;
const dir = mkdtempSync(join(tmpdir(), 'haihe-lh-'));
try {
  console.log(`Lighthouse 12 on ${url.replace(/:\d+/, ':PORT')} (${resolve(DIST_DIR)}), median of ${RUNS}`);
  console.log(`${'form factor'.padEnd(12)}${'perf'.padStart(6)}${'a11y'.padStart(6)}${'b-p'.padStart(6)}${'FCP ms'.padStart(9)}${'LCP ms'.padStart(9)}${'TBT ms'.padStart(9)}${'CLS'.padStart(7)}${'KiB'.padStart(7)}`);
  for (const formFactor of ['mobile', 'desktop']) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await lighthouse(url, formFactor, join(dir, `${formFactor}-${i}.json`)));
    const m = (k) => median(runs.map((r) => r[k]));
    console.log(
      `${formFactor.padEnd(12)}${String(m('performance')).padStart(6)}${String(m('accessibility')).padStart(6)}` +
        `${String(m('bestPractices')).padStart(6)}${m('fcp').toFixed(0).padStart(9)}${m('lcp').toFixed(0).padStart(9)}` +
        `${m('tbt').toFixed(0).padStart(9)}${m('cls').toFixed(3).padStart(7)}${(m('bytes') / 1024).toFixed(0).padStart(7)}`,
    );
    const failed = [...new Set(runs.flatMap((r) => r.failed))];
    if (failed.length) console.log(`${''.padEnd(12)}failed audits (any run): ${failed.join(', ')}`);
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
