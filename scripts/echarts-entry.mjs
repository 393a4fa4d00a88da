// ECharts built for Haihe: only the chart types and components the app's
// charming options use, from the npm package's modular entry points, so the
// bundle is a fraction of the full echarts.min.js. Bundled (minified IIFE) by
// scripts/echarts-build.mjs, which Trunk runs as a build hook; loaded on demand
// by src/components/chart.rs when the first chart mounts.
//
// Adding a chart type or component in src/ means adding it here too:
// echarts-build.mjs scans src/ for charming types and fails the build, naming
// the missing import, when one is not registered below.

import { use, init, dispose, getInstanceByDom, version } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendPlainComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

// chart.rs (and charming's wasm renderer) call the global `echarts`.
window.echarts = { init, dispose, getInstanceByDom, version };
