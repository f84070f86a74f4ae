import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  toNumber,
  type DateStyle,
} from './formatters';
import type { Language } from './languages';
import { formatMessage, type MessageValues } from './messages';
import { lookupWithFallback, type StringTable } from './string-table';

/**
 * What the helpers read from Handlebars' `@data` frame: who the text is for, not what it says. Renderers pass
 * it as `{ data: frame }`; `fallbackStrings` (the fallback language's table) fills keys a language lacks.
 */
export interface I18nFrame {
  lang: Language;
  timeZone: string;
  strings: StringTable;
  fallbackStrings?: StringTable;
}

export type HelperFn = (this: unknown, ...args: unknown[]) => unknown;

/** Handlebars passes the positional parameters, then its options. */
export function splitArgs(args: unknown[]): { params: unknown[]; options: HelperOptions } {
  return { params: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

function frame(options: HelperOptions): I18nFrame {
  const data = options.data as Partial<I18nFrame> | undefined;
  if (!data?.lang || !data.timeZone || !data.strings) {
    throw new Error(
      'i18n helpers need @lang, @timeZone and @strings (render through MailRenderer or PageRenderer)',
    );
  }
  return data as I18nFrame;
}

function translate(f: I18nFrame, key: string, values: MessageValues): string {
  return formatMessage(f.lang, lookupWithFallback(f.strings, f.fallbackStrings, key, f.lang), values);
}

const helpers: Record<string, HelperFn> = {
  /**
   * `{{t "footer.sentBy" year=dialogue.year}}`: a string of the frame's language, placeholders filled from the
   * hash (ICU plural/select where the string has them). Extra positional parts are joined with dots:
   * `{{t "state" state}}`. The result is escaped like any value in HTML.
   */
  t(...args) {
    const { params, options } = splitArgs(args);
    return translate(frame(options), params.map(String).join('.'), options.hash as MessageValues);
  },

  /** `{{tOr "states" context.state}}`: like `t`, but an unknown key shows its last part as it is. */
  tOr(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    try {
      return lookupWithFallback(f.strings, f.fallbackStrings, params.map(String).join('.'), f.lang);
    } catch {
      return String(params[params.length - 1]);
    }
  },

  /**
   * `{{date deadline}}`: a calendar date as that day, an instant as its day in the frame's zone. `format="full"`
   * adds the weekday; `time="short"` adds an instant's time of day.
   */
  date(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    const style = String(options.hash['format'] ?? 'long') as DateStyle;
    const time = options.hash['time'] === undefined ? undefined : String(options.hash['time']);
    if (time !== undefined && time !== 'short') throw new Error(`unknown time format '${time}'`);
    return formatDate(params[0], f.lang, { timeZone: f.timeZone, style, time });
  },

  /** `{{datetime submittedAt}}`: day, time and zone, in the frame's zone. */
  datetime(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    return formatDateTime(params[0], f.lang, f.timeZone);
  },

  /** `{{number eligibleStaff}}` with the language's digit grouping. */
  number(...args) {
    const { params, options } = splitArgs(args);
    return formatNumber(params[0], frame(options).lang);
  },

  /**
   * `{{percent ratio}}` or `{{percent part whole}}`; `digits=` sets the maximum fraction digits (default 1).
   * "—" when there is nothing to divide (no ratio, or a whole of 0).
   */
  percent(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    if (params[0] === null || params[0] === undefined) return '—';
    let ratio = toNumber(params[0]);
    if (params.length > 1) {
      const whole = toNumber(params[1]);
      if (whole === 0) return '—';
      ratio = ratio / whole;
    }
    return formatPercent(ratio, f.lang, toNumber(options.hash['digits'] ?? 1));
  },

  /**
   * `{{plural daysLeft "{count, plural, one {# day} other {# days}}"}}`: an ICU message whose `count` is the
   * first parameter (other placeholders from the hash). The form is chosen by the language's CLDR plural rules
   * (French puts 0 and 1 in `one`); `=0 {…}` is an exact match; `#` is the count formatted for the language.
   */
  plural(...args) {
    const { params, options } = splitArgs(args);
    const f = frame(options);
    if (typeof params[1] !== 'string') throw new Error('plural needs an ICU message after the count');
    const values = { ...(options.hash as MessageValues), count: toNumber(params[0]) };
    return formatMessage(f.lang, params[1], values);
  },

  /** `{{#eq recipient.role "head-of-entity"}}…{{else}}…{{/eq}}`, or `(eq a b)` inside another helper. */
  eq(...args) {
    const { params, options } = splitArgs(args);
    const equal = params[0] === params[1];
    if (typeof options.fn !== 'function') return equal;
    return equal ? options.fn(this) : options.inverse(this);
  },
};

/** The names `registerI18nHelpers` registers. */
export const I18N_HELPER_NAMES: readonly string[] = Object.keys(helpers);

/** Registers the language helpers on an isolated Handlebars instance (`Handlebars.create()`), never globally. */
export function registerI18nHelpers(hb: typeof Handlebars): void {
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
