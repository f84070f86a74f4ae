import { checkSessionReport, checkStatistics, ValidationFailed } from '@cascade/dialogue';
import { localizeMessage, localizeWarning } from './domain-messages';
import { PageRenderer } from './page-renderer';

describe('the pages’ messages', () => {
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
