import type { FieldIssue, ScheduleInput } from '@cascade/dialogue';
import { countOf, one, optionalText, type FormBody } from './form-body';
import { defineForm, type FormPrefill } from './form-definition';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day 'YYYY-MM-DD' (not 2026-02-30). */
function isDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return DAY.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * A time as typed where the browser has no time picker: '9:30', '09.30' and '9h30' are 09:30; anything else is
 * passed on as typed, for the domain to name.
 */
export function typedTime(text: string): string {
  const match = /^(\d{1,2})[:.hH](\d{2})$/.exec(text);
  return match ? `${match[1].padStart(2, '0')}:${match[2]}` : text;
}

/**
 * The domain checks one `startsAt`; the page has a date and a time. A clock-change gap or a malformed time when
 * the day is fine is the time's problem; everything else about `startsAt` (the day, the window) is the date's.
 */
function startsAtInput(issue: FieldIssue, body: FormBody): string | null {
  if (issue.field !== 'startsAt') return null;
  if (issue.code === 'local-time-gap') return 'time';
  if (issue.code === 'date-time' && isDay(one(body, 'date'))) return 'time';
  return 'date';
}

/**
 * A manager schedules their session, or changes it (the same form, filled in with the session on file): the day
 * and time in their duty station's zone, its length, a place or an online link, and its language. The team gets
 * the calendar invitation, or its update.
 */
export const scheduleForm = defineForm({
  name: 'schedule',
  roles: ['leader'],
  workflow: 'manager',
  fields: [
    { name: 'date', label: 'schedule.date', required: true },
    { name: 'time', label: 'schedule.time', required: true },
    { name: 'minutes', label: 'schedule.minutes' },
    { name: 'place', label: 'schedule.place' },
    { name: 'url', label: 'schedule.url' },
    { name: 'language', label: 'schedule.language' },
  ],
  issueField: startsAtInput,
  prefill: (roleView): FormPrefill | undefined => {
    if (roleView.role !== 'leader' || !roleView.view.cascade) return undefined;
    const { session, defaultMinutes, language } = roleView.view.cascade;
    if (!session) return { values: { minutes: String(defaultMinutes), language } };
    const [date, time] = session.localStartsAt.split('T');
    return {
      values: {
        date,
        time,
        minutes: String(session.minutes),
        place: session.place ?? '',
        url: session.url ?? '',
        language: session.language,
      },
    };
  },
  parse: (body): ScheduleInput => ({
    startsAt: `${one(body, 'date')}T${typedTime(one(body, 'time'))}`,
    // Left empty: the definition's default length.
    minutes: one(body, 'minutes') === '' ? undefined : countOf(body, 'minutes'),
    place: optionalText(one(body, 'place')),
    url: optionalText(one(body, 'url')),
    language: one(body, 'language') || undefined,
  }),
  handle: async ({ cascade }, ctx, input) => {
    await cascade.scheduleSession(ctx, input);
    return null;
  },
});
