/** The printable report: one page of summary and charts, then the table of entities. Escaped throughout. */
export const REPORT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Leadership Dialogue {{content.year}} — report to the Secretary-General{{#if version}} (version {{version}}){{else}} (draft){{/if}}</title>
<style>
  body { font: 11pt/1.4 "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 2rem; }
  h1 { font-size: 18pt; margin: 0 0 .2rem; } h2 { font-size: 13pt; margin: 1.6rem 0 .5rem; }
  .meta { color: #555; margin-bottom: 1rem; }
  .draft { color: #a40000; font-weight: bold; }
  .figures { display: flex; flex-wrap: wrap; gap: .8rem; }
  .figure { border: 1px solid #ccc; padding: .5rem .8rem; min-width: 9rem; }
  .figure b { display: block; font-size: 15pt; }
  .charts { display: flex; gap: 1rem; flex-wrap: wrap; }
  .chart { width: 48%; min-width: 22rem; height: 16rem; }
  table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
  th, td { border: 1px solid #ccc; padding: 2px 4px; text-align: left; vertical-align: top; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  tr.not-completed td, tr.not-included td, tr.withdrawn td { color: #555; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; }
    h2 { break-after: avoid; }
    tr { break-inside: avoid; }
    .chart { width: 48%; }
  }
</style>
</head>
<body>
<h1>Leadership Dialogue {{content.year}}</h1>
<p class="meta">Report of the Ethics Office to the Secretary-General —
{{#if version}}version {{version}}, issued {{issuedAt}} by {{issuedBy}}{{else}}<span class="draft">DRAFT, not issued</span>, compiled {{content.compiledAt}}{{/if}}.
Report cutoff {{content.reportCutoff}}.</p>

<h2>Summary</h2>
<div class="figures">
  <div class="figure"><b>{{content.totals.completed}} / {{content.totals.entities}}</b>entities completed the dialogue</div>
  <div class="figure"><b>{{percent content.totals.participationRate}}</b>participation ({{content.totals.staffParticipated}} of {{content.totals.eligibleStaff}} staff)</div>
  <div class="figure"><b>{{content.totals.sessionsHeld}}</b>sessions held</div>
  <div class="figure"><b>{{content.totals.managersLed}}</b>managers led a session</div>
  <div class="figure"><b>{{content.totals.nonStaffParticipants}}</b>non-staff participants</div>
  <div class="figure"><b>{{content.totals.notCompleted}} · {{content.totals.notIncluded}} · {{content.totals.withdrawn}}</b>not completed · not included · withdrawn</div>
</div>
{{#if content.previousYear}}
<p>Compared with {{content.previousYear.year}}: {{content.previousYear.totals.completed}} of {{content.previousYear.totals.entities}} entities completed,
participation {{percent content.previousYear.totals.participationRate}}.</p>
{{/if}}

<h2>Charts</h2>
<div class="charts">
  <div class="chart"><canvas id="by-kind" aria-label="Participation rate by kind of entity" role="img"></canvas></div>
  <div class="chart"><canvas id="over-time" aria-label="Entities per state over time" role="img"></canvas></div>
</div>

<h2>By kind of entity</h2>
<table>
<thead><tr><th>Kind</th><th>Entities</th><th>Completed</th><th>Eligible staff</th><th>Participated</th><th>Rate</th><th>Sessions</th></tr></thead>
<tbody>
{{#each content.byKind}}<tr><td>{{@key}}</td><td class="n">{{entities}}</td><td class="n">{{completed}}</td><td class="n">{{eligibleStaff}}</td><td class="n">{{staffParticipated}}</td><td class="n">{{percent participationRate}}</td><td class="n">{{sessionsHeld}}</td></tr>
{{/each}}
</tbody>
</table>

{{#if content.changes}}
<h2>Changes since the previous version</h2>
<table><thead><tr><th>Entity</th><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>
{{#each content.changes}}<tr><td>{{code}}</td><td>{{field}}</td><td>{{before}}</td><td>{{after}}</td></tr>{{/each}}
</tbody></table>
{{/if}}

<h2>Entities</h2>
<table>
<thead><tr><th>Code</th><th>Entity</th><th>Kind</th><th>Status</th><th>Eligible</th><th>Participated</th><th>Rate</th><th>Sessions</th><th>Leaders</th><th>Cascade</th><th>Non-staff</th><th>Other agencies</th><th>Head confirmed</th><th>Extension</th></tr></thead>
<tbody>
{{#each content.rows}}<tr class="{{status}}"><td>{{code}}</td><td>{{name}}</td><td>{{kind}}</td><td>{{status}}{{#if statusReason}} ({{statusReason}}){{/if}}</td><td class="n">{{eligibleStaff}}</td><td class="n">{{staffParticipated}}</td><td class="n">{{percent participationRate}}</td><td class="n">{{sessionsHeld}}</td><td class="n">{{managersLed}}</td><td class="n">{{percent cascadeCompletion}}</td><td class="n">{{nonStaffParticipants}}</td><td>{{agencies otherAgencyParticipants}}</td><td>{{#if headConfirmed}}yes{{else}}no{{/if}}</td><td>{{extensionUntil}}</td></tr>
{{/each}}
</tbody>
</table>

<script>{{{chartJs}}}</script>
<script type="application/json" id="chart-data">{{{chartData}}}</script>
<script>
  // Charts draw once, without animation, so a PDF printer sees them complete.
  const data = JSON.parse(document.getElementById('chart-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  new Chart(document.getElementById('by-kind'), {
    type: 'bar',
    data: { labels: data.kinds, datasets: [{ label: 'Participation rate (%)', data: data.rates, backgroundColor: '#2b6cb0' }] },
    options: { scales: { y: { min: 0, max: 100 } }, plugins: { title: { display: true, text: 'Participation rate by kind of entity' } } },
  });
  new Chart(document.getElementById('over-time'), {
    type: 'line',
    data: { labels: data.dates, datasets: data.states.map((s, i) => ({ label: s.state, data: s.counts, borderColor: data.colours[i % data.colours.length], fill: false })) },
    options: { plugins: { title: { display: true, text: 'Entities per state over time' } } },
  });
  window.chartsReady = true;
</script>
</body>
</html>
`;
