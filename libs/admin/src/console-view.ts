import type { ConsoleLanguage } from '@cascade/dialogue';
import { percentIn } from './locale/console-text';

/**
 * What the console's one React component (components/console-view.jsx) renders: the server describes each
 * screen as data, so every rule, warning and refusal stays on the server.
 */
export interface ConsoleField {
  name: string;
  label: string;
  /** A checkbox sends `yes` when ticked and an empty value when not; its `value` ticks it at first. */
  type?: 'text' | 'textarea' | 'date' | 'select' | 'hidden' | 'email' | 'password' | 'checkbox';
  options?: { value: string; label: string }[];
  required?: boolean;
  value?: string;
  help?: string;
  rows?: number;
}

/** A cell drawn as a progress bar: `value` of `max` (e.g. managers who held their session of those in a branch). */
export interface BarCell {
  bar: { value: number; max: number };
}

/** A cell that reads the same screen again with these parameters (a GET: viewers may follow it too). */
export interface QueryCell {
  label: string;
  query: Record<string, string>;
}

/** A cell that opens another screen of the console. */
export interface LinkCell {
  label: string;
  href: string;
}

/** A text cell indented by `indent` levels (a tree drawn in a table). */
export interface IndentedCell {
  text: string;
  indent: number;
}

/** Plain values are shown as text; the cells above are drawn as what they say. */
export type ConsoleCell =
  BarCell | QueryCell | LinkCell | IndentedCell | string | number | boolean | null | undefined;

export interface ConsoleTable {
  id?: string;
  title: string;
  columns: string[];
  rows: ConsoleCell[][];
  empty?: string;
}

/** Where a long list is: the rows shown (from 1), and the parameters that read the pages around it. */
export interface ConsolePager {
  from: number;
  to: number;
  total: number;
  previous?: Record<string, string>;
  next?: Record<string, string>;
}

export interface ConsoleView {
  title: string;
  intro?: string;
  errors?: string[];
  warnings?: string[];
  success?: string;
  /** Label and value; a value may be any cell (a bar, a link). */
  facts?: [string, unknown][];
  tables?: ConsoleTable[];
  texts?: { id?: string; title: string; text: string }[];
  /**
   * `method: 'get'` makes it a search form: its values are read again as the screen's parameters (GET), so a
   * viewer may use it and nothing changes; otherwise the values are posted to the action.
   */
  form?: { fields: ConsoleField[]; submit: string; danger?: boolean; method?: 'get' };
  pager?: ConsolePager;
  links?: { label: string; href: string }[];
  /** A Mermaid definition, drawn as SVG in the browser by the Mermaid bundle the console serves itself. */
  diagram?: { id: string; title: string; mermaid: string };
}

/**
 * The form of `view` with the values that were sent, so a refused form comes back as it was typed; passwords
 * are never sent back.
 */
export function withValues(view: ConsoleView, values: Record<string, string>): ConsoleView {
  if (!view.form) return view;
  return {
    ...view,
    form: {
      ...view.form,
      fields: view.form.fields.map((f) =>
        f.name in values && f.type !== 'password' ? { ...f, value: values[f.name] } : f,
      ),
    },
  };
}

export const iso = (date: Date | null | undefined): string | null =>
  date ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : null;

/** A ratio as a percentage with one decimal, written the language's way ("12.5 %", "12,5 %"). */
export const percent = (ratio: number | null | undefined, language: ConsoleLanguage = 'en'): string =>
  ratio === null || ratio === undefined ? '—' : percentIn(language, ratio);

export const bar = (value: number, max: number): BarCell => ({ bar: { value, max } });

export const queryLink = (label: string, query: Record<string, string>): QueryCell => ({ label, query });

export const indented = (text: string, indent: number): IndentedCell => ({ text, indent });
