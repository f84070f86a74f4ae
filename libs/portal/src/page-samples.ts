import {
  annexEPrefillOf,
  type AnnexEPrefill,
  type AnnexERecords,
  type CascadeProgress,
  type ManagerRow,
  type ManagerStanding,
  type PortalContext,
  type PreviousAnnexE,
  type SessionSummary,
  type TokenRole,
} from '@cascade/dialogue';
import { MANAGERS_PAGE_SIZE, NO_FILTER, type ManagersListing } from './managers-query';
import type { RoleView } from './page-input';

/** Preview data for every page: what the tests render, and what a designer may render to look at a page. */
export function sampleContext(role: TokenRole, overrides: Partial<PortalContext> = {}): PortalContext {
  const localized = (text: string) => ({ en: text, fr: `${text} (fr)`, es: `${text} (es)` });
  return {
    role,
    tokenId: 7,
    language: 'en',
    subjectEmail: role === 'participants' ? null : 'amina.diallo@dppa.example.org',
    subjectName: role === 'participants' ? null : 'Amina Diallo',
    year: 2026,
    topic: localized('Personal use of social media'),
    materials: {
      leadersGuide: localized('https://example.org/leaders-guide'),
      participantsGuide: localized('https://example.org/participants-guide'),
      presentation: {
        en: 'javascript:alert(1)',
        fr: 'https://example.org/p-fr',
        es: 'https://example.org/p-es',
      },
    },
    entity: {
      code: 'DPPA',
      name: 'Department of Political and Peacebuilding Affairs',
      names: {
        fr: 'Département des affaires politiques et de la consolidation de la paix',
        es: 'Departamento de Asuntos Políticos y de Consolidación de la Paz',
      },
      timeZone: 'America/New_York',
      language: 'en',
    },
    state: 'cascading',
    effectiveDeadline: '2026-12-31',
    reportCutoff: '2027-02-28',
    sessionDays: { from: '2026-09-01', to: '2026-11-20', endsToday: true },
    reportIssued: false,
    expiresAt: new Date('2027-03-01T04:59:59Z'),
    session: role === 'participants' ? { id: 3, heldOn: '2026-10-14', language: 'English' } : null,
    ...overrides,
  };
}

export function sampleProgress(): CascadeProgress {
  const node = (name: string, email: string, manager: string | null, sessionsLed: number, next: boolean) => ({
    name,
    email,
    managerEmail: manager,
    isManager: true,
    sessionsLed,
    next,
  });
  return {
    managers: 3,
    managersWhoLed: 1,
    ratio: 1 / 3,
    next: [{ name: 'Jean Dupont', email: 'jean.dupont@dppa.example.org' }],
    tree: [
      node('Head of DPPA', 'head@dppa.example.org', null, 1, false),
      node('Jean Dupont', 'jean.dupont@dppa.example.org', 'head@dppa.example.org', 0, true),
      node('Ana López', 'ana.lopez@dppa.example.org', 'jean.dupont@dppa.example.org', 0, false),
      {
        name: 'Staff Member',
        email: 'staff@dppa.example.org',
        managerEmail: 'ana.lopez@dppa.example.org',
        isManager: false,
        sessionsLed: 0,
        next: false,
      },
    ],
  };
}

export function sampleSessions(): SessionSummary[] {
  return [
    {
      id: 1,
      leaderEmail: 'head@dppa.example.org',
      leaderName: 'Head of DPPA',
      heldOn: '2026-10-02',
      durationMinutes: 90,
      language: 'English and French',
      format: 'in-person',
      participants: 30,
      staffParticipants: 27,
      nonStaffParticipants: 2,
      otherAgencyParticipants: { UNDP: 1 },
      split: null,
      jointUnits: [],
      facilitator: 'Li Wei',
      scenarios: ['Scenario 1'],
      questions: [],
      sizeWarning:
        '30 participants is above the ideal 10–25: consider splitting the session (the same manager leads every part)',
    },
  ];
}

/** A manager whose turn came, with a team of 8 under a Head who has two other managers (a joint session). */
export function sampleStanding(overrides: Partial<ManagerStanding> = {}): ManagerStanding {
  return {
    name: 'Amina Diallo',
    email: 'amina.diallo@dppa.example.org',
    language: 'en',
    state: 'your-turn',
    turnOn: '2026-10-05',
    expectedBy: '2026-10-19',
    directReports: 8,
    sessionsLed: 0,
    excuseReason: null,
    timeZone: 'America/New_York',
    session: null,
    defaultMinutes: 90,
    advice: {
      kind: 'joint',
      directReports: 8,
      secondReportingOfficer: { name: 'Head of DPPA', email: 'head@dppa.example.org' },
      units: [
        { name: 'Jean Dupont', email: 'jean.dupont@dppa.example.org' },
        { name: 'Ana López', email: 'ana.lopez@dppa.example.org' },
      ],
    },
    parameters: { splitAbove: 25, jointBelow: 10 },
    ...overrides,
  };
}

