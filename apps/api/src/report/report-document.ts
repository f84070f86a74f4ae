import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ReportContent } from '@cascade/dialogue';
import { REPORT_TEMPLATE } from './report-template';

const COLOURS = ['#2b6cb0', '#2f855a', '#b7791f', '#c53030', '#6b46c1', '#718096', '#00838f', '#d53f8c'];

// Served inline, so the document (and the PDF made from it) needs no network and no other file.
const CHART_JS = readFileSync(
  path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  'utf8',
);

const hb = Handlebars.create();
hb.registerHelper('percent', (value: unknown) =>
  typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : '—',
);
hb.registerHelper('agencies', (map: Record<string, number>) =>
  Object.entries(map ?? {})
    .map(([agency, n]) => `${agency} ${n}`)
    .join(', '),
);
const render = hb.compile(REPORT_TEMPLATE, { strict: false });

/** JSON for a <script> block: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export interface IssuedInfo {
  version: number;
  issuedAt: Date;
  issuedBy: string;
}

/** The printable HTML of a draft (no `issued`) or of an issued version. */
export function reportHtml(content: ReportContent, issued?: IssuedInfo): string {
  const kinds = Object.keys(content.byKind);
  const states = [...new Set(content.statesOverTime.flatMap((p) => Object.keys(p.byState)))];
  return render({
    content,
    version: issued?.version ?? null,
    issuedAt: issued?.issuedAt.toISOString().slice(0, 10),
    issuedBy: issued?.issuedBy,
    chartJs: CHART_JS.replace(/<\/script/gi, '<\\/script'),
    chartData: scriptJson({
      kinds,
      rates: kinds.map((k) => Math.round((content.byKind[k].participationRate ?? 0) * 1000) / 10),
      dates: content.statesOverTime.map((p) => p.date),
      states: states.map((state) => ({
        state,
        counts: content.statesOverTime.map((p) => p.byState[state] ?? 0),
      })),
      colours: COLOURS,
    }),
  });
}
