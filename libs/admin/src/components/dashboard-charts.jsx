// The dashboard's charts, drawn by Chart.js in the browser from the figures and words the server sends (see
// ../dashboard-charts.ts). Chart.js's browser bundle is served by Cascade itself behind the login, loaded once.
import React, { useEffect, useRef, useState } from 'react';
import { Box, H5, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const CHART_JS_SRC = '/admin/assets/chart.umd.min.js';
let chartJsLoading = null;

const loadChartJs = () => {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartJsLoading) {
    chartJsLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = CHART_JS_SRC;
      script.async = true;
      script.onload = () => resolve(window.Chart);
      script.onerror = () => {
        chartJsLoading = null;
        reject(new Error('library'));
      };
      document.head.appendChild(script);
    });
  }
  return chartJsLoading;
};

// Colours told apart also by people with the common colour-vision deficiencies (Okabe–Ito palette).
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

const configOf = (chart) => {
  const percentAxis = chart.percent
    ? { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } }
    : { beginAtZero: true, ticks: { precision: 0 } };
  const valueAxis = chart.horizontal ? 'x' : 'y';
  return {
    type: chart.type,
    data: {
      labels: chart.labels,
      datasets: chart.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        borderColor: PALETTE[i % PALETTE.length],
        backgroundColor: PALETTE[i % PALETTE.length],
        tension: 0.2,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: chart.horizontal ? 'y' : 'x',
      scales: { [valueAxis]: percentAxis },
      plugins: { legend: { display: chart.datasets.length > 1 } },
    },
  };
};

// One chart, with its figures also as a table for screen readers (the canvas is an image to them).
const Chart = ({ chart, library }) => {
  const canvas = useRef(null);
  useEffect(() => {
    if (!library || !canvas.current) return undefined;
    const drawn = new library(canvas.current, configOf(chart));
    return () => drawn.destroy();
  }, [library, chart]);
  const height = chart.horizontal ? Math.max(160, 22 * chart.labels.length + 60) : 260;
  return (
    <figure style={{ margin: 0, flex: '1 1 420px', minWidth: 0 }} data-testid={`chart-${chart.id}`}>
      <H5 as="figcaption" mb="sm" id={`chart-${chart.id}-title`}>
        {chart.title}
      </H5>
      <div style={{ position: 'relative', height: `${height}px` }}>
        <canvas ref={canvas} role="img" aria-labelledby={`chart-${chart.id}-title`} />
      </div>
      <details>
        <summary style={{ fontSize: '12px', cursor: 'pointer' }}>{chart.title}</summary>
        <table style={{ fontSize: '12px', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th />
              {chart.datasets.map((d) => (
                <th key={d.label} style={{ padding: '2px 8px', textAlign: 'left' }}>
                  {d.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.labels.map((label, i) => (
              // By position: two points of a chart may share a label (the last week's and today's date).
              <tr key={i}>
                <th style={{ padding: '2px 8px', textAlign: 'left' }}>{label}</th>
                {chart.datasets.map((d) => (
                  <td key={d.label} style={{ padding: '2px 8px' }}>
                    {chart.percent ? `${d.data[i]} %` : d.data[i]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};

export const DashboardCharts = ({ charts }) => {
  const { translateComponent: tc } = useTranslation();
  const [library, setLibrary] = useState(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadChartJs()
      .then((loaded) => {
        if (!live) return;
        loaded.defaults.animation = false;
        setLibrary(() => loaded);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  if (!charts || charts.length === 0) return null;
  return (
    <Box variant="white" p="xl" mb="lg" data-testid="dashboard-charts" data-drawn={library ? 'yes' : 'no'}>
      {failed ? <Text color="error">{tc('Dashboard.chartLibrary')}</Text> : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '24px' }}>
        {charts.map((chart) => (
          <Chart key={chart.id} chart={chart} library={library} />
        ))}
      </div>
    </Box>
  );
};
