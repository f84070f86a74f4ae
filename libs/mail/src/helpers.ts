import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { DateTime } from 'luxon';
import { INTL_LOCALE, type MailLanguage } from './languages';

/** Nested chrome strings of one language (`_strings/<lang>.json`). */
export interface StringTable {
  [key: string]: string | StringTable;
}

/** What every helper reads from Handlebars' `@data` frame: who the mail is for, not what it says. */
export interface MailFrame {
  lang: MailLanguage;
  timeZone: string;
  strings: StringTable;
  /** Rendered subject, for the HTML layout's <title>; absent while the subject itself renders. */
  subject?: string;
}

type HbEnv = typeof Handlebars;
type HelperFn = (...args: unknown[]) => unknown;

// `if`/`unless` test for presence, but in strict mode they too must be given the value (null for "none"), so
// that a misspelt name cannot silently take the "absent" branch.
const NOT_WRAPPED = new Set(['helperMissing', 'blockHelperMissing', 'log', 'lookup']);

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALLOWED_URL = /^(https?:\/\/|mailto:)/i;
const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

function frame(options: HelperOptions): MailFrame {
  const data = options.data as { root?: unknown } & Partial<MailFrame>;
  if (!data?.lang || !data.timeZone || !data.strings) {
    throw new Error('mail helpers need @lang, @timeZone and @strings (render through MailRenderer)');
  }
  return data as MailFrame;
}

function splitArgs(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  key: string,
  make: () => T,
): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

/**
 * A calendar date ('2027-12-31') is a day in the entity's own calendar and is shown as is; an instant (a Date
 * or an ISO string with a time) is shown as the day it is in the recipient's zone.
 */
function toInstant(value: unknown, timeZone: string): { instant: Date; zone: string } {
  if (value instanceof Date) return { instant: value, zone: timeZone };
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) {
    const day = DateTime.fromISO(value, { zone: 'utc' });
    if (day.isValid) return { instant: day.toJSDate(), zone: 'UTC' };
  } else if (typeof value === 'string') {
    const dt = DateTime.fromISO(value, { setZone: true });
    if (dt.isValid) return { instant: dt.toJSDate(), zone: timeZone };
  }
  throw new Error(`not a date: ${JSON.stringify(value)}`);
}

function formatDate(value: unknown, f: MailFrame, style: string): string {
  if (style !== 'long' && style !== 'full' && style !== 'medium')
    throw new Error(`unknown date format '${style}'`);
  const { instant, zone } = toInstant(value, f.timeZone);
  const locale = INTL_LOCALE[f.lang];
  return cached(
    `d|${locale}|${zone}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: zone }),
  ).format(instant);
}

function formatDateTime(value: unknown, f: MailFrame): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value))
    throw new Error(`'${value}' has no time of day`);
  const { instant } = toInstant(value, f.timeZone);
  const locale = INTL_LOCALE[f.lang];
  const options: Intl.DateTimeFormatOptions = {
    ...{ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    ...{ timeZone: f.timeZone, timeZoneName: 'short' },
  };
  return cached(`dt|${locale}|${f.timeZone}`, () => new Intl.DateTimeFormat(locale, options)).format(instant);
}

function toNumber(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return n;
}

function formatNumber(value: unknown, f: MailFrame): string {
  const locale = INTL_LOCALE[f.lang];
  return cached(`n|${locale}`, () => new Intl.NumberFormat(locale)).format(toNumber(value));
}

function lookupString(strings: StringTable, key: string, lang: string): string {
  let node: string | StringTable | undefined = strings;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no string '${key}' for language '${lang}'`);
  return node;
}

// Values go in verbatim: the placeholders hold names and years, and a year must not become "2 027".
function interpolate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (!(name in values)) throw new Error(`string placeholder {${name}} was not given`);
    return String(values[name]);
  });
}

