import { checkSessionReport, checkStatistics, ValidationFailed } from '@cascade/dialogue';
import { issueTarget, localizeMessage, localizeWarning, parseCount, parseForm } from './page-forms';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './portal-pages';

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

  it('reads Annex E with the agency rows (empty rows dropped, the same agency added up)', () => {
    expect(
      parseForm.statistics({
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
      nonStaffParticipants: undefined,
      otherAgencyParticipants: { UNDP: 5, UNICEF: 1 },
      comments: null,
    });
  });

  it('reads a single agency row given as plain strings', () => {
    expect(parseForm.statistics({ 'agency[]': 'UNHCR', 'count[]': '4' }).otherAgencyParticipants).toEqual({
      UNHCR: 4,
    });
  });

  it('reads Annex C: no split when both split fields are empty, one list item per line', () => {
    const input = parseForm.session({
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
    expect(parseForm.session({ splitPart: '2', splitOf: '3', splitFirstPartId: '41' }).split).toEqual({
      part: 2,
      of: 3,
      firstPartId: 41,
    });
  });

  it('reads the feedback ratings and the other forms', () => {
    expect(parseForm.feedback({ usefulness: '5', openness: '4', relevance: '', comment: '' })).toEqual({
      usefulness: 5,
      openness: 4,
      relevance: undefined,
      comment: null,
    });
    expect(parseForm['leader-link']({ leaderEmail: '  A@B.org ' })).toBe('A@B.org');
    expect(
      parseForm.seminar({ topic: 'T', preferredPeriod: 'May', expectedParticipants: '30' }),
    ).toMatchObject({
      expectedParticipants: 30,
      details: null,
    });
  });

  it('puts each domain issue beside the input it is about', () => {
    const body = { 'agency[]': ['UNDP', '', 'UNICEF'], 'count[]': ['x', '3', '1'] };
    expect(issueTarget('statistics', { field: 'staffParticipated', message: 'm' }, body)).toEqual({
      field: 'staffParticipated',
    });
    expect(issueTarget('statistics', { field: 'otherAgencyParticipants.UNDP', message: 'm' }, body)).toEqual({
      row: 0,
      part: 'count',
    });
    expect(
      issueTarget(
        'statistics',
        { field: 'otherAgencyParticipants', message: "'' is not an agency name" },
        body,
      ),
    ).toEqual({ row: 1, part: 'agency' });
    // A rule about the whole list is not the nameless row's (it was shown beside its count).
    expect(
      issueTarget(
        'statistics',
        { field: 'otherAgencyParticipants', message: 'must list at most 50 agencies' },
        body,
      ),
    ).toBeNull();
    expect(issueTarget('session', { field: 'split.firstPartId', message: 'm' }, {})).toEqual({
      field: 'splitFirstPartId',
    });
    expect(issueTarget('session', { field: 'questions.3', message: 'm' }, {})).toEqual({
      field: 'questions',
    });
    expect(issueTarget('session', { field: 'leader', message: 'm' }, {})).toBeNull();
  });

  describe('in the person’s language', () => {
    const renderer = PageRenderer.fromDirectory();
    const fr = (key: string, values?: Record<string, unknown>) => renderer.translate('fr', key, values);
    const day = (d: string) => renderer.formatDate('fr', d);

    it.each([
      ['must be a non-negative integer', 'Veuillez saisir un nombre entier, égal ou supérieur à 0.'],
      [
        'must not exceed eligibleStaff (10)',
        'Ce nombre ne peut dépasser celui des fonctionnaires concernés (10).',
      ],
      [
        'must be after the current deadline 2026-12-31',
        'Veuillez choisir une date postérieure à l’échéance actuelle, le 31 décembre 2026.',
      ],
      [
        'must be between 2026-09-01 and 2026-10-15',
        'Veuillez saisir une date comprise entre le 1 septembre 2026 et le 15 octobre 2026.',
      ],
      [
        "x@y.org is not a manager of DPPA's reporting tree",
        'x@y.org ne figure pas parmi les responsables de l’organigramme de DPPA.',
      ],
      [
        '2 manager(s) have not led a session yet: A, B',
        '2 responsable(s) n’ont pas encore animé leur séance : A, B.',
      ],
      ['must be at most 1000000', 'Veuillez saisir un nombre ne dépassant pas 1000000.'],
      [
        'must not contain control characters',
        'Veuillez retirer de ce texte les caractères de contrôle invisibles.',
      ],
      ['must list at most 50 agencies', 'Veuillez indiquer au plus 50 organismes.'],
      ['must be at most 200 characters', 'Veuillez ne pas dépasser 200 caractères.'],
      ['a rule added later', 'a rule added later'],
    ])('says %p in French', (message, expected) => {
      expect(localizeMessage(message, fr, day)).toBe(expected);
    });

    it('says the size warning in French', () => {
      expect(
        localizeWarning(
          '30 participants is above the ideal 10–25: consider splitting the session (the same manager leads every part)',
          fr,
        ),
      ).toMatch(/^30 participants, c’est davantage que les 10 à 25 recommandés/);
      expect(localizeWarning('4 participants is below the ideal 10–25: …', fr)).toMatch(
        /^4 participants, c’est moins/,
      );
    });
  });

  it('chooses the page language: ?lang=, then Accept-Language, then the person’s', () => {
    expect(pageLanguage('es', 'fr', 'en')).toBe('es');
    expect(pageLanguage('de', undefined, 'fr')).toBe('fr');
    expect(pageLanguage(undefined, 'de-DE,es;q=0.8,fr;q=0.9', 'en')).toBe('fr');
    expect(pageLanguage(undefined, 'de-DE', 'en')).toBe('en');
  });
});

describe('the domain’s messages', () => {
  const renderer = PageRenderer.fromDirectory();
  const es = (key: string, values?: Record<string, unknown>) => renderer.translate('es', key, values);

  function issuesOf(run: () => void) {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationFailed) return error.issues;
      throw error;
    }
    throw new Error('expected a refusal');
  }

  // If the domain rewords a rule, the page would fall back to English: this test says which one.
  it('are all known to the pages, so none reaches a French or Spanish page in English', () => {
    const issues = [
      ...issuesOf(() =>
        checkStatistics({
          eligibleStaff: 5,
          staffParticipated: 6,
          sessionsHeld: 0,
          managersLed: 2,
          nonStaffParticipants: -1,
          otherAgencyParticipants: { '': 1, UNDP: Number.NaN },
          comments: 'x'.repeat(6000),
        }),
      ),
      ...checkSessionReport(
        {
          heldOn: '2025-01-01',
          durationMinutes: 5,
          language: '',
          format: 'hybrid' as 'virtual',
          staffParticipants: 0,
          nonStaffParticipants: 0,
          split: { part: 3, of: 1 },
        },
        { from: '2026-09-01', to: '2026-10-15' },
      ).issues,
      // Out of range, control characters, too many agencies (the hostile-input suite's finds).
      ...issuesOf(() =>
        checkStatistics({
          eligibleStaff: 3_000_000_000,
          staffParticipated: 0,
          sessionsHeld: 0,
          managersLed: 0,
          nonStaffParticipants: 0,
          otherAgencyParticipants: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`A${i}`, 1])),
          comments: 'nul\u0000',
        }),
      ),
      ...checkSessionReport(
        {
          heldOn: 'someday',
          durationMinutes: 90,
          language: 'en',
          format: 'virtual',
          staffParticipants: 0,
          nonStaffParticipants: 0,
          split: { part: 2, of: 3 },
        },
        { from: '2026-09-01', to: '2026-10-15' },
      ).issues,
    ];
    expect(issues.length).toBeGreaterThan(10);
    const unknown = issues.filter((i) => localizeMessage(i.message, es) === i.message);
    expect(unknown).toEqual([]);
  });
});
