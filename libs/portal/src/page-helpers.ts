import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { DateTime } from 'luxon';
import type { Language } from '@cascade/dialogue';

/** Nested strings of one language (`views/strings/<lang>.json`). */
export interface StringTable {
  [key: string]: string | StringTable;
}

/** What the helpers read from Handlebars' `@data`: the page's language, its strings and the entity's zone. */
export interface PageFrame {
  lang: Language;
  strings: StringTable;
  timeZone: string;
}

type HelperFn = (...args: unknown[]) => unknown;

/** English in the Organisation's day-first style ("31 December 2026"). */
export const INTL_LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr', es: 'es' };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function splitArgs(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

function frame(options: HelperOptions): PageFrame {
  const data = options.data as Partial<PageFrame> | undefined;
  if (!data?.lang || !data.strings || !data.timeZone) {
    throw new Error('page helpers need @lang, @strings and @timeZone (render through PageRenderer)');
  }
  return data as PageFrame;
}

/** A dotted key of a string table, or an error naming the key and language. */
export function lookupString(strings: StringTable, key: string, lang: string): string {
  let node: string | StringTable | undefined = strings;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no string '${key}' for language '${lang}'`);
  return node;
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in the template, not a blank. */
export function interpolate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (!(name in values) || values[name] === undefined)
      throw new Error(`string placeholder {${name}} was not given`);
    return String(values[name]);
  });
}

/** '2026-12-31' is a day of the entity's calendar and is shown as is; an instant is shown in the entity's zone. */
export function formatDate(value: unknown, lang: Language, timeZone: string): string {
  const locale = INTL_LOCALE[lang];
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const day = DateTime.fromISO(value, { zone: 'utc' });
    if (!day.isValid) return value;
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(day.toJSDate());
  }
  const instant = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) throw new Error(`not a date: ${JSON.stringify(value)}`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(instant);
}

export function formatNumber(value: unknown, lang: Language): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return new Intl.NumberFormat(INTL_LOCALE[lang]).format(n);
}

const helpers: Record<string, HelperFn> = {
  /**
   * `{{t "statistics.title"}}`, `{{t "progress.led" led=3 total=9}}`: a string of the page's language. Extra
   * positional parts are joined with dots: `{{t "states" context.state}}`. The result is escaped like any value.
   */
  t(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    const key = params.map(String).join('.');
    return interpolate(lookupString(f.strings, key, f.lang), options.hash as Record<string, unknown>);
  },

  /** `{{tOr "states" context.state}}`: like `t`, but an unknown last part is shown as it is. */
  tOr(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    try {
      return lookupString(f.strings, params.map(String).join('.'), f.lang);
    } catch {
      return String(params[params.length - 1]);
    }
  },

  /** `{{date effectiveDeadline}}`: a long date in the page's language. */
  date(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    return formatDate(params[0], f.lang, f.timeZone);
  },

  /** `{{number progress.managers}}` with the language's digit grouping. */
  number(...args) {
    const { params, options } = splitArgs(args);
    return formatNumber(params[0], frame(options).lang);
  },

  /** `{{percent progress.ratio}}`: 0..1 as a percentage; "—" when there is nothing to divide. */
  percent(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    if (params[0] === null || params[0] === undefined) return '—';
    return new Intl.NumberFormat(INTL_LOCALE[f.lang], { style: 'percent', maximumFractionDigits: 0 }).format(
      Number(params[0]),
    );
  },

  /** `{{#eq a b}}…{{else}}…{{/eq}}` or `(eq a b)`. */
  eq(...args) {
    const { params, options } = splitArgs(args);
    const equal = params[0] === params[1];
    if (typeof options.fn !== 'function') return equal;
    return equal ? options.fn(this) : options.inverse(this);
  },

  /** `(or a b)`: the first truthy value. */
  or(...args) {
    const { params } = splitArgs(args);
    return params.find(Boolean) ?? false;
  },

  /** `(concat "statistics-" name)`. */
  concat(...args) {
    const { params } = splitArgs(args);
    return params.map((p) => (p === null || p === undefined ? '' : String(p))).join('');
  },

  /** `(inc @index)`: counting from 1 for people. */
  inc(...args) {
    const { params } = splitArgs(args);
    return Number(params[0]) + 1;
  },

  /** `(range 1 5)`: the whole numbers from the first to the second, both included. */
  range(...args) {
    const { params } = splitArgs(args);
    const [from, to] = params.map(Number);
    return Array.from({ length: Math.max(0, to - from + 1) }, (_v, i) => from + i);
  },

  /** `aria-describedby` ids: the hint's when there is one, the error's when there is one. */
  describedBy(...args) {
    const { params } = splitArgs(args);
    const [id, hint, error] = params;
    return [hint ? `${String(id)}-hint` : '', error ? `${String(id)}-error` : ''].filter(Boolean).join(' ');
  },
};

export const PAGE_HELPER_NAMES: readonly string[] = Object.keys(helpers);

/** Every page helper, registered on the renderer's own isolated Handlebars instance. */
export function registerPageHelpers(hb: typeof Handlebars): void {
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
