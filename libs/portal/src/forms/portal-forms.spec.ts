import {
  checkSessionReport,
  checkStatistics,
  ValidationFailed,
  type FieldIssue,
  type PortalCascadeService,
  type PortalContext,
  type PortalService,
} from '@cascade/dialogue';
import type { PortalLinks } from '../portal-links';
import { cancelSessionForm } from './cancel-session.form';
import { confirmForm } from './confirm.form';
import { excuseForm } from './excuse.form';
import { parseCount } from './form-body';
import { issueTarget } from './issue-target';
import { feedbackForm } from './feedback.form';
import { leaderLinkForm } from './leader-link.form';
import { isPortalForm, PORTAL_FORM_DEFINITIONS, PORTAL_FORMS } from './portal-forms';
import { scheduleForm, typedTime } from './schedule.form';
import { seminarForm } from './seminar.form';
import { sessionForm } from './session.form';
import { statisticsForm } from './statistics.form';

function issuesOf(run: () => void): FieldIssue[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof ValidationFailed) return error.issues;
    throw error;
  }
}

describe('reading the pages’ forms', () => {
  it('reads counts as typed, with any language’s digit grouping, and leaves bad ones for the domain to name', () => {
    expect(parseCount('42')).toBe(42);
    expect(parseCount(' 0 ')).toBe(0);
    expect(parseCount('1 200')).toBe(1200);
    expect(parseCount('1\u202f200')).toBe(1200);
    expect(parseCount('1,200')).toBe(1200);
    expect(parseCount('1.200.000')).toBe(1200000);
    expect(parseCount('-3')).toBe(-3);
    expect(parseCount('')).toBeUndefined();
    for (const bad of ['1.5', 'ten', '12,5', '1 20']) expect(parseCount(bad)).toBeNaN();
  });

  it('reads Annex E with the agency rows (empty rows dropped, the same agency added up; no non-staff is 0)', () => {
    expect(
      statisticsForm.parse({
        eligibleStaff: '120',
        staffParticipated: '97',
        sessionsHeld: '6',
        managersLed: '5',
        nonStaffParticipants: '',
        'agency[]': ['UNDP', '', 'UNICEF', 'UNDP', ''],
        'count[]': ['2', '', '1', '3', ''],
        comments: '',
        _csrf: 'x',
      }),
    ).toEqual({
      eligibleStaff: 120,
      staffParticipated: 97,
      sessionsHeld: 6,
      managersLed: 5,
      nonStaffParticipants: 0,
      otherAgencyParticipants: { UNDP: 5, UNICEF: 1 },
      comments: null,
    });
  });

  it('reads a single agency row given as plain strings', () => {
    expect(statisticsForm.parse({ 'agency[]': 'UNHCR', 'count[]': '4' }).otherAgencyParticipants).toEqual({
      UNHCR: 4,
    });
  });

  it('reads Annex C: no split when both split fields are empty, one list item per line', () => {
    const input = sessionForm.parse({
      heldOn: '2026-10-14',
      durationMinutes: '90',
      language: 'English, French',
      format: 'virtual',
      staffParticipants: '27',
      nonStaffParticipants: '1',
      'agency[]': ['UNDP'],
      'count[]': ['2'],
      splitPart: '',
      splitOf: '',
      jointUnits: '',
      facilitator: ' ',
      scenarios: 'Scenario 1\r\n\r\n  Scenario 3  ',
      questions: 'May I accept a gift?\nWho decides?',
    });
    expect(input).toEqual({
      heldOn: '2026-10-14',
      durationMinutes: 90,
      language: 'English, French',
      format: 'virtual',
      staffParticipants: 27,
      nonStaffParticipants: 1,
      otherAgencyParticipants: { UNDP: 2 },
      split: null,
      jointUnits: [],
      facilitator: null,
      scenarios: ['Scenario 1', 'Scenario 3'],
      questions: ['May I accept a gift?', 'Who decides?'],
    });
    expect(sessionForm.parse({ splitPart: '2', splitOf: '3', splitFirstPartId: '41' }).split).toEqual({
      part: 2,
      of: 3,
      firstPartId: 41,
    });
  });

  it('reads an empty non-staff count as none (0), and keeps what is not a count for the domain to name', () => {
    const typed = (nonStaffParticipants: string) => ({
      eligibleStaff: '',
      staffParticipated: '3',
      sessionsHeld: '1',
      managersLed: '1',
      nonStaffParticipants,
      heldOn: '2026-10-14',
      staffParticipants: '',
    });
    for (const form of [statisticsForm, sessionForm]) {
      expect(form.parse(typed('')).nonStaffParticipants).toBe(0);
      expect(form.parse(typed('  ')).nonStaffParticipants).toBe(0);
      expect(form.parse(typed('1 200')).nonStaffParticipants).toBe(1200);
      expect(form.parse(typed('abc')).nonStaffParticipants).toBeNaN();
      expect(form.parse(typed('-1')).nonStaffParticipants).toBe(-1);
    }
    // A required count left empty stays missing: the domain says it is required.
    expect(statisticsForm.parse(typed('')).eligibleStaff).toBeUndefined();
    expect(sessionForm.parse(typed('')).staffParticipants).toBeUndefined();
  });

  it('marks as required exactly the Annex C and E inputs the domain refuses when left empty', () => {
    const days = { from: '2026-09-01', to: '2026-12-04', endsToday: true };
    const forms: {
      form: typeof statisticsForm | typeof sessionForm;
      body: Record<string, string>;
      check: (body: Record<string, string>) => FieldIssue[];
    }[] = [
      {
        form: statisticsForm,
        body: {
          eligibleStaff: '10',
          staffParticipated: '8',
          sessionsHeld: '1',
          managersLed: '1',
          nonStaffParticipants: '2',
          comments: 'ok',
        },
        check: (body: Record<string, string>) => issuesOf(() => checkStatistics(statisticsForm.parse(body))),
      },
      {
        form: sessionForm,
        body: {
          heldOn: '2026-10-14',
          durationMinutes: '90',
          language: 'English',
          format: 'virtual',
          staffParticipants: '8',
          nonStaffParticipants: '1',
          facilitator: 'Ana',
          jointUnits: 'A',
          scenarios: 'S',
          questions: 'Q',
        },
        check: (body: Record<string, string>) => checkSessionReport(sessionForm.parse(body), days).issues,
      },
    ];
    for (const { form, body, check } of forms) {
      expect(check(body)).toEqual([]);
      for (const field of form.fields.filter((f) => f.name in body)) {
        const refused = check({ ...body, [field.name]: '' }).some((i) => i.field === field.name);
        expect([form.name, field.name, refused]).toEqual([form.name, field.name, field.required === true]);
      }
    }
  });

  it('marks as required the inputs of every form', () => {
    const required = Object.fromEntries(
      PORTAL_FORM_DEFINITIONS.map((f) => [f.name, f.fields.filter((x) => x.required).map((x) => x.name)]),
    );
    expect(required).toEqual({
      statistics: ['eligibleStaff', 'staffParticipated', 'sessionsHeld', 'managersLed'],
      extension: ['wishedDeadline', 'reason'],
      scenario: ['title', 'description'],
      seminar: ['topic', 'preferredPeriod', 'expectedParticipants'],
      'leader-link': ['leaderEmail'],
      'participants-link': ['sessionId'],
      session: ['heldOn', 'durationMinutes', 'language', 'format', 'staffParticipants'],
      confirm: [],
      feedback: ['usefulness', 'openness', 'relevance'],
      schedule: ['date', 'time'],
      'cancel-session': [],
      excuse: ['email', 'reason'],
    });
  });

  it('reads the feedback ratings and the other forms', () => {
    expect(feedbackForm.parse({ usefulness: '5', openness: '4', relevance: '', comment: '' })).toEqual({
      usefulness: 5,
      openness: 4,
      relevance: undefined,
      comment: null,
    });
    expect(leaderLinkForm.parse({ leaderEmail: '  A@B.org ' })).toBe('A@B.org');
    expect(
      seminarForm.parse({ topic: 'T', preferredPeriod: 'May', expectedParticipants: '30' }),
    ).toMatchObject({
      expectedParticipants: 30,
      details: null,
    });
  });

  it('puts each domain issue beside the input it is about', () => {
    const body = { 'agency[]': ['UNDP', '', 'UNICEF'], 'count[]': ['x', '3', '1'] };
    expect(
      issueTarget('statistics', { field: 'staffParticipated', code: 'required', message: 'm' }, body),
    ).toEqual({
      field: 'staffParticipated',
    });
    expect(
      issueTarget(
        'statistics',
        { field: 'otherAgencyParticipants.UNDP', code: 'required', message: 'm' },
        body,
      ),
    ).toEqual({
      row: 0,
      part: 'count',
    });
    expect(
      issueTarget(
        'statistics',
        {
          field: 'otherAgencyParticipants',
          code: 'agency-name',
          message: "'' is not an agency name",
          params: { agency: '' },
        },
        body,
      ),
    ).toEqual({ row: 1, part: 'agency' });
    // A rule about the whole list is not the nameless row's (it was shown beside its count).
    expect(
      issueTarget(
        'statistics',
        {
          field: 'otherAgencyParticipants',
          code: 'too-many-agencies',
          message: 'must list at most 50 agencies',
          params: { max: 50 },
        },
        body,
      ),
    ).toBeNull();
    expect(
      issueTarget('session', { field: 'split.firstPartId', code: 'required', message: 'm' }, {}),
    ).toEqual({
      field: 'splitFirstPartId',
    });
    expect(issueTarget('session', { field: 'questions.3', code: 'required', message: 'm' }, {})).toEqual({
      field: 'questions',
    });
    expect(issueTarget('session', { field: 'leader', code: 'required', message: 'm' }, {})).toBeNull();
  });
});

