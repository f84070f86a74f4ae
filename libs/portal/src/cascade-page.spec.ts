import { LANGUAGES, type Language, type ManagerStanding } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import { managersFilterOf, NO_FILTER } from './managers-query';
import { PageRenderer } from './page-renderer';
import { sampleManagers, sampleRoleView, sampleScheduledStanding, sampleStanding } from './page-samples';
import { PortalPages } from './portal-pages';

const pages = new PortalPages(PageRenderer.fromDirectory(), new CsrfTokens('k'.repeat(40)));
const TOKEN = 'T'.repeat(43);
const t = (lang: Language, key: string, values: Record<string, unknown> = {}) =>
  pages.translate(lang, key, values);

/** Handlebars' escapes back to characters, for comparing text. */
const decode = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function leaderPage(standing: ManagerStanding | null, lang: Language = 'en'): string {
  const roleView = sampleRoleView('leader');
  if (roleView.role !== 'leader') throw new Error('a leader view');
  roleView.view.cascade = standing;
  return pages.rolePage(roleView, lang, TOKEN);
}

function focalPage(lang: Language = 'en', query: Record<string, string> = {}): string {
  const roleView = sampleRoleView('focal-point');
  if (roleView.role !== 'focal-point') throw new Error('a Focal Point view');
  roleView.view.managers = sampleManagers(managersFilterOf(query));
  return pages.rolePage(roleView, lang, TOKEN);
}

const standingText = (html: string) =>
  /<p class="lead" id="standing-state">([^<]*)<\/p>/.exec(decode(html))?.[1] ?? null;

describe("a manager's place in the cascade, on their leader page", () => {
  it.each(LANGUAGES)('says the next step and the advice on the session’s size in %s', (lang) => {
    const html = decode(leaderPage(sampleStanding(), lang));
    expect(standingText(html)).toBe(t(lang, 'standing.step.yourTurn'));
    expect(html).toContain(
      t(lang, 'standing.advice.joint', {
        directReports: 8,
        jointBelow: 10,
        splitAbove: 25,
        officer: 'Head of DPPA',
      }),
    );
    expect(html).toContain(
      '<li><bdi>Jean Dupont</bdi> <bdi dir="ltr"><jean.dupont@dppa.example.org></bdi></li>',
    );
    expect(html).toContain(`<h2 id="schedule-title">${t(lang, 'schedule.title')}</h2>`);
    expect(html).toContain(t(lang, 'schedule.timeHint', { zone: 'America/New_York' }));
    expect(html).not.toContain('<details');
  });

  it.each(LANGUAGES)(
    'shows a scheduled session in the entity’s zone, folds the change form, offers to cancel, in %s',
    (lang) => {
      const html = decode(leaderPage(sampleScheduledStanding(), lang));
      const when = {
        en: 'Wednesday, 14 October 2026 at 10:30',
        fr: 'mercredi 14 octobre 2026 à 10:30',
        es: 'miércoles, 14 de octubre de 2026, 10:30',
        ar: 'الأربعاء، 14 أكتوبر 2026 في 10:30 ص',
        zh: '2026年10月14日星期三 10:30',
        ru: 'среда, 14 октября 2026 г. в 10:30',
      }[lang];
      expect(standingText(html)).toBe(t(lang, 'standing.step.scheduled', { when, zone: 'America/New_York' }));
      expect(html).toContain('<dd>Room S-2710</dd>');
      expect(html).toContain('<a href="https://meet.example.org/dppa-amina" rel="noreferrer noopener">');
      expect(html).toContain('<dd>Français</dd>');
      expect(html).toContain(`<h2 id="schedule-title">${t(lang, 'schedule.changeTitle')}</h2>`);
      expect(html).toMatch(/<details>\s*<summary>/);
      expect(html).toMatch(
        /<input id="schedule-date" name="date" type="date" value="2026-10-14" aria-required="true">/,
      );
      expect(html).toMatch(/<input id="schedule-time" name="time" type="time" value="10:30"/);
      expect(html).toMatch(
        /<input type="radio" id="schedule-language-fr" name="language" value="fr" checked>/,
      );
      expect(html).toContain(`<h2 id="cancel-session-title">${t(lang, 'cancelSession.title')}</h2>`);
    },
  );

  it('splits a large team, with the definition’s numbers', () => {
    const html = decode(
      leaderPage(
        sampleStanding({
          directReports: 52,
          advice: { kind: 'split', directReports: 52, sessions: 3, maxSize: 18 },
          parameters: { splitAbove: 20, jointBelow: 8 },
        }),
      ),
    );
    expect(html).toContain(
      'Your team has 52 direct reports, more than the recommended 8 to 20 participants: please hold 3 sessions of about 18 participants each',
    );
  });

  it.each([
    ['held', 'standing.step.held', { count: 2 }],
    ['excused', 'standing.step.excused', {}],
    ['withdrawn', 'standing.step.withdrawn', {}],
    ['closed', 'standing.step.closed', {}],
  ] as const)('in state %s, says so and offers no schedule form', (state, key, values) => {
    const html = decode(
      leaderPage(
        sampleStanding({ state, sessionsLed: 2, excuseReason: state === 'excused' ? 'On leave' : null }),
      ),
    );
    expect(standingText(html)).toBe(t('en', key, values));
    expect(html).not.toContain('id="schedule-title"');
    expect(html).not.toContain('id="cancel-session-title"');
    if (state === 'excused') expect(html).toContain('Reason recorded: On leave');
  });

  it('shows no cascade section to a leader who leads no team of the tree', () => {
    const html = leaderPage(null);
    expect(html).not.toContain('id="standing-title"');
    expect(html).not.toContain('id="schedule-title"');
    expect(html).toContain('id="session-title"');
  });
});

