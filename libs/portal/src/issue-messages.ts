import type { ErrorParams } from '@cascade/dialogue';
import type { Translate } from './page-input';

/** Anything the domain says with a code: a field issue, an error, a warning. */
export interface CodedMessage {
  code: string;
  message: string;
  params?: ErrorParams;
}

/** Params that are calendar days, shown in the page's own date format. */
const DATE_PARAMS = ['date', 'from', 'to'];

/**
 * The domain explains a broken rule in English, with a stable code; the page says `errors.<code>` in the
 * person's language with the code's params. An unknown code, or a string that needs a param the domain did not
 * give, shows the English message: a new rule is never hidden.
 */
export function localizeIssue(
  issue: CodedMessage,
  t: Translate,
  formatDate: (day: string) => string = (d) => d,
): string {
  const values: Record<string, unknown> = { ...issue.params, message: issue.message };
  for (const key of DATE_PARAMS) {
    const value = values[key];
    if (typeof value === 'string') values[key] = formatDate(value);
  }
  try {
    return t(`errors.${issue.code}`, values);
  } catch {
    return issue.message;
  }
}
