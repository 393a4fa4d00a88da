#!/usr/bin/env node
// Sizes of a built dist/ (raw, gzip -9, brotli q11), grouped by when the
// browser downloads them, and the first load of each area. Plain figures, no
// pass/fail. Run by scripts/bench; by hand: `node scripts/sizes.mjs [DIST]`.
//
// The app's wasm is split per area (scripts/app-build.mjs): the main module
// (shell + cockpit) loads with the page; an area's own module and the shared
// chunks it needs load when the area is first opened. __wasm_split.js lists
// each area's chunks; this script reads them from there.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants as z } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'dist');
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const measure = (buf) => ({
  raw: buf.length,
  gz: gzipSync(buf, { level: 9 }).length,
  br: brotliCompressSync(buf, {
    params: { [z.BROTLI_PARAM_QUALITY]: 11, [z.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length,
});
const sum = (items) =>
  items.reduce((a, m) => ({ raw: a.raw + m.raw, gz: a.gz + m.gz, br: a.br + m.br }), { raw: 0, gz: 0, br: 0 });
const kib = (n) => (n / 1024).toFixed(1).padStart(9);
const line = (label, m) => console.log(`${label.padEnd(52)}${kib(m.raw)}${kib(m.gz)}${kib(m.br)}`);

const group = (rel) => {
  if (/(^|\/)echarts[^/]*\.js$/.test(rel)) return 'ECharts (when the first chart mounts)';
  if (/^demo-worker/.test(rel)) return 'demo-data worker (embedded backend only)';
  if (/^app-[0-9a-f]+\/(split_|chunk_)/.test(rel)) return 'area modules and shared chunks (on demand)';
  if (/\.(wasm|m?js|css|html|json|png|svg)$/.test(rel)) return 'first load';
  return null;
};

const files = new Map();
for (const file of walk(root).sort()) {
  const rel = relative(root, file);
  const g = group(rel);
  if (g) files.set(rel, { group: g, ...measure(readFileSync(file)) });
}

console.log(`${'file'.padEnd(52)}${'raw'.padStart(9)}${'gzip-9'.padStart(9)}${'br-11'.padStart(9)}`);
const groups = [...new Set([...files.values()].map((f) => f.group))];
const totals = {};
for (const g of groups) {
  const members = [...files].filter(([, f]) => f.group === g);
  if (!g.startsWith('area modules')) for (const [name, f] of members) line(`  ${name}`, f);
  else console.log(`  (${members.length} files)`);
  totals[g] = sum(members.map(([, f]) => f));
  line(`${g} total`, totals[g]);
}

// Each area's first load: the page's first load plus the area's own module
// and the chunks __wasm_split.js loads with it.
const appDir = [...files.keys()].find((f) => /^app-[0-9a-f]+\/__wasm_split\.js$/.test(f))?.split('/')[0];
if (appDir) {
  console.log('-'.repeat(79));
  const loader = readFileSync(join(root, appDir, '__wasm_split.js'), 'utf8');
  const first = totals['first load'];
  line('cockpit (in the main module)', first);
  const re = /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+\.wasm)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g;
  for (const [, name, own, deps] of loader.matchAll(re)) {
    const parts = [own, ...deps.split(',').map((d) => d.trim()).filter(Boolean).map((d) => `${d.replace(/^__/, '')}.wasm`)];
    const extra = sum(parts.map((p) => files.get(`${appDir}/${p}`)).filter(Boolean));
    line(`${name.replace(/^area_/, '')} (+${parts.length} modules, ${(extra.br / 1024).toFixed(0)} KiB br)`, sum([first, extra]));
  }
}
