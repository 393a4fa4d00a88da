#!/usr/bin/env node
// Where the wasm's bytes go, so that each cut is aimed (run by scripts/bench):
// twiggy (crates.io) on a wasm that still has its function names.
//
//   node scripts/wasm-profile.mjs [WASM]
//
// WASM defaults to the main module (shell + cockpit) of the last release
// build, as wasm-bindgen left it with its names (scripts/app-build.mjs keeps a
// copy in target/wasm32-unknown-unknown/release/haihe-split/). It is first run
// through the same `wasm-opt -Oz` the build uses, with `--debuginfo` so the name
// section survives: the figures are then those of the shipped code (the
// name section itself is left out of the totals). Prints twiggy's top items,
// the sizes grouped by crate (from the demangled names), and the top
// dominators (what keeps the most bytes alive).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
// The main module (shell + cockpit) with names, kept by scripts/app-build.mjs.
const targetDir = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
const input = resolve(
  process.argv[2] ?? join(targetDir, 'wasm32-unknown-unknown', 'release', 'haihe-split', 'haihe_bg.wasm'),
);
if (!existsSync(input)) {
  console.error(`[wasm-profile] ${input} missing: run \`trunk build --release\` first`);
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error ?? r.stderr}`);
  return r.stdout;
};

const dir = mkdtempSync(join(tmpdir(), 'haihe-twiggy-'));
try {
  const opt = join(dir, 'haihe_opt.wasm');
  run('wasm-opt', ['-Oz', '--debuginfo', input, '-o', opt]);

  console.log(`twiggy top -n 30 (wasm-opt -Oz --debuginfo of ${input.replace(`${ROOT}/`, '')})`);
  console.log(run('twiggy', ['top', '-n', '30', opt]));

  // Every item, to group by crate.
  const rows = JSON.parse(run('twiggy', ['top', '-n', '1000000', '-f', 'json', opt]));
  const byCrate = new Map();
  let total = 0;
  for (const { name, shallow_size: size } of rows) {
    // The name section is there only for this profile: not shipped.
    if (/subsection|"name" section|^custom section/.test(name)) continue;
    total += size;
    const key = crateOf(name);
    byCrate.set(key, (byCrate.get(key) ?? 0) + size);
  }
  console.log(`by crate (code and data, without the name section; ${(total / 1024).toFixed(1)} KiB)`);
  const sorted = [...byCrate].sort((a, b) => b[1] - a[1]);
  for (const [crate, size] of sorted.slice(0, 30)) {
    console.log(`${(size / 1024).toFixed(1).padStart(9)} KiB ${((100 * size) / total).toFixed(1).padStart(5)}%  ${crate}`);
  }
  const rest = sorted.slice(30).reduce((s, [, n]) => s + n, 0);
  if (rest) console.log(`${(rest / 1024).toFixed(1).padStart(9)} KiB ${((100 * rest) / total).toFixed(1).padStart(5)}%  (${sorted.length - 30} more)`);

  console.log('\ntwiggy dominators -d 2 -r 25 (retained sizes: what keeps the most code alive)');
  console.log(run('twiggy', ['dominators', '-d', '2', '-r', '25', opt]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The crate an item belongs to, from its demangled name: the first path
 * segment, looking inside `<T as Trait>` and `drop_in_place<T>` wrappers
 * (monomorphised std code is charged to the crate whose type it is for).
 */
function crateOf(name) {
  if (/^data\[|^data segment/.test(name)) return '(data segments: string literals, tables)';
  if (/^(import|export|elem|table|type|code section|global|memory)/.test(name) || /section headers/.test(name)) {
    return '(wasm structure: imports, exports, tables)';
  }
  if (/^__wbg_|^__wbindgen|wasm_bindgen/.test(name)) return 'wasm_bindgen';
  const n = name
    .replace(/^(core|alloc)::ptr::drop_in_place</, '')
    .replace(/^<+/, '')
    .replace(/^(?:[A-Z]|&?\[[^\]]*\]|[a-z0-9]+) as /, ''); // `<T as crate::Trait>`: the trait's crate
  const m = n.match(/^&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  if (/^func\[\d+\]$/.test(name)) return '(unnamed functions)';
  return '(other: ' + name.slice(0, 40) + ')';
}