describe("the managers' list on the Focal Point's and the Head's pages", () => {
  const row = (html: string, email: string) => {
    const rows = decode(html).match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    return rows.find((r) => r.includes(email)) ?? '';
  };

  it.each(LANGUAGES)(
    'shows the counts, each manager’s state and subtree progress as an accessible bar, in %s',
    (lang) => {
      const html = decode(focalPage(lang));
      expect(html).toContain(`<h2 id="managers-title">${t(lang, 'managers.title')}</h2>`);
      expect(html).toContain(t(lang, 'managers.intro', { days: 14 }));
      expect(html).toContain(`<li>${t(lang, 'managerStates.your-turn')}: 40</li>`);
      expect(html).toContain(t(lang, 'managers.laggingCount', { count: 17 }));
      const head = row(html, 'head@dppa.example.org');
      expect(head).toContain(
        `<progress value="31" max="120" aria-label="${t(lang, 'managers.subtreeLabel', { name: 'Head of DPPA' })}">`,
      );
      expect(head).toContain(t(lang, 'managers.subtreeText', { held: '31', total: '120' }));
      expect(row(html, 'jean.dupont')).toContain(t(lang, 'managers.lagging', { count: 20 }));
      expect(row(html, 'li.wei')).toContain(
        t(lang, 'managers.excuseReason', { reason: 'On mission until March' }),
      );
      expect(html).toContain(t(lang, 'managers.range', { from: '1', to: '4', total: '120' }));
      expect(html).toContain(t(lang, 'managers.page', { page: '1', pages: '3' }));
    },
  );

  it('links the next page and the excuse form keeping the filter and the language', () => {
    const html = decode(focalPage('fr', { state: 'your-turn', q: 'du', page: '2' }));
    expect(html).toContain(
      `href="/p/${TOKEN}?lang=fr&state=your-turn&q=du&page=3#managers-title" rel="next"`,
    );
    expect(html).toContain(
      `href="/p/${TOKEN}?lang=fr&state=your-turn&q=du&page=1#managers-title" rel="prev"`,
    );
    expect(row(html, 'jean.dupont')).toContain(
      `href="/p/${TOKEN}?lang=fr&state=your-turn&q=du&page=2&excuse=jean.dupont%40dppa.example.org#excuse-title"`,
    );
    // Held and excused managers are not offered for excusing.
    expect(row(html, 'head@dppa.example.org')).not.toContain('excuse=');
    expect(row(html, 'li.wei')).not.toContain('excuse=');
    expect(html).toContain('<option value="your-turn" selected>');
    expect(html).toContain('<input id="managers-q" name="q" type="search" maxlength="200" value="du">');
    expect(html).toContain(`<a href="/p/${TOKEN}?lang=fr#managers-title">`);
  });

  it('fills the excuse form in from a row’s link', () => {
    const html = decode(focalPage('en', { excuse: 'jean.dupont@dppa.example.org' }));
    expect(html).toMatch(
      /<input id="excuse-email" name="email" type="email" autocomplete="off" value="jean.dupont@dppa.example.org" aria-required="true">/,
    );
  });

  it('reads a hand-edited query leniently', () => {
    expect(
      managersFilterOf({ page: '-3', lagging: 'yes', q: 'x\u0000y', state: ['held', 'waiting'] }),
    ).toEqual({
      ...NO_FILTER,
      lagging: true,
      state: 'held',
    });
    expect(managersFilterOf({ page: '99999', q: `  ${'a'.repeat(300)} ` }).q).toHaveLength(200);
    expect(managersFilterOf({ page: '7' }).page).toBe(7);
  });

  it('says when a page is past the end of the list, and leads back', () => {
    const roleView = sampleRoleView('focal-point');
    if (roleView.role !== 'focal-point') throw new Error('a Focal Point view');
    roleView.view.managers = { ...sampleManagers(managersFilterOf({ page: '9' })), managers: [] };
    const html = decode(pages.rolePage(roleView, 'en', TOKEN));
    expect(html).toContain('This page is past the end of the list of 120 managers.');
    expect(html).toContain(`href="/p/${TOKEN}?lang=en&page=3#managers-title" rel="prev"`);
    expect(html).not.toContain('id="managers-table"');
  });

  it('shows the Head the same list, without the excuse action', () => {
    const html = decode(pages.rolePage(sampleRoleView('head-of-entity'), 'en', TOKEN));
    expect(html).toContain('<h2 id="managers-title">');
    expect(html).toContain('<progress value="31" max="120"');
    expect(html).not.toContain('excuse=');
    expect(html).not.toContain('id="excuse-title"');
  });

  it('says so when the entity has no tree yet', () => {
    const roleView = sampleRoleView('focal-point');
    if (roleView.role !== 'focal-point') throw new Error('a Focal Point view');
    roleView.view.managers = { ...sampleManagers(), total: 0, byState: {}, lagging: 0, managers: [] };
    const html = decode(pages.rolePage(roleView, 'es', TOKEN));
    expect(html).toContain(t('es', 'managers.noTree'));
    expect(html).not.toContain('id="managers-q"');
  });
});
