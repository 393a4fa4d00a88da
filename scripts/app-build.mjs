#!/usr/bin/env node
// Builds the app's wasm split per area, as Trunk's post_build hook (Trunk.toml),
// so that `trunk build --release` and `trunk serve` still do everything.
//
// Trunk 0.21 runs cargo → wasm-bindgen → wasm-opt with no step in between, and
// splitting must happen between cargo and wasm-bindgen, so index.html has no
// rust <link> for the app (only for the demo-data worker) and this script does:
//
//   1. cargo rustc --bin haihe for wasm32, linked with --emit-relocs (the
//      splitter follows the relocations to see which code each split point
//      reaches; only the final link changes, no dependency is rebuilt);
//   2. wasm-split-cli (crates.io `wasm_split_cli_support`, pinned in
//      scripts/setup): the main module keeps the shell and everything the
//      landing area (the cockpit) uses; each `#[wasm_split]` function of
//      src/bin/haihe/areas.rs gets its own module, and code shared by several of
//      them goes to shared chunks; `__wasm_split.js` fetches and links them;
//   3. wasm-bindgen (--keep-lld-exports: the chunks link against them);
//   4. wasm-opt -Oz on every module (release only);
//   5. writes them all to `app-<hash>/` in Trunk's staging dir, the hash over
//      every file's content: the modules name each other relatively, so one
//      content-hashed directory keeps them cacheable for ever, and index.html
//      names the glue and the main wasm (<meta name="haihe-glue|haihe-wasm">,
//      read by scripts/web/start.js) with preloads for both.
//
// By hand: `node scripts/app-build.mjs --out DIR [--release]` writes DIR/app-<hash>/.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = 'haihe';
const log = (msg) => console.error(`[app-build] ${msg}`);

