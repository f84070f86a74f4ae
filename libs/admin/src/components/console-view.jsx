// Renders a "console view" that the server describes as data (see ../console-view.ts): facts, warnings, tables,
// preformatted texts, a diagram and one form. Every action and the dashboard use it, so the screens stay plain
// and alike.
import React, { useEffect, useRef, useState } from 'react';
import { Box, Button, H3, H5, Label, MessageBox, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

// The component's own words come from AdminJS's i18n (`components.ConsoleView.*` of the catalogues, in the
// account's language); what the server describes arrives already in that language.

const cell = {
  padding: '6px 10px',
  borderBottom: '1px solid #e5e8ec',
  textAlign: 'left',
  verticalAlign: 'top',
};
const input = {
  width: '100%',
  padding: '8px',
  border: '1px solid #c0c8d2',
  borderRadius: '4px',
  fontSize: '14px',
  boxSizing: 'border-box',
};

const barTrack = {
  display: 'inline-block',
  width: '120px',
  height: '10px',
  background: '#e5e8ec',
  borderRadius: '5px',
  overflow: 'hidden',
  verticalAlign: 'middle',
  marginRight: '8px',
};

// `value` of `max` as a bar and in words ("3 / 4 (75 %)"); an empty bar and "0 / 0" when there is nothing to count.
export const ProgressBar = ({ value, max }) => {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const percent = max > 0 ? ` (${(ratio * 100).toFixed(0)} %)` : '';
  const words = `${value} / ${max}${percent}`;
  return (
    <span data-testid="progress" data-value={value} data-max={max} style={{ whiteSpace: 'nowrap' }}>
      <span
        role="progressbar"
        aria-label={words}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        style={barTrack}
      >
        <span style={{ display: 'block', height: '100%', width: `${ratio * 100}%`, background: '#2f9e44' }} />
      </span>
      {words}
    </span>
  );
};

// One value as the server describes it (see ConsoleCell in ../console-view.ts): text, a bar, a link to another
// screen, a link that reads this screen again with other parameters, or text indented by its level in a tree.
export const Cell = ({ value, onQuery }) => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (value.bar) return <ProgressBar value={value.bar.value} max={value.bar.max} />;
  if (value.href) return <a href={value.href}>{value.label}</a>;
  if (value.query) {
    return (
      <Button
        type="button"
        size="sm"
        variant="text"
        data-testid="query-link"
        disabled={!onQuery}
        onClick={() => onQuery && onQuery(value.query)}
      >
        {value.label}
      </Button>
    );
  }
  if (value.text !== undefined) {
    return <span style={{ paddingLeft: `${(value.indent || 0) * 18}px` }}>{value.text}</span>;
  }
  return String(value);
};

