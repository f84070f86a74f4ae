import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import {
  I18N_HELPER_NAMES,
  registerI18nHelpers,
  splitArgs,
  type HelperFn,
  type I18nFrame,
  type TextDirection,
} from '@cascade/i18n';

export type { StringTable } from '@cascade/i18n';

/** What every helper reads from Handlebars' `@data` frame: who the mail is for, not what it says. */
export interface MailFrame extends I18nFrame {
  /** Rendered subject, for the HTML layout's <title>; absent while the subject itself renders. */
  subject?: string;
  /** The language's writing direction, for the layout's `dir`. */
  dir: TextDirection;
  // Inline styles name a physical side, because mail clients (Outlook above all) ignore the logical properties:
  // templates write `text-align:{{@start}}` and `padding-{{@end}}:…` and stay right for Arabic.
  /** 'left' in a left-to-right language, 'right' in Arabic. */
  start: 'left' | 'right';
  /** The other side. */
  end: 'left' | 'right';
}

// `if`/`unless` test for presence, but in strict mode they too must be given the value (null for "none"), so
// that a misspelt name cannot silently take the "absent" branch.
const NOT_WRAPPED = new Set(['helperMissing', 'blockHelperMissing', 'log', 'lookup']);

const ALLOWED_URL = /^(https?:\/\/|mailto:)/i;

/** `{{url materials.leadersGuide}}`: only web and mailto links may reach an href. */
function url(...args: unknown[]): string {
  const { params } = splitArgs(args);
  const value = String(params[0] ?? '');
  if (!ALLOWED_URL.test(value))
    throw new Error(`refusing link ${JSON.stringify(value)}: not http(s) or mailto`);
  return value;
}

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

/**
 * Registers the language helpers of libs/i18n and `url` on an isolated Handlebars instance; in strict mode
 * every helper, the built-ins included, refuses a missing variable.
 */
export function registerHelpers(hb: typeof Handlebars, { strict }: { strict: boolean }): void {
  registerI18nHelpers(hb);
  hb.registerHelper('url', url);
  if (!strict) return;
  for (const [name, fn] of Object.entries(hb.helpers)) {
    if (!NOT_WRAPPED.has(name)) hb.registerHelper(name, strictly(fn as HelperFn));
  }
}

export const HELPER_NAMES: readonly string[] = [...I18N_HELPER_NAMES, 'url'];
