/**
 * The languages Cascade speaks, one line each: the Intl locale its dates and numbers use, and its name in
 * itself (for language switchers). Adding a language is a line here plus its strings and mail templates.
 * English uses en-GB because the Organisation writes dates day-first ("31 December 2027"), as its own
 * documents do.
 */
const LANGUAGE_TABLE = {
  en: { locale: 'en-GB', name: 'English' },
  fr: { locale: 'fr', name: 'Français' },
  es: { locale: 'es', name: 'Español' },
} as const satisfies Record<string, { locale: string; name: string }>;

export type Language = keyof typeof LANGUAGE_TABLE;

/** Every language, in the order switchers show them. */
export const LANGUAGES = Object.keys(LANGUAGE_TABLE) as readonly Language[];

/** Where a string is missing in a language, it is looked up in this one (every table is complete in it). */
export const FALLBACK_LANGUAGE: Language = 'en';

/** One value per language: a topic, a link to the materials. */
export type Localized<T = string> = Record<Language, T>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(LANGUAGE_TABLE, value);
}

function perLanguage<T>(pick: (entry: (typeof LANGUAGE_TABLE)[Language]) => T): Localized<T> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, pick(LANGUAGE_TABLE[lang])])) as Localized<T>;
}

/** The Intl locale per language. */
export const INTL_LOCALE: Localized = perLanguage((entry) => entry.locale);

/** Each language's name in itself. */
export const LANGUAGE_NAMES: Localized = perLanguage((entry) => entry.name);
