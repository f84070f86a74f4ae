import { DateTime } from 'luxon';
import { FieldChecks } from '../shared/field-checks';
import { isLanguage, LANGUAGES, type Language } from '../shared/languages';

/** What a manager gives to schedule their session: a local date and time in their zone. */
export interface ScheduleInput {
  /** 'YYYY-MM-DDTHH:mm', the manager's local wall time. */
  startsAt: string;
  /** Defaults to the definition's `sessionMinutes`. */
  minutes?: number;
  place?: string | null;
  url?: string | null;
  language?: string;
}

export interface CheckedSchedule {
  startsAt: Date;
  minutes: number;
  place: string | null;
  url: string | null;
  language: Language;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Checks a schedule against the manager's zone and the year: a real local time (not one skipped by a clock
 * change), after now, on or before the report cutoff; 15 minutes to 8 hours; a place, an online link (http or
 * https) or both. Every problem is named with its field at once.
 */
export function checkSchedule(
  input: ScheduleInput,
  context: {
    timeZone: string;
    now: Date;
    lastDay: string;
    defaultMinutes: number;
    defaultLanguage: Language;
  },
): CheckedSchedule {
  const check = new FieldChecks();
  let startsAt: Date | null = null;
  if (typeof input.startsAt !== 'string' || !LOCAL_DATE_TIME.test(input.startsAt)) {
    check.fail('startsAt', 'date-time', "must be a local date and time 'YYYY-MM-DDTHH:mm'");
  } else {
    const local = DateTime.fromISO(input.startsAt, { zone: context.timeZone });
    const [hour, minute] = input.startsAt.slice(11).split(':').map(Number);
    // Luxon reads 24:00 as the next day's midnight: not a time of the day given.
    if (!local.isValid || hour > 23 || minute > 59) {
      check.fail('startsAt', 'date-time', "must be a local date and time 'YYYY-MM-DDTHH:mm'");
    } else if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== input.startsAt) {
      // A wall time skipped by a clock change comes back shifted: it is not the time the manager meant.
      check.fail('startsAt', 'local-time-gap', `is not a time that exists in ${context.timeZone}`, {
        zone: context.timeZone,
      });
    } else if (local.toJSDate() <= context.now || (local.toISODate() as string) > context.lastDay) {
      const from = DateTime.fromJSDate(context.now, { zone: context.timeZone }).toISODate() as string;
      check.fail('startsAt', 'date-between', `must be between now and ${context.lastDay}`, {
        from,
        to: context.lastDay,
      });
    } else startsAt = local.toJSDate();
  }
  const minutes = input.minutes ?? context.defaultMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 15 || minutes > 480) {
    check.fail('minutes', 'whole-number-range', 'must be a whole number of minutes from 15 to 480', {
      min: 15,
      max: 480,
    });
  }
  const place = check.text('place', input.place, { max: 300, required: false }) ? input.place.trim() : null;
  let url: string | null = null;
  if (check.text('url', input.url, { max: 500, required: false })) {
    url = input.url.trim();
    if (!/^https?:\/\/[^\s<>"]+$/i.test(url)) {
      check.fail('url', 'web-link', 'must be a web link starting with https:// or http://');
      url = null;
    }
  }
  if (!place && !url && !check.issues.some((i) => i.field === 'place' || i.field === 'url')) {
    check.fail('place', 'place-or-link', 'give a place, an online link, or both');
  }
  const language = input.language ?? context.defaultLanguage;
  if (!isLanguage(language)) {
    check.fail('language', 'one-of', `must be one of ${LANGUAGES.join(', ')}`, {
      values: LANGUAGES.join(', '),
    });
  }
  check.throwIfAny();
  return { startsAt: startsAt as Date, minutes, place, url, language: language as Language };
}