/** Runs a tool; `capture` returns its stdout; `quiet` shows its stderr only if it fails. */
function run(cmd, args, { capture = false, quiet = false } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${err}`)),
    );
  });
}

/** Step 1: the linked wasm, with relocations. Returns its path. */
async function cargoBuild(release) {
  const args = ['rustc', '--target', 'wasm32-unknown-unknown', '--bin', BIN, '--message-format=json-render-diagnostics'];
  if (release) args.push('--release');
  args.push('--', '-C', 'link-arg=--emit-relocs');
  const out = await run('cargo', args, { capture: true });
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const msg = JSON.parse(line);
    if (msg.reason === 'compiler-artifact' && msg.target?.name === BIN) {
      const wasm = msg.filenames.find((f) => f.endsWith('.wasm'));
      if (wasm) return wasm;
    }
  }
  throw new Error('cargo reported no wasm for the app');
}

/** Runs `jobs` async tasks, at most `width` at a time. */
async function pool(jobs, width) {
  const queue = [...jobs];
  const worker = async () => {
    while (queue.length) await queue.shift()();
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
}

export async function buildApp(outDir, release) {
  const work = mkdtempSync(join(tmpdir(), 'haihe-app-'));
  try {
    log(`cargo (${release ? 'release' : 'debug'})`);
    const linked = await cargoBuild(release);
    // The last output is kept beside cargo's: a rebuild that did not change
    // the wasm (`trunk serve` after a CSS edit) reuses it instead of running
    // wasm-opt on every module again (minutes).
    const kept = join(dirname(linked), `${BIN}-split`);
    const key = createHash('sha256').update(readFileSync(linked)).update(readFileSync(fileURLToPath(import.meta.url)))
      .update(release ? 'release' : 'debug').digest('hex');
    const keyFile = join(kept, 'key');
    if (existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) {
      const dir = readdirSync(kept).find((name) => name.startsWith('app-'));
      if (dir) {
        cpSync(join(kept, dir), join(outDir, dir), { recursive: true });
        log(`${dir}/: unchanged, reused`);
        return dir;
      }
    }
    const split = join(work, 'split');
    const bound = join(work, 'bound');
    mkdirSync(split);
    mkdirSync(bound);

    log('wasm-split-cli');
    await run('wasm-split-cli', ['--target', 'web', '--out-name', BIN, linked, split]);
    log('wasm-bindgen');
    await run('wasm-bindgen', [
      '--target', 'web', '--keep-lld-exports', '--no-demangle',
      '--out-dir', bound, '--out-name', BIN, join(split, `${BIN}.wasm`),
    ]);

    // Everything that ships: the glue and main wasm from wasm-bindgen, the
    // loader and the split modules from wasm-split-cli.
    const files = new Map([
      [`${BIN}.js`, join(bound, `${BIN}.js`)],
      [`${BIN}_bg.wasm`, join(bound, `${BIN}_bg.wasm`)],
    ]);
    for (const name of readdirSync(split)) {
      if (name === `${BIN}.wasm`) continue;
      if (name.endsWith('.wasm') || name.endsWith('.js')) files.set(name, join(split, name));
    }

    if (release) {
      const modules = [...files].filter(([name]) => name.endsWith('.wasm'));
      log(`wasm-opt -Oz on ${modules.length} modules`);
      const features = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
        '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];
      await pool(
        modules.map(([name, path]) => async () => {
          const opt = join(work, `opt-${name}`);
          // quiet: wasm-opt 132 warns about the name subsections wasm-split-cli writes.
          await run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', ...features, path, '-o', opt], {
            quiet: true,
          });
          files.set(name, opt);
        }),
        availableParallelism(),
      );
    }

    const hash = createHash('sha256');
    for (const [name, path] of [...files].sort()) hash.update(name).update(readFileSync(path));
    const dir = `app-${hash.digest('hex').slice(0, 16)}`;
    mkdirSync(join(outDir, dir), { recursive: true });
    let bytes = 0;
    for (const [name, path] of files) {
      cpSync(path, join(outDir, dir, name));
      bytes += statSync(path).size;
    }
    log(`${dir}/: ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB`);

    // Kept: this output (for the next build) and the main module with its
    // function names (for scripts/wasm-profile.mjs).
    rmSync(kept, { recursive: true, force: true });
    mkdirSync(kept, { recursive: true });
    cpSync(join(outDir, dir), join(kept, dir), { recursive: true });
    cpSync(join(bound, `${BIN}_bg.wasm`), join(kept, `${BIN}_bg.wasm`));
    writeFileSync(keyFile, key);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Names the glue and main wasm in index.html, with preloads. */
export function nameInHtml(htmlPath, dir) {
  const page = readFileSync(htmlPath, 'utf8');
  if (!page.includes('</head>')) throw new Error(`${htmlPath} has no </head>`);
  const glue = `${dir}/${BIN}.js`;
  const wasm = `${dir}/${BIN}_bg.wasm`;
  const tags = [
    `<meta name="haihe-glue" content="${glue}">`,
    `<meta name="haihe-wasm" content="${wasm}">`,
    `<link rel="modulepreload" href="${glue}">`,
    `<link rel="modulepreload" href="${dir}/__wasm_split.js">`,
    `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>`,
  ].join('');
  writeFileSync(htmlPath, page.replace('</head>', `${tags}</head>`));
}

async function main() {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const staging = process.env.TRUNK_STAGING_DIR;
  const outDir = outIdx >= 0 ? resolve(args[outIdx + 1] ?? '.') : staging;
  if (!outDir) {
    log('run by Trunk (TRUNK_STAGING_DIR) or with --out DIR [--release]');
    process.exit(2);
  }
  const release = outIdx >= 0 ? args.includes('--release') : process.env.TRUNK_PROFILE === 'release';
  const dir = await buildApp(outDir, release);
  if (outIdx < 0) nameInHtml(join(outDir, 'index.html'), dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    log(err?.stack ?? String(err));
    process.exit(1);
  });
}
