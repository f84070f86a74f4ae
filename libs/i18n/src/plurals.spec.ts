import { LANGUAGES } from './languages';
import { formatMessage, missingPluralForms, pluralCategories } from './messages';

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100];

describe('plural rules of the six languages', () => {
  it('are CLDR’s: six categories in Arabic, four in Russian, one in Chinese, two in the others', () => {
    expect(new Set(pluralCategories('ar'))).toEqual(new Set(['zero', 'one', 'two', 'few', 'many', 'other']));
    expect(new Set(pluralCategories('ru'))).toEqual(new Set(['one', 'few', 'many', 'other']));
    expect(pluralCategories('zh')).toEqual(['other']);
    for (const lang of ['en', 'fr', 'es'] as const)
      expect(new Set(pluralCategories(lang))).toEqual(new Set(['one', 'other']));
  });

  it('choose the Arabic form for 0, 1, 2, 3, 5, 11, 21 and 100', () => {
    const days =
      '{n, plural, zero {لا أيام} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}';
    expect(COUNTS.map((n) => formatMessage('ar', days, { n }))).toEqual([
      'لا أيام',
      'يوم واحد',
      'يومان',
      '3 أيام',
      '5 أيام',
      '11 يومًا',
      '21 يومًا',
      '100 يوم',
    ]);
  });

  it('choose the Russian form for 0, 1, 2, 3, 5, 11, 21 and 100', () => {
    const days = '{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}';
    expect(COUNTS.map((n) => formatMessage('ru', days, { n }))).toEqual([
      '0 дней',
      '1 день',
      '2 дня',
      '3 дня',
      '5 дней',
      '11 дней',
      '21 день',
      '100 дней',
    ]);
  });

  it('say the number once in Chinese, whatever it is', () => {
    expect(COUNTS.map((n) => formatMessage('zh', '{n, plural, other {# 天}}', { n }))).toEqual(
      COUNTS.map((n) => `${n} 天`),
    );
  });

  it('name the categories a message leaves out, per language', () => {
    const english = '{count, plural, one {# day} other {# days}}';
    expect(missingPluralForms('en', english)).toEqual([]);
    expect(missingPluralForms('zh', english)).toEqual([]);
    expect(new Set(missingPluralForms('ru', english))).toEqual(new Set(['count:few', 'count:many']));
    expect(missingPluralForms('ar', english)).toHaveLength(4);
    expect(missingPluralForms('ar', 'plain {name}')).toEqual([]);
  });

  it.each(LANGUAGES)('format numbers of %s with Western digits, as UN documents do', (lang) => {
    expect(formatMessage(lang, '{n, plural, other {#}}', { n: 1234 })).toMatch(/^1\D?234$/);
  });
});
