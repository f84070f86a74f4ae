import {
  checkSessionReport,
  checkStatistics,
  ERROR_CODES,
  LANGUAGES,
  sessionSizeNotice,
  ValidationFailed,
  type DomainWarning,
} from '@cascade/dialogue';
import { localizeIssue } from './issue-messages';
import { PageRenderer } from './page-renderer';

describe('the pages’ messages', () => {
  describe('in the person’s language', () => {
    const renderer = PageRenderer.fromDirectory();
    const fr = (key: string, values?: Record<string, unknown>) => renderer.translate('fr', key, values);
    const day = (d: string) => renderer.formatDate('fr', d);

    it.each([
      [{ code: 'non-negative-integer' }, 'Veuillez saisir un nombre entier, égal ou supérieur à 0.'],
      [
        { code: 'participated-over-eligible', params: { max: 10 } },
        'Ce nombre ne peut dépasser celui des fonctionnaires concernés (10).',
      ],
      [
        { code: 'after-deadline', params: { date: '2026-12-31' } },
        'Veuillez choisir une date postérieure à l’échéance actuelle, le 31 décembre 2026.',
      ],
      [
        { code: 'date-between', params: { from: '2026-09-01', to: '2026-10-15' } },
        'Veuillez saisir une date comprise entre le 1 septembre 2026 et le 15 octobre 2026.',
      ],
      [
        { code: 'not-a-manager', params: { email: 'x@y.org', code: 'DPPA' } },
        'x@y.org ne figure pas parmi les responsables de l’organigramme de DPPA.',
      ],
      [
        { code: 'managers-missing', params: { count: 2, names: 'A, B' } },
        '2 responsable(s) n’ont pas encore animé leur séance : A, B.',
      ],
      [
        { code: 'too-large', params: { max: 1000000 } },
        'Veuillez saisir un nombre ne dépassant pas 1000000.',
      ],
      [{ code: 'control-characters' }, 'Veuillez retirer de ce texte les caractères de contrôle invisibles.'],
      [{ code: 'too-many-agencies', params: { max: 50 } }, 'Veuillez indiquer au plus 50 organismes.'],
      [{ code: 'too-long', params: { max: 200 } }, 'Veuillez ne pas dépasser 200 caractères.'],
      [{ code: 'a-rule-added-later' }, 'a rule added later'],
      // A string whose param the domain did not give falls back to the English too, rather than failing the page.
      [{ code: 'too-long' }, 'a rule added later'],
    ])('says %p in French', (coded, expected) => {
      expect(localizeIssue({ message: 'a rule added later', ...coded }, fr, day)).toBe(expected);
    });

    it('says the size warning in French', () => {
      expect(localizeIssue(sessionSizeNotice(30) as DomainWarning, fr)).toMatch(
        /^30 participants, c’est davantage que les 10 à 25 recommandés/,
      );
      expect(localizeIssue(sessionSizeNotice(4) as DomainWarning, fr)).toMatch(
        /^4 participants, c’est moins/,
      );
      expect(sessionSizeNotice(12)).toBeNull();
    });
  });
});

describe('the string tables', () => {
  const renderer = PageRenderer.fromDirectory();

  // A code without a string would reach a French or Spanish page in English: this test names it.
  it.each(LANGUAGES)('say every error code in %s', (lang) => {
    const missing = ERROR_CODES.filter((code) => {
      try {
        renderer.translate(lang, `errors.${code}`, new Proxy({}, { get: () => 'x', has: () => true }));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
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

  // Every issue these checks raise is said with its code's string and the params the string needs.
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
        { from: '2026-09-01', to: '2026-10-15', endsToday: false },
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
        { from: '2026-09-01', to: '2026-10-15', endsToday: false },
      ).issues,
    ];
    expect(issues.length).toBeGreaterThan(10);
    const unknown = issues.filter((i) => localizeIssue(i, es) === i.message);
    expect(unknown).toEqual([]);
  });
});
