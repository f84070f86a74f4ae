import type Handlebars from 'handlebars';
import { registerI18nHelpers, splitArgs, type HelperFn } from '@cascade/i18n';

// The language helpers (t, tOr, date, number, percent, plural, eq) are libs/i18n's, shared with the mail;
// these are the pages' own view helpers.
const helpers: Record<string, HelperFn> = {
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

  /** `aria-describedby` ids: the hint's, the source's (where a pre-filled figure comes from), the error's. */
  describedBy(...args) {
    const { params } = splitArgs(args);
    const [id, hint, error, source] = params;
    return [
      hint ? `${String(id)}-hint` : '',
      source ? `${String(id)}-source` : '',
      error ? `${String(id)}-error` : '',
    ]
      .filter(Boolean)
      .join(' ');
  },
};

export const PAGE_HELPER_NAMES: readonly string[] = Object.keys(helpers);

/** The language helpers of libs/i18n and the view helpers, on the renderer's own isolated Handlebars instance. */
export function registerPageHelpers(hb: typeof Handlebars): void {
  registerI18nHelpers(hb);
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
