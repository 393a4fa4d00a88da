#!/usr/bin/env node
// Builds Haihe's own ECharts (scripts/echarts-entry.mjs: only what the app's
// charts use) with esbuild, as Trunk's post_build hook (Trunk.toml), so that
// `trunk build --release` and `trunk serve` do everything:
//
//   1. checks that every charming series/component type used in src/ is
//      registered in the entry (else the chart would silently not render);
//   2. bundles the entry (minified IIFE, ES2019) from the npm `echarts`;
//   3. writes it content-hashed as `echarts-<hash>.js` into Trunk's staging
//      dir and names it in index.html with `<meta name="haihe-echarts">`,
//      which src/components/chart.rs reads to load it when a chart mounts.
//      It is not loaded before: the shell and the KPI tiles never wait for it.
//
// By hand: `node scripts/echarts-build.mjs --check` (step 1 only) or
// `node scripts/echarts-build.mjs --out DIR` (writes DIR/echarts-<hash>.js).

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'scripts', 'echarts-entry.mjs');

// charming type → the echarts/* export it needs. `[]`: needs nothing of its own.
const SERIES = {
  Bar: ['BarChart'], Boxplot: ['BoxplotChart'], Candlestick: ['CandlestickChart'],
  Custom: ['CustomChart'], EffectScatter: ['EffectScatterChart'], Funnel: ['FunnelChart'],
  Gauge: ['GaugeChart'], Graph: ['GraphChart'], Heatmap: ['HeatmapChart'], Line: ['LineChart'],
  Lines: ['LinesChart'], Map: ['MapChart'], Parallel: ['ParallelChart', 'ParallelComponent'],
  PictorialBar: ['PictorialBarChart'], Pie: ['PieChart'], Radar: ['RadarChart', 'RadarComponent'],
  Sankey: ['SankeyChart'], Scatter: ['ScatterChart'], Sunburst: ['SunburstChart'],
  ThemeRiver: ['ThemeRiverChart', 'SingleAxisComponent'], Tree: ['TreeChart'], Treemap: ['TreemapChart'],
};
const COMPONENTS = {
  Axis: [], Grid: ['GridComponent'], Legend: ['LegendPlainComponent'], LegendType: ['LegendScrollComponent'],
  LegendConfig: [], LegendItem: [], LegendSelectedMode: [], Title: ['TitleComponent'],
  VisualMap: ['VisualMapContinuousComponent'], VisualMapChannel: [],
  VisualMapPiece: ['VisualMapPiecewiseComponent'], VisualMapType: ['VisualMapPiecewiseComponent'],
  DataZoom: ['DataZoomComponent'], DataZoomType: [], Toolbox: ['ToolboxComponent'],
  ToolboxFeature: [], Feature: [], SaveAsImage: [], Restore: [], DataView: [], MagicType: [],
  PolarCoordinate: ['PolarComponent'], AngleAxis: ['PolarComponent'], RadiusAxis: ['PolarComponent'],
  RadarCoordinate: ['RadarComponent'], SingleAxis: ['SingleAxisComponent'],
  ParallelCoordinate: ['ParallelComponent'], ParallelAxis: ['ParallelComponent'],
  Brush: ['BrushComponent'], GeoMap: ['GeoComponent'], Aria: ['AriaComponent'],
  Calendar: ['CalendarComponent'], Dataset: ['DatasetComponent'], Timeline: ['TimelineComponent'],
  Graphic: ['GraphicComponent'], Geo: ['GeoComponent'],
};
// Only these charming::element types need a component; the rest are plain options.
const ELEMENTS = {
  Tooltip: ['TooltipComponent'], MarkLine: ['MarkLineComponent'], MarkPoint: ['MarkPointComponent'],
  MarkArea: ['MarkAreaComponent'], AxisPointer: ['AxisPointerComponent'],
};

const rustFiles = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return rustFiles(p);
    return p.endsWith('.rs') ? [p] : [];
  });

/** Every `charming::<module>::Type` named in src/ (paths and `use` groups). */
export function charmingTypes(srcDir = join(ROOT, 'src')) {
  const found = new Map(); // "series::Line" → first file
  const re = /charming::(series|component|element)::(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g;
  for (const file of rustFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const [, module, what] of text.matchAll(re)) {
      const names = what.startsWith('{')
        ? what.slice(1, -1).split(',').map((s) => s.trim().split(/\s+as\s+/)[0].trim())
        : [what];
      for (const name of names.filter(Boolean)) {
        const key = `${module}::${name}`;
        if (!found.has(key)) found.set(key, file.slice(ROOT.length + 1));
      }
    }
  }
  return found;
}

/** Problems (in words) between src/'s charming types and the entry's imports. */
export function checkEntry() {
  const entry = readFileSync(ENTRY, 'utf8');
  const problems = [];
  for (const [key, file] of charmingTypes()) {
    const [module, name] = key.split('::');
    const table = { series: SERIES, component: COMPONENTS, element: ELEMENTS }[module];
    const needs = table[name];
    if (needs === undefined) {
      // Unknown series or component: better a failed build than a blank chart.
      if (module !== 'element') problems.push(`${file} uses charming::${key}, unknown to scripts/echarts-build.mjs: map it there`);
      continue;
    }
    for (const exp of needs) {
      if (!new RegExp(`\\b${exp}\\b`).test(entry)) {
        problems.push(`${file} uses charming::${key}: import and register ${exp} in scripts/echarts-entry.mjs`);
      }
    }
  }
  return problems;
}

async function bundle() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  // The Apache-2.0 notice, once, instead of a comment per module.
  const notice = '/*! Apache ECharts (npm echarts), Apache License 2.0, built for Haihe by scripts/echarts-build.mjs */\n';
  return Buffer.concat([Buffer.from(notice), Buffer.from(result.outputFiles[0].contents)]);
}

const write = (dir, code) => {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = `echarts-${hash}.js`;
  writeFileSync(join(dir, name), code);
  return name;
};

async function main() {
  const args = process.argv.slice(2);
  const problems = checkEntry();
  if (problems.length) {
    for (const p of problems) console.error(`[echarts] ${p}`);
    process.exit(1);
  }
  if (args[0] === '--check') return;

  const outIdx = args.indexOf('--out');
  const staging = process.env.TRUNK_STAGING_DIR;
  const dir = outIdx >= 0 ? resolve(args[outIdx + 1] ?? '.') : staging;
  if (!dir) {
    console.error('[echarts] run by Trunk (TRUNK_STAGING_DIR) or with --out DIR');
    process.exit(2);
  }
  const code = await bundle();
  const name = write(dir, code);
  if (outIdx < 0) {
    const html = join(dir, 'index.html');
    const page = readFileSync(html, 'utf8');
    const meta = `<meta name="haihe-echarts" content="${name}">`;
    if (!page.includes('</head>')) throw new Error(`${html} has no </head>`);
    writeFileSync(html, page.replace('</head>', `${meta}</head>`));
  }
  console.error(`[echarts] ${name}: ${(code.length / 1024).toFixed(1)} KiB minified`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`[echarts] ${err?.stack ?? err}`);
    process.exit(1);
  });
}
