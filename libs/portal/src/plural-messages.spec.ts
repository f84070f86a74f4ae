import {
  findString,
  formatMessage,
  isIcuMessage,
  LANGUAGES,
  messageArguments,
  missingPluralForms,
  stringKeys,
} from '@cascade/i18n';
import { PageRenderer } from './page-renderer';

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100];
const renderer = PageRenderer.fromDirectory();

describe.each(LANGUAGES)('the page strings’ plural messages in %s', (lang) => {
  const table = renderer.strings(lang);
  const plurals = stringKeys(table).filter((key) => isIcuMessage(findString(table, key) ?? ''));

  it('are there to check', () => {
    expect(plurals.length).toBeGreaterThanOrEqual(10);
  });

  it.each(plurals)('%s gives every plural form the language has', (key) => {
    expect(missingPluralForms(lang, findString(table, key) as string)).toEqual([]);
  });

  it.each(plurals)('%s renders with 0, 1, 2, 3, 5, 11, 21 and 100', (key) => {
    const text = findString(table, key) as string;
    for (const n of COUNTS) {
      const values = Object.fromEntries(messageArguments(lang, text).map((name) => [name, n]));
      const out = formatMessage(lang, text, values);
      expect(out.trim()).not.toBe('');
      expect(out).not.toMatch(/[{}#]/);
    }
  });
});
