import type { ConsoleLanguage } from '@cascade/dialogue';
import { formatMessage } from '@cascade/i18n';
import errorsFr from './errors-fr.json';

/**
 * What a refusal says in a language other than English, by the error's stable code (issue 17; the portal's
 * `errors.<code>` in the same words). English is the domain's own message, as the REST API says it. The table
 * has every code of `ERROR_CODES` (the catalogue test checks it); `message` (the English detail) may be quoted
 * where the code alone says too little (a workflow guard's rule).
 */
const TABLES: Partial<Record<ConsoleLanguage, Record<string, string>>> = { fr: errorsFr };

export function refusalIn(
  language: ConsoleLanguage,
  code: string,
  params: Readonly<Record<string, unknown>>,
  english: string,
): string {
  const text = TABLES[language]?.[code];
  if (!text) return english;
  try {
    return formatMessage(language, text, { message: english, ...params });
  } catch {
    // A placeholder the error did not fill: the English message rather than a broken sentence.
    return english;
  }
}

/** The codes each language's table translates, for the completeness test. */
export const refusalCodes = (language: ConsoleLanguage): string[] => Object.keys(TABLES[language] ?? {});
