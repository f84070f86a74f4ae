import { LANGUAGES, type Language, type SessionDays, type TokenRole } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import { PORTAL_FORM_DEFINITIONS } from './forms/portal-forms';
import type { FailedSubmission, Flash, RoleView } from './page-input';
import { PageRenderer } from './page-renderer';
import { sampleContext, sampleRoleView, sampleScheduledStanding } from './page-samples';
import { PortalPages } from './portal-pages';

// Issue 21, point 5: the friction a person meets in the forms (headings, required fields, the session's date).
const renderer = PageRenderer.fromDirectory();
const pages = new PortalPages(renderer, new CsrfTokens('k'.repeat(40)));
const TOKEN = 'T'.repeat(43);
const ROLES: TokenRole[] = ['focal-point', 'head-of-entity', 'leader', 'participants'];

const decode = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The heading levels of a page, in document order. */
const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));

/**
 * Where a heading skips a level (axe's `heading-order`: a heading may be at most one level deeper than the one
 * before it; the first heading of the page, the error summary's h2 above the h1, may be any level).
 */
function skippedLevels(html: string): string[] {
  const levels = headingLevels(html);
  return levels.flatMap((level, i) =>
    i > 0 && level > levels[i - 1] + 1 ? [`h${levels[i - 1]} → h${level} (heading ${i + 1})`] : [],
  );
}

/** Every page a role may be shown: as opened, after each kind of flash, and refused in each of its forms. */
function variantsOf(
  role: TokenRole,
): { name: string; roleView: RoleView; state: Parameters<PortalPages['rolePage']>[3] }[] {
  const roleView = sampleRoleView(role);
  const variants: { name: string; roleView: RoleView; state: Parameters<PortalPages['rolePage']>[3] }[] = [
    { name: 'as opened', roleView, state: {} },
    {
      name: 'without materials',
      roleView: sampleRoleView(
        role,
        sampleContext(role, {
          materials: { leadersGuide: { en: '' }, participantsGuide: { en: '' }, presentation: { en: '' } },
        }),
      ),
      state: {},
    },
  ];
  const flashes: Flash[] = [
    { kind: 'leader-link', email: 'a@b.example.org', link: 'https://cascade.example.org/p/x' },
    { kind: 'session', sessionId: 3, warnings: [], participantsLink: 'https://cascade.example.org/p/y' },
  ];
  for (const flash of flashes)
    variants.push({ name: `with a ${flash.kind} flash`, roleView, state: { flash } });
  if (role === 'leader' && roleView.role === 'leader') {
    variants.push({
      name: 'with a scheduled session',
      roleView: { ...roleView, view: { ...roleView.view, cascade: sampleScheduledStanding() } },
      state: {},
    });
  }
  for (const form of PORTAL_FORM_DEFINITIONS.filter((f) => f.roles.includes(role))) {
    const failed: FailedSubmission = {
      form: form.name,
      body: {},
      issues: [{ field: form.fields[0]?.name ?? 'x', code: 'required', message: 'is required' }],
      message: null,
    };
    variants.push({ name: `refused in ${form.name}`, roleView, state: { failed } });
  }
  return variants;
}

describe('headings never skip a level (axe heading-order)', () => {
  it('finds a skip where there is one', () => {
    expect(skippedLevels('<h1>a</h1><h3>b</h3>')).toEqual(['h1 → h3 (heading 2)']);
    expect(skippedLevels('<h2>summary</h2><h1>a</h1><h2>b</h2><h3>c</h3><h2>d</h2>')).toEqual([]);
  });

  describe.each(ROLES)('the %s page', (role) => {
    it.each(LANGUAGES)('in %s, in every state it is shown in', (lang) => {
      const variants = variantsOf(role);
      expect(variants.length).toBeGreaterThan(3);
      for (const { name, roleView, state } of variants) {
        const html = pages.rolePage(roleView, lang, TOKEN, state);
        expect([name, headingLevels(html).filter((l) => l === 1).length]).toEqual([name, 1]);
        expect([name, skippedLevels(html)]).toEqual([name, []]);
      }
    });
  });

  it.each(LANGUAGES)('the invalid-link and error pages in %s', (lang) => {
    expect(skippedLevels(pages.invalidLink(lang))).toEqual([]);
    expect(skippedLevels(pages.errorPage(lang, 'notFound'))).toEqual([]);
  });
});

