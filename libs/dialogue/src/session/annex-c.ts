import { localDateOf } from '@cascade/workflow';
import type { SessionReportInput } from '../portal/portal.types';
import { isCalendarDay } from '../shared/dates';
import { FieldChecks, MAX_AGENCIES, MAX_ID } from '../shared/field-checks';

const MAX_LIST = 20;

/** The sum of everyone present: staff, non-staff and other agencies. */
export function participantsOf(input: SessionReportInput): number {
  const others = Object.values(input.otherAgencyParticipants ?? {}).reduce((a, b) => a + b, 0);
  return input.staffParticipants + input.nonStaffParticipants + others;
}

/**
 * The days a session of this year may have been held on: from the day the dialogue was launched (the 1st of
 * January before) to today or the report cutoff, whichever comes first, in the entity's zone. `endsToday` says
 * the last day is today, so that a person reads "by today" rather than a date.
 */
export interface SessionDays {
  from: string;
  to: string;
  endsToday: boolean;
}

export function sessionDaysOf(
  dialogue: { year: number; launchedAt: Date | null; reportCutoff: string },
  timeZone: string,
  now: Date,
): SessionDays {
  const from = dialogue.launchedAt ? localDateOf(dialogue.launchedAt, timeZone) : `${dialogue.year}-01-01`;
  const today = localDateOf(now, timeZone);
  const to = today < dialogue.reportCutoff ? today : dialogue.reportCutoff;
  return { from, to, endsToday: to === today };
}

/**
 * Which sentence says what was wrong with a day outside the window (`limit` of the `session-day` issue): after it,
 * "by today" or "by <day>"; before it, the window in words ("today", "on <day>", "between <day> and today",
 * "between <day> and <day>"), never "between 4 December and 4 December".
 */
export type SessionDayLimit = 'byToday' | 'byDate' | 'today' | 'onDay' | 'sinceToday' | 'between';

function sessionDayIssue(day: string, window: SessionDays): { limit: SessionDayLimit; message: string } {
  if (day > window.to) {
    return window.endsToday
      ? { limit: 'byToday', message: 'the session must have taken place by today' }
      : { limit: 'byDate', message: `the session must have taken place by ${window.to}` };
  }
  if (window.from === window.to) {
    return window.endsToday
      ? { limit: 'today', message: 'the session must have taken place today' }
      : { limit: 'onDay', message: `the session must have taken place on ${window.to}` };
  }
  return window.endsToday
    ? { limit: 'sinceToday', message: `the session must have taken place between ${window.from} and today` }
    : {
        limit: 'between',
        message: `the session must have taken place between ${window.from} and ${window.to}`,
      };
}

/**
 * Checks an Annex C report on its own (the leader and split rules need the database and come after). `window`
 * is the span of days a session of this year may have been held in.
 */
export function checkSessionReport(input: SessionReportInput, window: SessionDays): FieldChecks {
  const check = new FieldChecks();
  if (input.heldOn === undefined || input.heldOn === null || input.heldOn === '')
    check.fail('heldOn', 'required', 'is required');
  else if (!isCalendarDay(input.heldOn)) check.fail('heldOn', 'date', 'must be a date YYYY-MM-DD');
  else if (input.heldOn < window.from || input.heldOn > window.to) {
    const { limit, message } = sessionDayIssue(input.heldOn, window);
    check.fail('heldOn', 'session-day', message, { from: window.from, to: window.to, limit });
  }
  if (check.nonNegativeInteger('durationMinutes', input.durationMinutes)) {
    if (input.durationMinutes < 10 || input.durationMinutes > 600) {
      check.fail('durationMinutes', 'duration', 'must be between 10 and 600 minutes');
    }
  }
  check.text('language', input.language, { max: 40 });
  if (input.format !== 'in-person' && input.format !== 'virtual')
    check.fail('format', 'session-format', 'must be in-person or virtual');
  const staff = check.nonNegativeInteger('staffParticipants', input.staffParticipants);
  const nonStaff = check.nonNegativeInteger('nonStaffParticipants', input.nonStaffParticipants);
  const agencies = input.otherAgencyParticipants ?? {};
  let agenciesOk = true;
  if (typeof agencies !== 'object' || agencies === null || Array.isArray(agencies)) {
    check.fail('otherAgencyParticipants', 'agency-map', 'must map each agency to a count');
    agenciesOk = false;
  } else if (Object.keys(agencies).length > MAX_AGENCIES) {
    check.fail('otherAgencyParticipants', 'too-many-agencies', `must list at most ${MAX_AGENCIES} agencies`, {
      max: MAX_AGENCIES,
    });
    agenciesOk = false;
  } else {
    for (const [agency, count] of Object.entries(agencies)) {
      if (!check.agencyName('otherAgencyParticipants', agency)) agenciesOk = false;
      agenciesOk = check.nonNegativeInteger(`otherAgencyParticipants.${agency}`, count) && agenciesOk;
    }
  }
  if (staff && nonStaff && agenciesOk && participantsOf(input) === 0) {
    check.fail('staffParticipants', 'no-participant', 'a session has at least one participant');
  }
  const split = input.split;
  if (split) {
    const part = check.nonNegativeInteger('split.part', split.part);
    const of = check.nonNegativeInteger('split.of', split.of);
    if (of && split.of < 2) check.fail('split.of', 'split-parts', 'a split session has at least 2 parts');
    if (part && of && (split.part < 1 || split.part > split.of))
      check.fail('split.part', 'split-part', `must be between 1 and ${split.of}`, { max: split.of });
    if (part && split.part > 1 && !Number.isInteger(split.firstPartId)) {
      check.fail('split.firstPartId', 'split-first-part', 'name the first part of the split session');
    } else if (part && split.part > 1) {
      check.nonNegativeInteger('split.firstPartId', split.firstPartId, { max: MAX_ID });
    }
  }
  const list = (field: string, values: unknown, max: number) => {
    if (values === undefined || values === null) return;
    if (!Array.isArray(values) || values.length > MAX_LIST) {
      check.fail(field, 'too-many-lines', `must be a list of at most ${MAX_LIST}`, { max: MAX_LIST });
      return;
    }
    values.forEach((value, i) => check.text(`${field}.${i}`, value, { max }));
  };
  list('jointUnits', input.jointUnits, 200);
  list('scenarios', input.scenarios, 300);
  list('questions', input.questions, 2000);
  check.text('facilitator', input.facilitator, { max: 200, required: false });
  return check;
}
