import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '@cascade/dialogue';
import { actionNames } from '../actions';
import type { ActionDeps } from '../console-action';
import { consoleResourceDefinitions } from '../resources';
import { consoleLocale, consoleTranslations } from '../translations';
import adminjsFr from './adminjs-fr.json';
import { CATALOGUES, translator, type ConsoleKey } from './console-text';
import { refusalCodes, refusalIn } from './refusals';

type Tree = { [key: string]: string | Tree };

/** Every text of a tree by its dotted key. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The arguments a text reads: ICU `{name}`/`{count, plural, …}` on the server, i18next `{{name}}` in AdminJS. */
const icuArguments = (text: string) => [...text.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).sort();
const i18nextArguments = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const EN = leaves(CATALOGUES.en as unknown as Tree);
const FR = leaves(CATALOGUES.fr as unknown as Tree);

/** AdminJS's own English texts, from its package (AdminJS is ES modules; its JSON is read as a file). */
const ADMINJS_LOCALES = path.join(path.dirname(require.resolve('adminjs')), 'lib', 'locale');
const adminJsEnglish = JSON.parse(
  fs.readFileSync(path.join(ADMINJS_LOCALES, 'en', 'translation.json'), 'utf8'),
) as Tree;

describe('the console’s catalogues (English and French)', () => {
  it('French has every key English has, and no key English has not', () => {
    expect([...EN.keys()].filter((key) => !FR.has(key))).toEqual([]);
    expect([...FR.keys()].filter((key) => !EN.has(key))).toEqual([]);
    expect(EN.size).toBeGreaterThan(400);
  });

  it('each French text reads the same placeholders as its English one, and none is left empty', () => {
    const differ = [...EN].filter(([key, english]) => {
      const french = FR.get(key) ?? '';
      const args = key.startsWith('adminjs.') ? i18nextArguments : icuArguments;
      return JSON.stringify(args(english)) !== JSON.stringify(args(french)) || french.trim() === '';
    });
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it('every server text formats in both languages (ICU syntax, plural forms)', () => {
    for (const language of ['en', 'fr'] as const) {
      const t = translator(language);
      for (const [key, text] of EN) {
        if (!key.startsWith('console.')) continue;
        const values = Object.fromEntries(icuArguments(text).map((name) => [name, 2]));
        expect(() => t(key.slice('console.'.length) as ConsoleKey, values)).not.toThrow();
      }
    }
    expect(translator('fr')('cascade.laggingValue', { turnOn: '2026-10-01', days: 1 })).toBe(
      '2026-10-01 (1 jour)',
    );
    expect(translator('fr')('cascade.laggingValue', { turnOn: '2026-10-01', days: 20 })).toBe(
      '2026-10-01 (20 jours)',
    );
  });

  it('has the button of every console action in both languages, and no button without its action', () => {
    const names = actionNames().sort();
    for (const language of ['en', 'fr'] as const) {
      expect(Object.keys(CATALOGUES[language].adminjs.actions).sort()).toEqual(names);
    }
    expect(CATALOGUES.fr.adminjs.actions.launch).toBe('Lancer');
  });

  it('names every resource and menu group in both languages', () => {
    const stub = {
      services: { registry: { ofSubject: () => [] } },
      queries: { instances: {}, records: { containsText: () => ({}) } },
    } as unknown as ActionDeps;
    const definitions = consoleResourceDefinitions(stub);
    const names = [
      ...definitions.map((d) => String(d.options['id'] ?? d.model.name)),
      ...new Set(definitions.map((d) => d.options.navigation.name)),
    ];
    for (const language of ['en', 'fr'] as const) {
      const labels = CATALOGUES[language].adminjs.labels as Record<string, string>;
      expect(names.filter((name) => !labels[name])).toEqual([]);
    }
  });

  it('gives AdminJS its own texts in French, as AdminJS 7.8 ships none (use AdminJS’s own the day it does)', () => {
    expect(fs.existsSync(path.join(ADMINJS_LOCALES, 'fr'))).toBe(false);
    const french = leaves(adminjsFr as Tree);
    const missing = [...leaves(adminJsEnglish).keys()].filter((key) => !french.has(key));
    expect(missing).toEqual([]);
    // Cascade's labels are laid over them: the login page, the language menu.
    expect(leaves(consoleTranslations.fr).get('buttons.logout')).toBe('Se déconnecter');
    expect(leaves(consoleTranslations.fr).get('components.Login.welcomeHeader')).toBe(
      'Dialogue sur le leadership',
    );
  });

  it('says every refusal code of the domain in French; English stays the domain’s message', () => {
    expect(ERROR_CODES.filter((code) => !refusalCodes('fr').includes(code))).toEqual([]);
    expect(
      refusalIn('fr', 'last-active-admin', { email: 'a@un.org' }, 'a@un.org is the last active admin'),
    ).toBe('a@un.org est le dernier administrateur actif : veuillez d’abord nommer un autre administrateur.');
    expect(refusalIn('en', 'last-active-admin', { email: 'a@un.org' }, 'the English')).toBe('the English');
    // A placeholder the error did not fill: the English message, not a broken sentence.
    expect(refusalIn('fr', 'too-long', {}, 'is too long')).toBe('is too long');
  });
});

describe('AdminJS’s locale, a function of the logged-in account', () => {
  it('speaks French to a French account, English to an English one and before the login', () => {
    expect(consoleLocale({ email: 'f@un.org', language: 'fr' })).toMatchObject({
      language: 'fr',
      lng: 'fr',
      fallbackLng: 'en',
      availableLanguages: ['en', 'fr'],
    });
    expect(consoleLocale({ email: 'e@un.org', language: 'en' })).toMatchObject({ language: 'en', lng: 'en' });
    expect(consoleLocale(undefined).language).toBe('en');
    expect(consoleLocale({ language: 'de' }).language).toBe('en');
    const { translations } = consoleLocale({ language: 'fr' });
    expect(leaves(translations.fr).get('labels.EntityWorkflow')).toBe('Entités (par année)');
    expect(leaves(translations.en).get('labels.EntityWorkflow')).toBe('Entities (per year)');
  });
});
