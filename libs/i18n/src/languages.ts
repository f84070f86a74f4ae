/**
 * The six official languages of the United Nations, one line each: the Intl locale their dates and numbers use,
 * their name in themselves (for language switchers) and their writing direction. Adding a language is a line here
 * plus its strings and mail templates. The order is the UN's own (alphabetical by English name), as its sites list
 * them. English uses en-GB because the Organisation writes dates day-first ("31 December 2027"), as its own
 * documents do; Chinese is written in simplified characters, as at the UN.
 */
const LANGUAGE_TABLE = {
  ar: { locale: 'ar', name: 'العربية', direction: 'rtl' },
  zh: { locale: 'zh-Hans', name: '中文', direction: 'ltr' },
  en: { locale: 'en-GB', name: 'English', direction: 'ltr' },
  fr: { locale: 'fr', name: 'Français', direction: 'ltr' },
  ru: { locale: 'ru', name: 'Русский', direction: 'ltr' },
  es: { locale: 'es', name: 'Español', direction: 'ltr' },
} as const satisfies Record<string, { locale: string; name: string; direction: TextDirection }>;

export type TextDirection = 'ltr' | 'rtl';

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

/** Each language's writing direction, for `dir` on pages and mails. */
export const TEXT_DIRECTION: Localized<TextDirection> = perLanguage((entry) => entry.direction);

/**
 * A text or link given in English and in any of the other languages: the guides of a year exist in some languages
 * only, so a reader may be sent to another one.
 */
export type Translated<T = string> = { en: T } & Partial<Record<Language, T>>;

/** What a reader gets from a `Translated`: the value and the language it is really in. */
export interface Translation<T = string> {
  value: T;
  language: Language;
}

/**
 * The first of `preferences` (the reader's language, then the one they chose second) that the value has, or
 * English. An empty string counts as missing.
 */
export function pickTranslation<T>(value: Translated<T>, preferences: readonly Language[]): Translation<T> {
  for (const language of [...preferences, FALLBACK_LANGUAGE]) {
    const candidate = value[language];
    if (candidate !== undefined && candidate !== null && candidate !== '')
      return { value: candidate, language };
  }
  return { value: value.en, language: FALLBACK_LANGUAGE };
}

/** A language's name as a reader of another language writes it: `fr` in Spanish is "francés". */
export function languageName(language: Language, inLanguage: Language): string {
  return new Intl.DisplayNames([INTL_LOCALE[inLanguage]], { type: 'language' }).of(language) ?? language;
}