describe('the schedule form', () => {
  it('joins the date and the time as typed, leaving an empty length to the definition', () => {
    expect(
      scheduleForm.parse({
        date: '2026-10-14',
        time: '9h30',
        minutes: '',
        place: ' Room 4 ',
        url: '',
        language: 'fr',
      }),
    ).toEqual({
      startsAt: '2026-10-14T09:30',
      minutes: undefined,
      place: 'Room 4',
      url: null,
      language: 'fr',
    });
    expect(scheduleForm.parse({ minutes: 'ninety' })).toMatchObject({ startsAt: 'T', minutes: NaN });
    expect(['9:30', '09.30', '9h30', '21H05', '10:30'].map(typedTime)).toEqual([
      '09:30',
      '09:30',
      '09:30',
      '21:05',
      '10:30',
    ]);
    for (const odd of ['930', 'noon', '9:3', '']) expect(typedTime(odd)).toBe(odd);
  });

  it('puts a problem of the start on the date or the time, whichever was typed wrong', () => {
    const issue = (code: 'date-time' | 'date-between' | 'local-time-gap') => ({
      field: 'startsAt',
      code,
      message: 'm',
    });
    const typed = (date: string, time: string) => ({ date, time });
    expect(issueTarget('schedule', issue('local-time-gap'), typed('2027-03-14', '02:30'))).toEqual({
      field: 'time',
    });
    expect(issueTarget('schedule', issue('date-time'), typed('2026-10-14', '25:00'))).toEqual({
      field: 'time',
    });
    expect(issueTarget('schedule', issue('date-time'), typed('2026-02-30', '10:00'))).toEqual({
      field: 'date',
    });
    expect(issueTarget('schedule', issue('date-time'), typed('', ''))).toEqual({ field: 'date' });
    expect(issueTarget('schedule', issue('date-between'), typed('2025-01-01', '10:00'))).toEqual({
      field: 'date',
    });
    expect(issueTarget('schedule', { field: 'url', code: 'web-link', message: 'm' }, {})).toEqual({
      field: 'url',
    });
  });
});