/** The same manager with their session scheduled: Wednesday 14 October 2026, 10:30 in New York. */
export function sampleScheduledStanding(): ManagerStanding {
  return sampleStanding({
    state: 'scheduled',
    session: {
      startsAt: new Date('2026-10-14T14:30:00Z'),
      localStartsAt: '2026-10-14T10:30',
      minutes: 90,
      place: 'Room S-2710',
      url: 'https://meet.example.org/dppa-amina',
      language: 'fr',
    },
  });
}

const managerRow = (
  name: string,
  email: string,
  state: string,
  extra: Partial<ManagerRow> = {},
): ManagerRow => ({
  id: 1,
  depth: 1,
  name,
  email,
  managerEmail: 'head@dppa.example.org',
  language: 'en',
  state,
  directReports: 12,
  turnOn: null,
  sessionsLed: 0,
  sessionStartsAt: null,
  excuseReason: null,
  laggingDays: null,
  subtree: { managers: 1, held: 0 },
  ...extra,
});

/** The first page of a tree of 120 managers: the Head, a lagging manager, a scheduled one, an excused one. */
export function sampleManagers(filter = NO_FILTER): ManagersListing {
  return {
    states: ['waiting', 'your-turn', 'scheduled', 'held', 'excused', 'withdrawn', 'closed'],
    total: 120,
    byState: { held: 31, 'your-turn': 40, scheduled: 9, waiting: 38, excused: 2 },
    lagging: 17,
    laggingAfterDays: 14,
    managers: [
      managerRow('Head of DPPA', 'head@dppa.example.org', 'held', {
        managerEmail: null,
        sessionsLed: 1,
        turnOn: '2026-10-01',
        subtree: { managers: 120, held: 31 },
      }),
      managerRow('Jean Dupont', 'jean.dupont@dppa.example.org', 'your-turn', {
        turnOn: '2026-10-05',
        laggingDays: 20,
        subtree: { managers: 14, held: 0 },
      }),
      managerRow('Ana López', 'ana.lopez@dppa.example.org', 'scheduled', {
        language: 'es',
        turnOn: '2026-10-05',
        sessionStartsAt: new Date('2026-10-28T14:00:00Z'),
        subtree: { managers: 3, held: 1 },
      }),
      managerRow('Li Wei', 'li.wei@dppa.example.org', 'excused', { excuseReason: 'On mission until March' }),
    ],
    filter,
    pageSize: MANAGERS_PAGE_SIZE,
  };
}

/** The sums of the sample's records: what a Focal Point's statistics form starts from before any submission. */
export const SAMPLE_RECORDS: AnnexERecords = {
  sessions: 6,
  leaders: 3,
  staff: 97,
  nonStaff: 4,
  withoutBreakdown: 1,
  agencies: { UNDP: 2, undp: 1 },
  people: 120,
  managers: 3,
};

export const SAMPLE_SUBMISSION: PreviousAnnexE = {
  revision: 1,
  submittedAt: new Date('2026-11-02T15:30:00Z'),
  eligibleStaff: 120,
  staffParticipated: 97,
  sessionsHeld: 5,
  managersLed: 3,
  nonStaffParticipants: 4,
  otherAgencyParticipants: { UNDP: 2 },
  comments: null,
};

export function samplePrefill(
  records: AnnexERecords = SAMPLE_RECORDS,
  previous: PreviousAnnexE | null = SAMPLE_SUBMISSION,
): AnnexEPrefill {
  return annexEPrefillOf(records, previous);
}

export function sampleRoleView(role: TokenRole, context: PortalContext = sampleContext(role)): RoleView {
  switch (role) {
    case 'focal-point':
      return {
        role,
        view: {
          context,
          progress: sampleProgress(),
          sessions: sampleSessions(),
          statistics: { ...SAMPLE_SUBMISSION },
          statisticsPrefill: samplePrefill(),
          extensionRequests: [
            {
              id: 1,
              wishedDeadline: '2027-01-31',
              reason: 'Field missions',
              status: 'pending',
              decisionReason: null,
            },
          ],
          scenarioProposals: [
            { id: 1, title: 'Gifts at the duty station', status: 'approved', feedback: null },
          ],
          seminarRequests: [
            { id: 1, topic: 'Conflicts of interest', preferredPeriod: 'November', status: 'requested' },
          ],
          headConfirmedAt: null,
          managers: sampleManagers(),
        },
      };
    case 'head-of-entity':
      return {
        role,
        view: {
          context,
          progress: sampleProgress(),
          sessions: sampleSessions(),
          headConfirmedAt: null,
          managers: sampleManagers(),
          cascade: sampleStanding({
            name: 'Head of DPPA',
            email: 'head@dppa.example.org',
            directReports: 12,
            advice: { kind: 'single', directReports: 12 },
          }),
        },
      };
    case 'leader':
      return {
        role,
        view: { context, progress: sampleProgress(), sessions: sampleSessions(), cascade: sampleStanding() },
      };
    case 'participants':
      return { role, view: { context, alreadyCounted: 4, capacity: 12 } };
  }
}
