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
 * Checks an Annex C report on its own (the leader and split rules need the database and come after). `window`
 * is the span of days a session of this year may have been held in.
 */
export function checkSessionReport(
  input: SessionReportInput,
  window: { from: string; to: string },
): FieldChecks {
  const check = new FieldChecks();
  if (!isCalendarDay(input.heldOn)) check.fail('heldOn', 'date', 'must be a date YYYY-MM-DD');
  else if (input.heldOn < window.from || input.heldOn > window.to) {
    check.fail('heldOn', 'date-between', `must be between ${window.from} and ${window.to}`, {
      from: window.from,
      to: window.to,
    });
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