describe('a required field says so', () => {
  const page = (role: TokenRole, lang: Language) => decode(pages.rolePage(sampleRoleView(role), lang, TOKEN));

  it.each(LANGUAGES)('in its label, and to assistive technology, on every form in %s', (lang) => {
    const marker = `<span class="required">${renderer.translate(lang, 'common.required')}</span>`;
    let checked = 0;
    for (const form of PORTAL_FORM_DEFINITIONS) {
      const html = decode(pages.rolePage(sampleRoleView(form.roles[0]), lang, TOKEN));
      for (const field of form.fields) {
        const id = `${form.name}-${field.name}`;
        const control = new RegExp(`<(input|textarea)[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
        const label = new RegExp(`<label for="${id}">([\\s\\S]*?)</label>`).exec(html)?.[1];
        if (!control) continue; // a button (confirm, cancel-session): nothing to fill in
        checked++;
        const radio = /type="radio"/.test(control);
        if (radio) {
          const fieldset = new RegExp(
            `<fieldset[^>]*>\\s*<legend>([^<]*(?:<span[^>]*>[^<]*</span>)?)</legend>(?:(?!</fieldset>)[\\s\\S])*\\bid="${id}"`,
          ).exec(html);
          expect([
            id,
            fieldset?.[0].startsWith('<fieldset') && /aria-required="true"/.test(fieldset[0].split('>')[0]),
          ]).toEqual([id, field.required === true]);
          expect([id, fieldset?.[1].includes(marker)]).toEqual([id, field.required === true]);
        } else {
          expect([id, control.includes('aria-required="true"')]).toEqual([id, field.required === true]);
          expect([id, label?.includes(marker)]).toEqual([id, field.required === true]);
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(page('focal-point', lang)).toContain(marker);
  });

  it('marks the counts that may be left empty as not required (empty means none)', () => {
    const html = decode(pages.rolePage(sampleRoleView('focal-point'), 'en', TOKEN));
    expect(/<input id="statistics-nonStaffParticipants"[^>]*>/.exec(html)?.[0]).not.toContain(
      'aria-required',
    );
    expect(/<input id="statistics-eligibleStaff"[^>]*>/.exec(html)?.[0]).toContain('aria-required="true"');
    expect(html).toContain('Leave empty if there were none.');
  });
});

describe('the date of a session', () => {
  const leaderPage = (lang: Language, days: SessionDays, failed?: FailedSubmission) =>
    decode(
      pages.rolePage(sampleRoleView('leader', sampleContext('leader', { sessionDays: days })), lang, TOKEN, {
        failed,
      }),
    );
  const hintOf = (html: string) => /<p class="hint" id="session-heldOn-hint">([^<]*)<\/p>/.exec(html)?.[1];
  const refused = (limit: string, days: SessionDays): FailedSubmission => ({
    form: 'session',
    body: { heldOn: '2030-01-01' },
    issues: [
      { field: 'heldOn', code: 'session-day', message: 'x', params: { from: days.from, to: days.to, limit } },
    ],
    message: null,
  });
  const errorOf = (html: string) =>
    /<p class="error" id="session-heldOn-error">([\s\S]*?)<\/p>/.exec(html)?.[1];

  it('says which dates are allowed in the hint, as a person would', () => {
    const hint = (days: SessionDays) => hintOf(leaderPage('en', days));
    expect(hint({ from: '2026-12-04', to: '2026-12-04', endsToday: true })).toBe(
      'The day the session took place: for now, only today’s date is possible.',
    );
    expect(hint({ from: '2026-09-01', to: '2026-12-04', endsToday: true })).toBe(
      'The day the session took place, from 1 September 2026 to today.',
    );
    expect(hint({ from: '2026-09-01', to: '2027-02-28', endsToday: false })).toBe(
      'The day the session took place, from 1 September 2026 to 28 February 2027.',
    );
    expect(hint({ from: '2027-02-28', to: '2027-02-28', endsToday: false })).toBe(
      'The day the session took place: 28 February 2027.',
    );
  });

  it('never says "between a day and the same day"; says "by today" when the window ends today', () => {
    const oneDay = { from: '2026-12-04', to: '2026-12-04', endsToday: true };
    const error = (limit: string, days: SessionDays) => errorOf(leaderPage('en', days, refused(limit, days)));
    expect(error('byToday', oneDay)).toContain('The session must have taken place by today.');
    expect(error('today', oneDay)).toContain('The session can only have taken place today.');
    const range = { from: '2026-09-01', to: '2026-12-04', endsToday: true };
    expect(error('sinceToday', range)).toContain(
      'The session must have taken place between 1 September 2026 and today.',
    );
    const past = { from: '2026-09-01', to: '2027-02-28', endsToday: false };
    expect(error('byDate', past)).toContain('The session must have taken place by 28 February 2027.');
    expect(error('between', past)).toContain(
      'The session must have taken place between 1 September 2026 and 28 February 2027.',
    );
    expect(error('onDay', { from: '2027-02-28', to: '2027-02-28', endsToday: false })).toContain(
      'The session must have taken place on 28 February 2027.',
    );
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    'says every case in %s in its own words, with the dates in its format',
    (lang) => {
      const cases: [string, SessionDays][] = [
        ['byToday', { from: '2026-12-04', to: '2026-12-04', endsToday: true }],
        ['today', { from: '2026-12-04', to: '2026-12-04', endsToday: true }],
        ['sinceToday', { from: '2026-09-01', to: '2026-12-04', endsToday: true }],
        ['byDate', { from: '2026-09-01', to: '2027-02-28', endsToday: false }],
        ['between', { from: '2026-09-01', to: '2027-02-28', endsToday: false }],
        ['onDay', { from: '2027-02-28', to: '2027-02-28', endsToday: false }],
      ];
      const seen = new Set<string>();
      for (const [limit, days] of cases) {
        const html = leaderPage(lang, days, refused(limit, days));
        const error = errorOf(html) ?? '';
        const english = errorOf(leaderPage('en', days, refused(limit, days))) ?? '';
        expect([limit, error.includes('{') || error.includes('2026-') || error.includes('2027-')]).toEqual([
          limit,
          false,
        ]);
        expect(error).not.toBe(english);
        seen.add(error);
        const hint = hintOf(html) ?? '';
        expect(hint).not.toBe(hintOf(leaderPage('en', days)));
        expect(hint).not.toMatch(/[{}]|\d{4}-\d{2}/);
      }
      expect(seen.size).toBe(cases.length);
    },
  );
});

describe('the date input’s keyboard stops', () => {
  it('keep the focus outline on every stop, the calendar button included (where the input is no longer :focus)', () => {
    const css =
      /<style>([\s\S]*?)<\/style>/.exec(pages.rolePage(sampleRoleView('leader'), 'en', TOKEN))?.[1] ?? '';
    const rule = /([^{}]*input\[type='date'\]:focus-within[^{}]*)\{([^}]*)\}/.exec(css);
    expect(rule?.[1]).toContain("input[type='date']:focus-visible");
    expect(rule?.[2]).toContain('outline: 3px solid var(--focus)');
    expect(css).toMatch(/input\[type='date'\]::-webkit-calendar-picker-indicator:focus-visible/);
  });
});
