import { CONSOLE_LANGUAGES } from '@cascade/dialogue';
import adminjsFr from './locale/adminjs-fr.json';
import { CATALOGUES, languageOf } from './locale/console-text';

type Tree = { [key: string]: string | Tree };

/** `over` laid on `base`, branch by branch. */
function merged(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = typeof value === 'object' && typeof below === 'object' ? merged(below, value) : value;
  }
  return out;
}

/**
 * What AdminJS's i18n gets per language: the console's labels (`adminjs` of each catalogue). AdminJS 7.8 ships
 * its own texts in English (and seven other languages) but not in French, so French starts from our translation
 * of them (`adminjs-fr.json`, the same keys as AdminJS's `lib/locale/en/translation.json`).
 */
export const consoleTranslations = {
  en: CATALOGUES.en.adminjs as Tree,
  fr: merged(adminjsFr as Tree, CATALOGUES.fr.adminjs as Tree),
};

/**
 * AdminJS's `locale` option, a function of the logged-in account (AdminJS calls it for every page it renders,
 * with the session's account, and writes the result into the page's Redux state, from which its frontend starts
 * i18next). So the console follows the account on any browser, from the first page after the login: the
 * language is the account's, nothing is read from the browser (no detection, no localStorage). Both languages'
 * texts go with the page so that AdminJS's own language menu switches at once; `top-bar.jsx` then saves the
 * choice to the account and reloads, and the server's screens come in the new language too. The login page has
 * no account yet: English.
 */
export function consoleLocale(admin?: object | null) {
  const language = languageOf(admin);
  return {
    language,
    // AdminJS starts i18next with `fallbackLng: language` only; `lng` makes the language i18next's current
    // one (its menu shows it), and a text missing in French would fall back to English, not to a key.
    lng: language,
    fallbackLng: CONSOLE_LANGUAGES[0],
    availableLanguages: [...CONSOLE_LANGUAGES],
    translations: consoleTranslations,
  };
}