export const ConsoleTable = ({ table, onQuery }) => {
  const { translateComponent: tc } = useTranslation();
  return (
    <Box mb="xl" data-testid={`table-${table.id || table.title}`}>
      <H5 mb="sm">{table.title}</H5>
      {table.rows.length === 0 ? (
        <Text color="grey60">{table.empty || tc('ConsoleView.none')}</Text>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: '13px' }}>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={`${i}-${c}`} style={{ ...cell, fontWeight: 600 }}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((value, j) => (
                  <td key={j} style={cell}>
                    <Cell value={value} onQuery={onQuery} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Box>
  );
};

// Where a long list is, and the pages around it (each read again with the server's parameters).
export const Pager = ({ pager, onQuery }) => {
  const { translateComponent: tc } = useTranslation();
  return (
    <Box mb="xl" data-testid="pager" style={{ display: 'flex', alignItems: 'center', gap: '12px' }}>
      <Button
        type="button"
        size="sm"
        variant="outlined"
        data-testid="pager-previous"
        disabled={!pager.previous || !onQuery}
        onClick={() => onQuery(pager.previous)}
      >
        {tc('ConsoleView.previous')}
      </Button>
      <Text data-testid="pager-position">
        {pager.total === 0
          ? tc('ConsoleView.noRows')
          : tc('ConsoleView.rows', { from: pager.from, to: pager.to, total: pager.total })}
      </Text>
      <Button
        type="button"
        size="sm"
        variant="outlined"
        data-testid="pager-next"
        disabled={!pager.next || !onQuery}
        onClick={() => onQuery(pager.next)}
      >
        {tc('ConsoleView.next')}
      </Button>
    </Box>
  );
};

// A search form (read again with a GET) sits on one line above its results, wrapping on narrow screens.
const searchForm = { display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' };

const Field = ({ field, value, onChange }) => {
  const common = {
    id: `field-${field.name}`,
    name: field.name,
    value: value ?? '',
    required: !!field.required,
    onChange: (e) => onChange(field.name, e.target.value),
    style: input,
  };
  if (field.type === 'hidden') return <input type="hidden" name={field.name} value={value ?? ''} />;
  if (field.type === 'checkbox')
    return (
      <Box mb="lg">
        <label htmlFor={common.id} style={{ display: 'flex', gap: '8px', alignItems: 'center' }}>
          <input
            type="checkbox"
            id={common.id}
            name={field.name}
            checked={value === 'yes'}
            onChange={(e) => onChange(field.name, e.target.checked ? 'yes' : '')}
          />
          {field.label}
        </label>
        {field.help ? (
          <Text mt="sm" color="grey60" fontSize="sm">
            {field.help}
          </Text>
        ) : null}
      </Box>
    );
  let control;
  if (field.type === 'textarea') control = <textarea rows={field.rows || 4} {...common} />;
  else if (field.type === 'select')
    control = (
      <select {...common}>
        <option value="">—</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else control = <input type={field.type || 'text'} {...common} />;
  return (
    <Box mb="lg">
      <Label htmlFor={`field-${field.name}`} required={!!field.required}>
        {field.label}
      </Label>
      {control}
      {field.help ? (
        <Text mt="sm" color="grey60" fontSize="sm">
          {field.help}
        </Text>
      ) : null}
    </Box>
  );
};

// Mermaid's browser bundle, served by the api itself behind the console's login (nothing from a CDN), loaded
// once, when the first diagram is shown.
const MERMAID_SRC = '/admin/assets/mermaid.min.js';
let mermaidLoading = null;
let diagramsDrawn = 0;

const loadMermaid = () => {
  if (window.mermaid) return Promise.resolve(window.mermaid);
  if (!mermaidLoading) {
    mermaidLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = MERMAID_SRC;
      script.async = true;
      script.onload = () => {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
        resolve(window.mermaid);
      };
      script.onerror = () => {
        mermaidLoading = null;
        reject(new Error('library'));
      };
      document.head.appendChild(script);
    });
  }
  return mermaidLoading;
};

// The diagram drawn as SVG, with its Mermaid text kept below it: fitted to the page width (an overview), or at
// its actual size in a scrolling box, where every label can be read.
export const Diagram = ({ diagram }) => {
  const { translateComponent: tc } = useTranslation();
  const [svg, setSvg] = useState(null);
  const [error, setError] = useState(null);
  const [actualSize, setActualSize] = useState(false);
  const box = useRef(null);
  useEffect(() => {
    let live = true;
    setSvg(null);
    setError(null);
    diagramsDrawn += 1;
    loadMermaid()
      .then((mermaid) => mermaid.render(`cascade-diagram-${diagramsDrawn}`, diagram.mermaid))
      .then((drawn) => live && setSvg(drawn.svg))
      .catch(
        (e) =>
          live &&
          setError(
            e && e.message === 'library' ? tc('ConsoleView.diagramLibrary') : (e && e.message) || String(e),
          ),
      );
    return () => {
      live = false;
    };
  }, [diagram.mermaid]);
  useEffect(() => {
    const drawn = box.current && box.current.querySelector('svg');
    if (!drawn) return;
    const width = drawn.viewBox && drawn.viewBox.baseVal ? drawn.viewBox.baseVal.width : 0;
    drawn.style.maxWidth = actualSize ? 'none' : `${width}px`;
    drawn.setAttribute('width', actualSize && width ? `${width}` : '100%');
  }, [svg, actualSize]);
  return (
    <Box mb="xl" data-testid={`diagram-${diagram.id}`}>
      <H5 mb="sm">{diagram.title}</H5>
      {svg ? (
        <Box>
          <Button
            type="button"
            size="sm"
            variant="text"
            mb="sm"
            data-testid="diagram-size"
            onClick={() => setActualSize(!actualSize)}
          >
            {actualSize ? tc('ConsoleView.fitToPage') : tc('ConsoleView.actualSize')}
          </Button>
          <div
            ref={box}
            data-testid="diagram-svg"
            style={{ overflow: 'auto', maxHeight: actualSize ? '80vh' : 'none', border: '1px solid #e5e8ec' }}
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        </Box>
      ) : error ? (
        <MessageBox variant="danger" message={tc('ConsoleView.diagramFailed', { error })} />
      ) : (
        <Text color="grey60">{tc('ConsoleView.drawing')}</Text>
      )}
      <details style={{ marginTop: '8px' }}>
        <summary>{tc('ConsoleView.mermaidText')}</summary>
        <pre
          data-testid={`text-${diagram.id}`}
          style={{ background: '#f6f8fa', padding: '12px', overflowX: 'auto', fontSize: '12px' }}
        >
          {diagram.mermaid}
        </pre>
      </details>
    </Box>
  );
};

export const ConsoleView = ({ view, values, onChange, onSubmit, onQuery, busy }) => {
  const { translateComponent: tc } = useTranslation();
  return (
    <Box variant="white" p="xl" data-testid="console-view">
      {view.title ? <H3 mb="lg">{view.title}</H3> : null}
      {view.intro ? <Text mb="lg">{view.intro}</Text> : null}
      {(view.errors || []).length > 0 ? (
        <Box mb="lg" data-testid="console-errors">
          {view.errors.map((m) => (
            <MessageBox key={m} mb="sm" variant="danger" message={m} />
          ))}
        </Box>
      ) : null}
      {(view.warnings || []).length > 0 ? (
        <Box mb="lg" data-testid="console-warnings">
          {view.warnings.map((m) => (
            <MessageBox
              key={m}
              mb="sm"
              variant="warning"
              message={tc('ConsoleView.warning', { message: m })}
            />
          ))}
        </Box>
      ) : null}
      {view.success ? (
        <Box mb="lg" data-testid="console-success">
          <MessageBox variant="success" message={view.success} />
        </Box>
      ) : null}
      {(view.facts || []).length > 0 ? (
        <Box mb="xl" data-testid="console-facts">
          <table style={{ borderCollapse: 'collapse', fontSize: '14px' }}>
            <tbody>
              {view.facts.map(([label, value]) => (
                <tr key={label}>
                  <th style={{ ...cell, fontWeight: 600 }}>{label}</th>
                  <td style={cell} data-fact={label}>
                    <Cell value={value} onQuery={onQuery} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      ) : null}
      {view.form ? (
        <form
          onSubmit={onSubmit}
          data-testid="console-form"
          style={view.form.method === 'get' ? searchForm : undefined}
        >
          {view.form.fields.map((f) =>
            view.form.method === 'get' ? (
              <div key={f.name} style={{ flex: '1 1 180px' }}>
                <Field field={f} value={values[f.name]} onChange={onChange} />
              </div>
            ) : (
              <Field key={f.name} field={f} value={values[f.name]} onChange={onChange} />
            ),
          )}
          <Button
            type="submit"
            variant={view.form.danger ? 'danger' : 'contained'}
            disabled={busy}
            data-testid="console-submit"
            mb={view.form.method === 'get' ? 'lg' : undefined}
          >
            {view.form.submit}
          </Button>
        </form>
      ) : null}
      <Box mt="xl">
        {view.pager ? <Pager pager={view.pager} onQuery={onQuery} /> : null}
        {(view.tables || []).map((t) => (
          <ConsoleTable key={t.id || t.title} table={t} onQuery={onQuery} />
        ))}
        {view.diagram ? <Diagram diagram={view.diagram} /> : null}
        {(view.texts || []).map((t) => (
          <Box key={t.title} mb="xl" data-testid={`text-${t.id || t.title}`}>
            <H5 mb="sm">{t.title}</H5>
            <pre style={{ background: '#f6f8fa', padding: '12px', overflowX: 'auto', fontSize: '12px' }}>
              {t.text}
            </pre>
          </Box>
        ))}
        {(view.links || []).map((l) => (
          <Box key={l.href} mb="sm">
            <a href={l.href}>{l.label}</a>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

export const valuesOf = (view) => {
  const values = {};
  for (const field of (view && view.form && view.form.fields) || []) values[field.name] = field.value ?? '';
  return values;
};

// What a failed request says, in the account's language (`tc`: AdminJS's translateComponent).
export const messageOf = (error, tc) => {
  const status = error && error.response && error.response.status;
  if (status === 403) return tc('ConsoleView.refused');
  if (status === 429) return tc('ConsoleView.tooManyRequests');
  return (error && error.message) || tc('ConsoleView.requestFailed');
};
