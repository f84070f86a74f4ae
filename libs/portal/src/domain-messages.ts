import type { Translate } from './page-input';

// Apart from the forms so that error codes can replace the matching of English sentences in this one file.

/**
 * The domain explains a broken rule in English; the page says it in the person's language. Unknown messages
 * are shown as they are, so a new rule is never hidden.
 */
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^must be a non-negative integer$/, 'nonNegativeInteger'],
  [/^is required$/, 'required'],
  [/^must be text$/, 'required'],
  [/^must be at most (?<max>\d+) characters$/, 'tooLong'],
  [/^must be at most (?<max>\d+)$/, 'tooLarge'],
  [/^must not contain control characters$/, 'controlCharacters'],
  [/^must list at most (?<max>\d+) agencies$/, 'tooManyAgencies'],
  [/^must be an email address$/, 'email'],
  [/^must be a date YYYY-MM-DD$/, 'date'],
  [/^must not exceed eligibleStaff \((?<max>\d+)\)$/, 'participatedOverEligible'],
  [/^must not exceed sessionsHeld \((?<max>\d+)\)$/, 'leadersOverSessions'],
  [/^must not exceed the (?<max>\d+) managers of the reporting tree$/, 'leadersOverManagers'],
  [/^must be at least 1 when staff participated$/, 'sessionsNeeded'],
  [/^must be after the current deadline (?<date>\d{4}-\d{2}-\d{2})$/, 'afterDeadline'],
  [/^must be at least 1$/, 'atLeastOne'],
  [/^(?<email>.+) is not a manager of (?<code>.+)'s reporting tree$/, 'notAManager'],
  [/^must be a rating from 1 to 5$/, 'rating'],
  [/^must be between (?<from>\d{4}-\d{2}-\d{2}) and (?<to>\d{4}-\d{2}-\d{2})$/, 'dateBetween'],
  [/^must be between 10 and 600 minutes$/, 'duration'],
  [/^must be in-person or virtual$/, 'format'],
  [/^a session has at least one participant$/, 'noParticipant'],
  [/^a split session has at least 2 parts$/, 'splitParts'],
  [/^must be between 1 and (?<max>\d+)$/, 'splitPart'],
  [/^name the first part of the split session$/, 'splitFirstPart'],
  [/^no such session in this entity$/, 'noSuchSession'],
  [/^every part of a split session is led by the same manager$/, 'splitSameLeader'],
  [/^the first part said (?<of>\d+) part\(s\)$/, 'splitOfMismatch'],
  [/^'(?<agency>.*)' is not an agency name$/, 'agencyName'],
  [/^must be a list of at most (?<max>\d+)$/, 'tooManyLines'],
  [/^(?<count>\d+) manager\(s\) have not led a session yet: (?<names>.*)$/, 'managersMissing'],
];

export function localizeMessage(
  message: string,
  t: Translate,
  formatDate: (day: string) => string = (d) => d,
): string {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const values: Record<string, unknown> = { ...match.groups };
    for (const k of ['date', 'from', 'to']) if (values[k]) values[k] = formatDate(String(values[k]));
    return t(`errors.${key}`, values);
  }
  return message;
}

/** The session size warning (10–25 is the ideal), in the person's language. */
export function localizeWarning(warning: string, t: Translate): string {
  const match = /^(\d+) participants is (below|above) the ideal/.exec(warning);
  if (!match) return warning;
  return t(match[2] === 'below' ? 'warnings.sizeBelow' : 'warnings.sizeAbove', { count: match[1] });
}
