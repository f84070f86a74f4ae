import { IntlMessageFormat } from 'intl-messageformat';
import { INTL_LOCALE, type Language } from './languages';

/** Values for a message's placeholders. */
export type MessageValues = Record<string, unknown>;

// A string needs the ICU formatter only when it chooses between forms; plain `{name}` strings keep the simple
// interpolation, which is faster and leaves apostrophes and braces of ordinary prose alone.
const ICU_CHOICE = /\{\s*\w+\s*,\s*(plural|selectordinal|select)\s*,/;
const PLURAL_KEYS = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const EXACT_KEY = /^=\d+$/;

/** True when the string has an ICU `plural`, `selectordinal` or `select` argument. */
export function isIcuMessage(text: string): boolean {
  return ICU_CHOICE.test(text);
}

/**
 * Fills `{name}` placeholders. Values go in verbatim: they hold names and years, and a year must not become
 * "2 027". A placeholder without a value is a bug in the caller, not a blank. Escaping is the renderer's job
 * (Handlebars escapes the result in HTML), so the text is returned as it is.
 */
export function interpolate(text: string, values: MessageValues): string {
  return text.replace(/\{(\w+)\}/g, (_whole, name: string) => String(given(values, name)));
}

function given(values: MessageValues, name: string): unknown {
  if (!(name in values) || values[name] === undefined)
    throw new Error(`string placeholder {${name}} was not given`);
  return values[name];
}

interface Compiled {
  format: IntlMessageFormat;
  /** Every argument the message reads, so a missing one is named before formatting. */
  names: string[];
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;

// Compiling parses the message: keep each (locale, text) once. The set of strings is finite (tables and
// template literals), so the cache is bounded by the catalogue.
const compiled = new Map<string, Compiled>();

/** Walks the syntax tree: collects argument names and refuses plural forms CLDR does not have. */
function inspect(ast: Ast, names: Set<string>): void {
  for (const el of ast) {
    if ('options' in el) {
      for (const [key, option] of Object.entries(el.options)) {
        if ('pluralType' in el && !PLURAL_KEYS.has(key) && !EXACT_KEY.test(key))
          throw new Error(`unknown plural form '${key}'`);
        inspect(option.value, names);
      }
    }
    // Literals (type 0) and `#` (no value) name no argument; tags are off (ignoreTag).
    const value = (el as { value?: unknown }).value;
    if (el.type !== 0 && typeof value === 'string') names.add(value);
  }
}

function compile(lang: Language, text: string): Compiled {
  const key = `${lang}\u0000${text}`;
  let entry = compiled.get(key);
  if (!entry) {
    // ignoreTag: an angle bracket in a string is text, not a rich-text tag.
    let format: IntlMessageFormat;
    try {
      format = new IntlMessageFormat(text, INTL_LOCALE[lang], undefined, { ignoreTag: true });
    } catch (error) {
      throw new Error(`bad ICU message ${JSON.stringify(text)}: ${(error as Error).message}`);
    }
    const names = new Set<string>();
    inspect(format.getAst(), names);
    compiled.set(key, (entry = { format, names: [...names] }));
  }
  return entry;
}

/**
 * A message in a language: ICU MessageFormat (`{count, plural, one {# day} other {# days}}`, `select`) where
 * the text chooses between forms, by the language's CLDR plural rules, `#` formatted as a number of the
 * language; plain `{name}` interpolation otherwise.
 */
export function formatMessage(lang: Language, text: string, values: MessageValues = {}): string {
  if (!isIcuMessage(text)) return interpolate(text, values);
  const { format, names } = compile(lang, text);
  for (const name of names) given(values, name);
  const out = format.format(values as Record<string, string | number | boolean | Date | null>);
  if (typeof out !== 'string') throw new Error(`message ${JSON.stringify(text)} did not format to text`);
  return out;
}

/** How many messages are compiled (for the test that they are compiled once). */
export function compiledMessageCount(): number {
  return compiled.size;
}

/**
 * The plural categories a language's CLDR rules give whole numbers up to 10,000 (counts of people, days and
 * sessions), and `other`, which ICU always requires: ['other'] in Chinese, six in Arabic. French and Spanish
 * `many` (a million) and Russian `other` (fractions) are left to `other`.
 */
export function pluralCategories(lang: Language): string[] {
  const rules = new Intl.PluralRules(INTL_LOCALE[lang]);
  const used = new Set<string>();
  for (let n = 0; n <= 10_000; n++) used.add(rules.select(n));
  used.add('other');
  return rules.resolvedOptions().pluralCategories.filter((category) => used.has(category));
}

/**
 * The plural categories of the language that a message's `plural` arguments do not give, as
 * "argument:category": an Arabic "{n, plural, one {…} other {…}}" would say "2" with the form meant for 11.
 * Exact matches (`=0`) do not replace a category.
 */
export function missingPluralForms(lang: Language, text: string): string[] {
  if (!isIcuMessage(text)) return [];
  const needed = pluralCategories(lang);
  const missing: string[] = [];
  const walk = (ast: Ast) => {
    for (const el of ast) {
      if (!('options' in el)) continue;
      if ('pluralType' in el && el.pluralType === 'cardinal') {
        for (const category of needed) if (!(category in el.options)) missing.push(`${el.value}:${category}`);
      }
      for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(compile(lang, text).format.getAst());
  return missing;
}

/** The argument names a message reads, for tests that fill every one. */
export function messageArguments(lang: Language, text: string): string[] {
  if (!isIcuMessage(text)) return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return compile(lang, text).names;
}
