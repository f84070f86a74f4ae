import {
  findString,
  formatMessage,
  isIcuMessage,
  LANGUAGES,
  messageArguments,
  missingPluralForms,
  stringKeys,
  type Language,
} from '@cascade/i18n';
import { loadCatalogue, MAIL_PARTS } from './template-catalogue';
import { TEMPLATES_DIR } from './templates-dir';

const COUNTS = [0, 1, 2, 3, 5, 11, 21, 100];
const catalogue = loadCatalogue(TEMPLATES_DIR);
// `{{plural n "{count, plural, …}"}}` carries its message in the template itself.
const INLINE_MESSAGE = /\{\{\s*plural\s+[\w.@]+\s+"([^"]+)"/g;

/** Every plural message of the mails in one language: the shared strings and the templates' own. */
function pluralMessages(lang: Language): [string, string][] {
  const table = catalogue.strings[lang];
  const shared = stringKeys(table)
    .map((key): [string, string] => [`_strings/${key}`, findString(table, key) ?? ''])
    .filter(([, text]) => isIcuMessage(text));
  const inline: [string, string][] = [];
  for (const [name, sources] of catalogue.templates) {
    for (const part of MAIL_PARTS) {
      let index = 0;
      for (const match of sources.parts[lang][part].matchAll(INLINE_MESSAGE))
        inline.push([`${name}/${part}#${++index}`, match[1]]);
    }
  }
  return [...shared, ...inline];
}

describe.each(LANGUAGES)('the mails’ plural messages in %s', (lang) => {
  const messages = pluralMessages(lang);

  it('are there to check, in the strings and in the templates', () => {
    expect(messages.filter(([where]) => where.startsWith('_strings/')).length).toBeGreaterThanOrEqual(4);
    expect(messages.filter(([where]) => !where.startsWith('_strings/')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(messages)('%s gives every plural form the language has', (_where, text) => {
    expect(missingPluralForms(lang, text)).toEqual([]);
  });

  it.each(messages)('%s renders with 0, 1, 2, 3, 5, 11, 21 and 100', (_where, text) => {
    for (const n of COUNTS) {
      const values = Object.fromEntries(messageArguments(lang, text).map((name) => [name, n]));
      const out = formatMessage(lang, text, values);
      expect(out.trim()).not.toBe('');
      expect(out).not.toMatch(/[{}#]/);
    }
  });
});
