import { CONSOLE_LANGUAGES, isConsoleLanguage, type ConsoleLanguage } from '@cascade/dialogue';
import { formatMessage, type MessageValues } from '@cascade/i18n';
import en from './en.json';
import fr from './fr.json';

/**
 * The console's texts, one catalogue per language (`en.json`, `fr.json`): `adminjs` is handed to AdminJS's own
 * i18n (menu, resource and property labels, action buttons, the login page, the React components' texts) and
 * `console` holds what the server builds (the dashboard, every action's screen), in ICU MessageFormat like the
 * mails and pages. French is typed as English's shape, so a key missing in French does not compile; the
 * catalogue test also compares the placeholders.
 */
export type Catalogue = typeof en;

export const CATALOGUES: Record<ConsoleLanguage, Catalogue> = { en, fr };

/** Every key of the server's texts, dotted (`dashboard.title`): a key that is not in the catalogue does not compile. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type ConsoleKey = Leaves<Catalogue['console']>;

/** A text of the server's catalogue in one language, its placeholders filled. */
export type Translate = (key: ConsoleKey, values?: MessageValues) => string;

/** Who the console speaks to: an account's language, English for anyone else (the login page). */
export function languageOf(admin?: object | null): ConsoleLanguage {
  const language = (admin as { language?: unknown } | null | undefined)?.language;
  return isConsoleLanguage(language) ? language : CONSOLE_LANGUAGES[0];
}

function lookup(language: ConsoleLanguage, key: string): string {
  let node: unknown = CATALOGUES[language].console;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`the console has no text ${key} in ${language}`);
  return node;
}

/** The server's texts in `language`. */
export function translator(language: ConsoleLanguage): Translate {
  return (key, values = {}) => formatMessage(language, lookup(language, key), values);
}

/** A number as a percentage with one decimal, in the language's way of writing it ("12.5 %", "12,5 %"). */
export function percentIn(language: ConsoleLanguage, ratio: number): string {
  const number = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${number.format(ratio * 100)} %`;
}

/** An action's button in a language (its name when the catalogue has none, which the catalogue test forbids). */
export function actionLabel(language: ConsoleLanguage, name: string): string {
  return (CATALOGUES[language].adminjs.actions as Record<string, string>)[name] ?? name;
}