describe('the forms', () => {
  it('are named once each, as a path segment, each for some roles and with its inputs', () => {
    expect(new Set(PORTAL_FORMS).size).toBe(PORTAL_FORM_DEFINITIONS.length);
    for (const form of PORTAL_FORM_DEFINITIONS) {
      expect(form.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(form.roles.length).toBeGreaterThan(0);
      expect(form.fields.length).toBeGreaterThan(0);
    }
    expect(isPortalForm('leader-link')).toBe(true);
    for (const other of ['nope', 'toString', 42, undefined]) expect(isPortalForm(other)).toBe(false);
  });

  describe('submitted', () => {
    const ctx = { role: 'focal-point', tokenId: 7 } as PortalContext;
    const links = { pageOf: (token: string) => `https://cascade.example.org/p/${token}` } as PortalLinks;
    const calls: unknown[][] = [];
    const record =
      (name: string, answer: unknown = undefined) =>
      async (...args: unknown[]) => {
        calls.push([name, ...args]);
        return answer;
      };
    const portal = {
      submitStatistics: record('submitStatistics'),
      createLeaderLink: record('createLeaderLink', { token: 'L'.repeat(43) }),
      reportSession: record('reportSession', {
        session: { id: 41 },
        warnings: ['30 participants is above the ideal 10–25'],
        notices: [
          { code: 'size-above', message: '30 participants is above the ideal 10–25', params: { count: 30 } },
        ],
        participantsToken: 'P'.repeat(43),
      }),
      confirmManagersCompleted: record('confirmManagersCompleted'),
    } as unknown as PortalService;
    const cascade = {
      scheduleSession: record('scheduleSession'),
      cancelSession: record('cancelSession'),
      excuseManager: record('excuseManager'),
    } as unknown as PortalCascadeService;
    const services = { portal, cascade, links };
    beforeEach(() => calls.splice(0));

    it('hands the cascade forms to the cascade service', async () => {
      expect(
        await scheduleForm.submit(services, ctx, { date: '2026-10-14', time: '10:00', place: 'R' }),
      ).toBeNull();
      expect(await cancelSessionForm.submit(services, ctx, {})).toBeNull();
      expect(await excuseForm.submit(services, ctx, { email: ' a@b.org ', reason: 'Leave' })).toBeNull();
      expect(calls).toEqual([
        ['scheduleSession', ctx, expect.objectContaining({ startsAt: '2026-10-14T10:00', place: 'R' })],
        ['cancelSession', ctx],
        ['excuseManager', ctx, 'a@b.org', 'Leave'],
      ]);
    });

    it('hands the parsed input to the domain; most forms show nothing afterwards', async () => {
      expect(await statisticsForm.submit(services, ctx, { eligibleStaff: '12' })).toBeNull();
      expect(calls).toEqual([['submitStatistics', ctx, expect.objectContaining({ eligibleStaff: 12 })]]);
      expect(await confirmForm.submit(services, ctx, {})).toBeNull();
      expect(calls[1]).toEqual(['confirmManagersCompleted', ctx]);
    });

    it('shows a new leader link once, for the address in lower case', async () => {
      expect(await leaderLinkForm.submit(services, ctx, { leaderEmail: ' Jean@DPPA.org ' })).toEqual({
        kind: 'leader-link',
        email: 'jean@dppa.org',
        link: `https://cascade.example.org/p/${'L'.repeat(43)}`,
      });
      expect(calls).toEqual([['createLeaderLink', ctx, 'Jean@DPPA.org']]);
    });

    it('shows a recorded session’s warnings and its participants’ link once', async () => {
      expect(await sessionForm.submit(services, ctx, { heldOn: '2026-10-14' })).toEqual({
        kind: 'session',
        sessionId: 41,
        warnings: [
          { code: 'size-above', message: '30 participants is above the ideal 10–25', params: { count: 30 } },
        ],
        participantsLink: `https://cascade.example.org/p/${'P'.repeat(43)}`,
      });
    });
  });
});
