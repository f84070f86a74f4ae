import path from 'node:path';
import {
  fallbackTable,
  formatDateTime,
  formatMessage,
  languageName,
  loadStringTables,
  lookupWithFallback,
  type StringTables,
} from '@cascade/i18n';
import { TEMPLATES_DIR } from '../templates-dir';
import type { CheckedInvitationInput } from './invitation-input';

/** What the attendee reads: the event's SUMMARY and DESCRIPTION, in the invitation's language. */
export interface InvitationText {
  summary: string;
  description: string;
}

let shippedTables: StringTables | undefined;

/** The mail's own string tables (`templates/_strings`), read once: the calendar words sit with the chrome's. */
export function shippedStringTables(): StringTables {
  shippedTables ??= loadStringTables(path.join(TEMPLATES_DIR, '_strings'));
  return shippedTables;
}

/**
 * Summary and description of the invitation in `input.language`, from the `calendar.*` strings. The start is
 * given as the wall time in the manager's zone, with its name, because that is how the manager set it; the
 * attendee's calendar shows it in the attendee's own zone beside it.
 */
export function invitationText(input: CheckedInvitationInput, tables: StringTables): InvitationText {
  const lang = input.language;
  const say = (key: string, values: Record<string, unknown> = {}) =>
    formatMessage(lang, lookupWithFallback(tables[lang], fallbackTable(tables), `calendar.${key}`, lang), {
      organizer: input.organizer.name,
      year: input.year,
      ...values,
    });
  const cancelled = input.method === 'CANCEL';
  const start = `${formatDateTime(input.start, lang, input.timeZone)} (${input.timeZone})`;
  const paragraphs = [
    say(cancelled ? 'cancelled' : 'invite'),
    [
      say('when', { start }),
      say('duration', { minutes: input.durationMinutes }),
      ...(input.location ? [say('place', { place: input.location })] : []),
      ...(input.url ? [say('online', { url: input.url })] : []),
      say('language', { language: languageName(input.sessionLanguage, lang) }),
    ].join('\n'),
    ...(input.note ? [`${say('note')}\n${input.note}`] : []),
    ...(cancelled ? [] : [say('reply')]),
  ];
  return {
    summary: say(cancelled ? 'cancelledSummary' : 'summary'),
    description: paragraphs.join('\n\n'),
  };
}
