import { FALLBACK_LANGUAGE, INTL_LOCALE, isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages';

describe('languages', () => {
  it('lists English, French and Spanish, each with its Intl locale and its own name', () => {
    expect(LANGUAGES).toEqual(['en', 'fr', 'es']);
    expect(INTL_LOCALE).toEqual({ en: 'en-GB', fr: 'fr', es: 'es' });
    expect(LANGUAGE_NAMES).toEqual({ en: 'English', fr: 'Français', es: 'Español' });
    expect(LANGUAGES).toContain(FALLBACK_LANGUAGE);
  });

  it('knows its languages and nothing else', () => {
    for (const lang of LANGUAGES) expect(isLanguage(lang)).toBe(true);
    for (const other of ['de', 'EN', '', 'toString', 'constructor', null, 1])
      expect(isLanguage(other)).toBe(false);
  });
});
