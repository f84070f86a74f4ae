import path from 'node:path';

/** Where the dashboard's components load Chart.js from: served by the console itself, behind its login. */
export const CHART_JS_PATH = '/assets/chart.umd.min.js';

/** Chart.js's browser bundle (UMD, sets `window.Chart`) from its npm package, a dependency: no CDN. */
export function chartJsBundleFile(): string {
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}
