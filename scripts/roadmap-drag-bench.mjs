#!/usr/bin/env node
// Roadmap drag benchmark, kept for the README's command: now the `board` area
// of scripts/drag-bench.mjs (500 cards, unthrottled and 4× CPU throttled;
// see there for the figures and the environment).
//
//   HAIHE_DIST=$PWD/dist HAIHE_DB_JSON=/tmp/db.json node scripts/roadmap-drag-bench.mjs [cards]

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./drag-bench.mjs', import.meta.url));
const env = { ...process.env };
if (process.argv[2]) env.BENCH_ITEMS = process.argv[2];
const r = spawnSync(process.execPath, [script, 'board'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
