import { annexEPrefillOf, mergeAgencies, type AnnexERecords, type PreviousAnnexE } from './annex-e-prefill';

const EMPTY: AnnexERecords = {
  sessions: 0,
  leaders: 0,
  staff: 0,
  nonStaff: 0,
  withoutBreakdown: 0,
  agencies: {},
  people: 0,
  managers: 0,
};
const RECORDED: AnnexERecords = {
  sessions: 22,
  leaders: 18,
  staff: 301,
  nonStaff: 12,
  withoutBreakdown: 0,
  agencies: { UNHCR: 3, UNDP: 2 },
  people: 412,
  managers: 37,
};
const PREVIOUS: PreviousAnnexE = {
  revision: 2,
  submittedAt: new Date('2026-11-20T10:00:00Z'),
  eligibleStaff: 400,
  staffParticipated: 290,
  sessionsHeld: 21,
  managersLed: 18,
  nonStaffParticipants: 10,
  otherAgencyParticipants: { UNHCR: 3 },
  comments: 'Two sessions were joint ones.',
};

describe('Annex E pre-filled from the records', () => {
  it('without sessions nor tree: every figure is null, from nowhere', () => {
    const prefill = annexEPrefillOf(EMPTY, null);
    for (const field of [
      'eligibleStaff',
      'staffParticipated',
      'sessionsHeld',
      'managersLed',
      'nonStaffParticipants',
      'otherAgencyParticipants',
      'comments',
    ] as const) {
      expect([field, prefill[field].value, prefill[field].source]).toEqual([field, null, 'none']);
    }
    expect(prefill.previous).toBeNull();
  });

  it('a tree without sessions gives the eligible staff only', () => {
    const prefill = annexEPrefillOf({ ...EMPTY, people: 412, managers: 37 }, null);
    expect(prefill.eligibleStaff).toEqual({
      value: 412,
      source: 'tree',
      detail: '412 people in the reporting tree',
      params: { people: 412, managers: 37 },
    });
    expect(prefill.sessionsHeld).toMatchObject({ value: null, source: 'none' });
    expect(prefill.managersLed).toMatchObject({ value: null, source: 'none' });
  });

  it('sessions without a tree give the session figures, and no eligible staff', () => {
    const prefill = annexEPrefillOf({ ...RECORDED, people: 0, managers: 0 }, null);
    expect(prefill.eligibleStaff).toMatchObject({ value: null, source: 'none' });
    expect(prefill.sessionsHeld).toEqual({
      value: 22,
      source: 'sessions',
      detail: '22 recorded sessions',
      params: { sessions: 22 },
    });
    expect(prefill.managersLed.detail).toBe('distinct leaders of 22 recorded sessions');
  });

  it('maps each sum to its Annex E field', () => {
    const prefill = annexEPrefillOf(RECORDED, null);
    const values = Object.fromEntries(
      Object.entries(prefill)
        .filter(([, v]) => v && typeof v === 'object' && 'source' in v)
        .map(([k, v]) => [k, [(v as { value: unknown }).value, (v as { source: string }).source]]),
    );
    expect(values).toEqual({
      eligibleStaff: [412, 'tree'],
      staffParticipated: [301, 'sessions'],
      sessionsHeld: [22, 'sessions'],
      managersLed: [18, 'sessions'],
      nonStaffParticipants: [12, 'sessions'],
      otherAgencyParticipants: [{ UNDP: 2, UNHCR: 3 }, 'sessions'],
      comments: [null, 'none'],
    });
    expect(prefill.managersLed.detail).toBe(
      'distinct leaders of 22 recorded sessions (37 managers in the reporting tree)',
    );
    expect(prefill.records).toEqual({ sessions: 22, withoutBreakdown: 0, people: 412, managers: 37 });
  });

  it('says when sessions had no breakdown and their participants were counted as staff', () => {
    const prefill = annexEPrefillOf({ ...RECORDED, sessions: 1, withoutBreakdown: 1 }, null);
    expect(prefill.staffParticipated).toMatchObject({
      source: 'sessions',
      detail:
        'staff of 1 recorded session (1 session without a breakdown: all their participants counted as staff)',
      params: { sessions: 1, withoutBreakdown: 1 },
    });
  });

  it('sessions that name no agency give an empty map, from the sessions', () => {
    const prefill = annexEPrefillOf({ ...RECORDED, agencies: {} }, null);
    expect(prefill.otherAgencyParticipants).toMatchObject({ value: {}, source: 'sessions' });
  });

  it('a previous submission wins, with what the records give now beside each figure', () => {
    const prefill = annexEPrefillOf(RECORDED, PREVIOUS);
    expect(prefill.sessionsHeld).toEqual({
      value: 21,
      source: 'previous-submission',
      detail: 'as submitted in revision 2',
      params: { revision: 2, submittedAt: '2026-11-20T10:00:00.000Z' },
      fromRecords: {
        value: 22,
        source: 'sessions',
        detail: '22 recorded sessions',
        params: { sessions: 22 },
      },
    });
    expect(prefill.eligibleStaff).toMatchObject({ value: 400, fromRecords: { value: 412, source: 'tree' } });
    expect(prefill.otherAgencyParticipants).toMatchObject({
      value: { UNHCR: 3 },
      fromRecords: { value: { UNDP: 2, UNHCR: 3 } },
    });
    expect(prefill.comments).toMatchObject({
      value: 'Two sessions were joint ones.',
      source: 'previous-submission',
    });
    expect(prefill.previous).toEqual({ revision: 2, submittedAt: PREVIOUS.submittedAt });
  });

  it('a previous submission wins even over empty records (its figures are kept as submitted)', () => {
    const prefill = annexEPrefillOf(EMPTY, { ...PREVIOUS, comments: null });
    expect(prefill.staffParticipated).toMatchObject({
      value: 290,
      source: 'previous-submission',
      fromRecords: { value: null, source: 'none' },
    });
    expect(prefill.comments).toMatchObject({ value: null, source: 'none' });
  });
});

describe('agencies merged across sessions', () => {
  it('merges spellings that differ by case or surrounding spaces, keeping the most used spelling', () => {
    expect(mergeAgencies({ UNHCR: 5, unhcr: 1, ' UNHCR ': 2, Undp: 1, UNDP: 1, 'World Bank': 4 })).toEqual({
      UNDP: 2,
      UNHCR: 8,
      'World Bank': 4,
    });
  });

  it('keeps an agency with zero participants, and is empty for nothing', () => {
    expect(mergeAgencies({ WFP: 0 })).toEqual({ WFP: 0 });
    expect(mergeAgencies({})).toEqual({});
  });
});