const helpers: Record<string, HelperFn> = {
  /** `{{date deadline}}`, `{{date submittedAt format="full"}}` */
  date(...args) {
    const { params, options } = splitArgs(args);
    return formatDate(params[0], frame(options), String(options.hash['format'] ?? 'long'));
  },

  /** `{{datetime submittedAt}}`: day, time and zone, in the recipient's zone. */
  datetime(...args) {
    const { params, options } = splitArgs(args);
    return formatDateTime(params[0], frame(options));
  },

  /** `{{number eligibleStaff}}` with the language's digit grouping. */
  number(...args) {
    const { params, options } = splitArgs(args);
    return formatNumber(params[0], frame(options));
  },

  /** `{{percent ratio}}` or `{{percent part whole}}`; `digits=` sets the maximum fraction digits (default 1). */
  percent(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    let ratio = toNumber(params[0]);
    if (params.length > 1) {
      const whole = toNumber(params[1]);
      if (whole === 0) return '—';
      ratio = ratio / whole;
    }
    const digits = toNumber(options.hash['digits'] ?? 1);
    const locale = INTL_LOCALE[f.lang];
    return cached(
      `p|${locale}|${digits}`,
      () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }),
    ).format(ratio);
  },

  /**
   * `{{plural daysLeft one="# day" other="# days"}}`: the form is chosen by the language's plural rules
   * (French puts 0 and 1 in "one"); `#` becomes the formatted count. `zero=` is an exact match for 0.
   */
  plural(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    const count = toNumber(params[0]);
    const forms = options.hash as Record<string, unknown>;
    for (const k of Object.keys(forms)) {
      if (!(PLURAL_CATEGORIES as readonly string[]).includes(k))
        throw new Error(`unknown plural form '${k}'`);
    }
    if (typeof forms['other'] !== 'string') throw new Error('plural needs an other= form');
    const locale = INTL_LOCALE[f.lang];
    const category = cached(`pl|${locale}`, () => new Intl.PluralRules(locale)).select(count);
    const form =
      count === 0 && typeof forms['zero'] === 'string' ? forms['zero'] : (forms[category] ?? forms['other']);
    return String(form).replace(/#/g, formatNumber(count, f));
  },

  /**
   * `{{t "footer.sentBy" year=dialogue.year}}`: a chrome string of the recipient's language, `{name}`
   * placeholders filled from the hash. Extra positional parts are joined with dots: `{{t "state" state}}`.
   */
  t(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    const key = params.map(String).join('.');
    return interpolate(lookupString(f.strings, key, f.lang), options.hash as Record<string, unknown>);
  },

  /** `{{url materials.leadersGuide}}`: only web and mailto links may reach an href. */
  url(...args) {
    const { params } = splitArgs(args);
    const value = String(params[0] ?? '');
    if (!ALLOWED_URL.test(value))
      throw new Error(`refusing link ${JSON.stringify(value)}: not http(s) or mailto`);
    return value;
  },

  /** `{{#eq recipient.role "head-of-entity"}}…{{else}}…{{/eq}}`, or `(eq a b)` inside another helper. */
  eq(...args) {
    const { params, options } = splitArgs(args);
    const equal = params[0] === params[1];
    if (typeof options.fn !== 'function') return equal;
    return equal ? options.fn(this) : options.inverse(this);
  },
};

function describeParam(options: HelperOptions, index: number | string): string {
  const o = options as HelperOptions & { ids?: unknown[]; hashIds?: Record<string, unknown>; name?: string };
  const id = typeof index === 'number' ? o.ids?.[index] : o.hashIds?.[index];
  if (typeof id === 'string' && id !== '') return `'${id}'`;
  return typeof index === 'number' ? `argument ${index + 1} of '${o.name}'` : `${index}= of '${o.name}'`;
}

/** Refuses `undefined` arguments, so a variable missing from the data fails the render instead of vanishing. */
function strictly(fn: HelperFn): HelperFn {
  return function (this: unknown, ...args: unknown[]) {
    const { params, options } = splitArgs(args);
    params.forEach((p, i) => {
      if (p === undefined) throw new Error(`missing variable ${describeParam(options, i)}`);
    });
    for (const [k, v] of Object.entries(options.hash ?? {})) {
      if (v === undefined) throw new Error(`missing variable ${describeParam(options, k)}`);
    }
    return fn.apply(this, args);
  };
}

/** Registers every mail helper on an isolated Handlebars instance (and, in strict mode, guards the built-ins). */
export function registerHelpers(hb: HbEnv, { strict }: { strict: boolean }): void {
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, strict ? strictly(fn) : fn);
  if (!strict) return;
  for (const [name, fn] of Object.entries(hb.helpers)) {
    if (!NOT_WRAPPED.has(name) && !(name in helpers)) hb.registerHelper(name, strictly(fn as HelperFn));
  }
}

export const HELPER_NAMES: readonly string[] = Object.keys(helpers);
