import { LANGUAGES, type Language } from '@cascade/dialogue';
import { CsrfTokens } from './csrf';
import type { RoleView } from './page-input';
import { PageRenderer } from './page-renderer';
import { sampleRoleView, sampleStanding } from './page-samples';
import { PortalPages } from './portal-pages';

const renderer = PageRenderer.fromDirectory();
const pages = new PortalPages(renderer, new CsrfTokens('k'.repeat(40)));
const TOKEN = 'T'.repeat(43);
const t = (lang: Language, key: string, values: Record<string, unknown> = {}) =>
  pages.translate(lang, key, values);
const decode = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** The text of the next step and its link, as the page shows them. */
function nextStepOf(view: RoleView, lang: Language = 'en') {
  const html = decode(pages.rolePage(view, lang, TOKEN));
  const text = /<p id="next-step">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
  const section = /<section class="next-step"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  const link = /<a href="([^"]+)">/.exec(section)?.[1] ?? null;
  const before = (id: string) => html.indexOf('id="next-step-title"') < html.indexOf(`id="${id}"`);
  return { text, link, before };
}

function focal(change: (view: Extract<RoleView, { role: 'focal-point' }>['view']) => void) {
  const view = sampleRoleView('focal-point') as Extract<RoleView, { role: 'focal-point' }>;
  change(view.view);
  return view;
}

function head(change: (view: Extract<RoleView, { role: 'head-of-entity' }>['view']) => void) {
  const view = sampleRoleView('head-of-entity') as Extract<RoleView, { role: 'head-of-entity' }>;
  change(view.view);
  return view;
}

describe('the next step at the top of the Focal Point page', () => {
  it('says what to do now and by when, above the facts and the forms, with a link to the form', () => {
    const step = nextStepOf(focal(() => undefined));
    expect(step.text).toBe(t('en', 'nextStep.follow', { held: 1, managers: 3, date: '31 December 2026' }));
    expect(step.link).toBe('#statistics-title');
    expect(step.before('statistics-title')).toBe(true);
    expect(step.before('progress-title')).toBe(true);
  });

  it('before the tree is imported, says who imports it and from what', () => {
    const step = nextStepOf(focal((v) => (v.progress = { ...v.progress, tree: [], managers: 0 })));
    expect(step.text).toBe(t('en', 'nextStep.tree', { date: '31 December 2026' }));
    expect(step.text).toContain('the Ethics Office imports it');
    expect(step.link).toBeNull();
  });

  it('once overdue, asks for the statistics now or an extension', () => {
    const step = nextStepOf(focal((v) => (v.context = { ...v.context, state: 'overdue' })));
    expect(step.text).toBe(t('en', 'nextStep.overdue', { date: '31 December 2026' }));
  });

  it('after the statistics, says until when they may be corrected; once reported, that nothing is asked', () => {
    const submitted = nextStepOf(
      focal((v) => {
        v.context = { ...v.context, state: 'stats-submitted' };
        v.statistics = { revision: 2, submittedAt: new Date('2026-12-01T10:00:00Z') };
      }),
    );
    expect(submitted.text).toBe(t('en', 'nextStep.submitted', { revision: 2, date: '28 February 2027' }));
    const reported = nextStepOf(
      focal((v) => (v.context = { ...v.context, state: 'reported', reportIssued: true })),
    );
    expect([reported.text, reported.link]).toEqual([t('en', 'nextStep.closed'), null]);
  });

  it.each(LANGUAGES)('is said in %s', (lang) => {
    expect(
      nextStepOf(
        focal(() => undefined),
        lang,
      ).text,
    ).toBe(
      t(lang, 'nextStep.follow', {
        held: 1,
        managers: 3,
        date: renderer.formatDate(lang, '2026-12-31'),
      }),
    );
  });
});

describe('the next step at the top of the Head of Entity page', () => {
  it('gives the date the Head’s own session is expected by, and links the session form', () => {
    const step = nextStepOf(head(() => undefined));
    expect(step.text).toBe(t('en', 'nextStep.headSession', { date: '19 October 2026' }));
    expect(step.link).toBe('#session-title');
    expect(step.before('session-title')).toBe(true);
  });

  it('follows the Head’s session: scheduled, then recorded (confirm the completion), then confirmed', () => {
    expect(nextStepOf(head((v) => (v.cascade = sampleStanding({ state: 'scheduled' })))).text).toBe(
      t('en', 'nextStep.headScheduled', { date: '19 October 2026' }),
    );
    const held = nextStepOf(head((v) => (v.cascade = sampleStanding({ state: 'held', expectedBy: null }))));
    expect([held.text, held.link]).toEqual([t('en', 'nextStep.headFollow'), '#confirm-title']);
    expect(nextStepOf(head((v) => (v.headConfirmedAt = new Date()))).text).toBe(
      t('en', 'nextStep.headConfirmed'),
    );
  });

  it('before the tree is imported, asks for the session all the same and says what the page will show', () => {
    expect(nextStepOf(head((v) => (v.cascade = null))).text).toBe(t('en', 'nextStep.headNoTree'));
  });
});

describe('the leader page', () => {
  it('gives the date the session is expected by while it is awaited, and none once held', () => {
    const leader = (standing: ReturnType<typeof sampleStanding>) => {
      const view = sampleRoleView('leader') as Extract<RoleView, { role: 'leader' }>;
      view.view.cascade = standing;
      return decode(pages.rolePage(view, 'en', TOKEN));
    };
    expect(leader(sampleStanding())).toContain(
      `<p id="standing-expected-by">${t('en', 'standing.expectedBy', { date: '19 October 2026' })}</p>`,
    );
    expect(leader(sampleStanding({ state: 'held', expectedBy: null }))).not.toContain('standing-expected-by');
  });
});
