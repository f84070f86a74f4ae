import {
  FALLBACK_LANGUAGE,
  INTL_LOCALE,
  isLanguage,
  LANGUAGE_NAMES,
  LANGUAGES,
  pickTranslation,
  TEXT_DIRECTION,
} from './languages';

describe('languages', () => {
  it('lists the six official languages in the UN’s order, each with its Intl locale, its own name and direction', () => {
    expect(LANGUAGES).toEqual(['ar', 'zh', 'en', 'fr', 'ru', 'es']);
    expect(INTL_LOCALE).toEqual({ ar: 'ar', zh: 'zh-Hans', en: 'en-GB', fr: 'fr', ru: 'ru', es: 'es' });
    expect(LANGUAGE_NAMES).toEqual({
      ar: 'العربية',
      zh: '中文',
      en: 'English',
      fr: 'Français',
      ru: 'Русский',
      es: 'Español',
    });
    expect(TEXT_DIRECTION).toEqual({ ar: 'rtl', zh: 'ltr', en: 'ltr', fr: 'ltr', ru: 'ltr', es: 'ltr' });
    expect(LANGUAGES).toContain(FALLBACK_LANGUAGE);
  });

  it('knows its languages and nothing else', () => {
    for (const lang of LANGUAGES) expect(isLanguage(lang)).toBe(true);
    for (const other of ['de', 'EN', 'ar-EG', 'zh-CN', '', 'toString', 'constructor', null, 1])
      expect(isLanguage(other)).toBe(false);
  });
});

describe('pickTranslation', () => {
  const guide = { en: 'en.pdf', fr: 'fr.pdf', es: '' };

  it("takes the reader's language when the value has it", () => {
    expect(pickTranslation(guide, ['fr'])).toEqual({ value: 'fr.pdf', language: 'fr' });
  });

  it('falls back to the language chosen second, then English; an empty text counts as missing', () => {
    expect(pickTranslation(guide, ['ar', 'fr'])).toEqual({ value: 'fr.pdf', language: 'fr' });
    expect(pickTranslation(guide, ['es', 'zh'])).toEqual({ value: 'en.pdf', language: 'en' });
    expect(pickTranslation(guide, [])).toEqual({ value: 'en.pdf', language: 'en' });
  });
});
