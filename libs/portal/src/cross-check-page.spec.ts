import { LANGUAGES, type FieldIssue, type Language } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import { statisticsForm } from './forms/statistics.form';
import { PageRenderer } from './page-renderer';
import { samplePrefill, sampleRoleView } from './page-samples';
import { PortalPages } from './portal-pages';

const renderer = PageRenderer.fromDirectory();
const pages = new PortalPages(renderer, new CsrfTokens('k'.repeat(40)));
const TOKEN = 'T'.repeat(43);

/** What the domain answers to 22 sessions and 20 leaders with nothing recorded and no tree imported. */
const NOTHING_RECORDED = { sessions: 0, people: 0, managers: 0 };
const ISSUES: FieldIssue[] = [
  {
    field: 'sessionsHeld',
    code: 'sessions-differ-from-records',
    message: 'is 22; Cascade has no session recorded',
    params: { entered: 22, recorded: 0, ...NOTHING_RECORDED },
  },
  {
    field: 'managersLed',
    code: 'leaders-differ-from-records',
    message: 'is 20; …',
    params: { entered: 20, recorded: 0, ...NOTHING_RECORDED },
  },
  { field: 'confirmDifferences', code: 'confirm-differences', message: '…', params: { count: 2 } },
];
const BODY = { eligibleStaff: '400', staffParticipated: '300', sessionsHeld: '22', managersLed: '20' };

function refusedPage(lang: Language, issues: FieldIssue[] = ISSUES): string {
  const roleView = sampleRoleView('focal-point');
  if (roleView.role !== 'focal-point') throw new Error('sample');
  roleView.view.statistics = null;
  roleView.view.statisticsPrefill = samplePrefill(undefined, null);
  return pages.rolePage(roleView, lang, TOKEN, {
    failed: { form: 'statistics', body: BODY, issues, message: null },
  });
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const tableOf = (html: string) => /<div class="cross-check"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
const rowsOf = (html: string) =>
  [...tableOf(html).matchAll(/<tr data-field="(\w+)">([\s\S]*?)<\/tr>/g)].map(([, field, cells]) => [
    field,
    ...[...cells.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]),
  ]);

describe('figures that differ from the records, beside them (issue 21, point 4)', () => {
  it('shows what was entered beside what Cascade has recorded, per figure, and the box that confirms', () => {
    const html = refusedPage('en');
    expect(rowsOf(html)).toEqual([
      ['sessionsHeld', 'Sessions held', '22', 'No session recorded'],
      [
        'managersLed',
        'Managers who led a session',
        '20',
        'No manager has led a recorded session (no reporting tree imported)',
      ],
    ]);
    expect(text(tableOf(html))).toContain('You entered Cascade has recorded');
    const box = /<input type="checkbox" id="statistics-confirmDifferences"[^>]*>/.exec(html)?.[0] ?? '';
    expect(box).toContain('name="confirmDifferences"');
    expect(box).toContain('aria-invalid="true"');
    expect(box).not.toContain('checked');
    expect(html).toContain(
      '<label for="statistics-confirmDifferences">I confirm these figures; Cascade’s records are incomplete.</label>',
    );
    // Beside each figure and in the summary: what Cascade has, and how to go on.
    expect(html).toContain(
      'Cascade has no session recorded; you entered 22. Check the figure, or confirm it below.',
    );
    expect(html).toContain(
      '2 figures differ from Cascade’s records: correct them, or tick the box to confirm them.',
    );
    // The figures as typed stay in the inputs.
    expect(html).toMatch(/<input id="statistics-sessionsHeld"[^>]*value="22"/);
  });

  it('names the tree’s people and managers once a tree is imported', () => {
    const withTree = { sessions: 2, people: 120, managers: 9 };
    const html = refusedPage('en', [
      {
        field: 'eligibleStaff',
        code: 'staff-differ-from-tree',
        message: '…',
        params: { entered: 400, recorded: 120, ...withTree },
      },
      {
        field: 'managersLed',
        code: 'leaders-differ-from-records',
        message: '…',
        params: { entered: 20, recorded: 2, ...withTree },
      },
      { field: 'confirmDifferences', code: 'confirm-differences', message: '…', params: { count: 2 } },
    ]);
    expect(rowsOf(html)).toEqual([
      ['eligibleStaff', 'Eligible staff', '400', '120 people in the reporting tree'],
      [
        'managersLed',
        'Managers who led a session',
        '20',
        '2 managers led the recorded sessions (9 managers in the reporting tree)',
      ],
    ]);
  });

  it('shows no table nor box when the refusal is about something else', () => {
    const html = refusedPage('en', [
      { field: 'managersLed', code: 'leaders-over-sessions', message: '…', params: { max: 3 } },
    ]);
    expect(html).not.toContain('class="cross-check"');
    expect(html).not.toContain('name="confirmDifferences"');
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('says it all in %s, nothing left in English', (lang) => {
    const english = text(tableOf(refusedPage('en')));
    const html = refusedPage(lang);
    const table = text(tableOf(html));
    expect(rowsOf(html)).toHaveLength(2);
    for (const words of [
      'You entered',
      'Cascade has recorded',
      'No session recorded',
      'no reporting tree imported',
    ])
      expect(table).not.toContain(words);
    expect(table).not.toBe(english);
    const label = /<label for="statistics-confirmDifferences">([^<]*)<\/label>/.exec(html)?.[1] ?? '';
    expect(label).not.toBe('');
    expect(label).not.toContain('I confirm');
    expect(html).not.toContain('Check the figure, or confirm it below.');
  });

  it('says on the page that the Focal Point confirmed the differences of the revision on file', () => {
    const roleView = sampleRoleView('focal-point');
    if (roleView.role !== 'focal-point' || !roleView.view.statistics) throw new Error('sample');
    roleView.view.statistics = {
      ...roleView.view.statistics,
      crossCheck: { confirmed: true, differences: [], records: {} },
    };
    const html = pages.rolePage(roleView, 'fr', TOKEN, {});
    expect(html).toContain('Vous avez confirmé des chiffres qui diffèrent des données de Cascade.');
  });

  it('reads the box as a confirmation only when it is ticked', () => {
    expect(statisticsForm.parse({ ...BODY, confirmDifferences: 'yes' })).toMatchObject({
      confirmDifferences: true,
    });
    expect(statisticsForm.parse(BODY)).not.toHaveProperty('confirmDifferences');
  });
});
