import { LANGUAGES, ManagerWorkflow, type Language } from '@cascade/dialogue';
import { OutboxMessage } from '@cascade/scheduling';
import { openTestOrm, responseRecorder, testDrivers, type TestOrm } from '@cascade/testing';
import type { PortalPages } from './portal-pages';
import type { PortalPagesController } from './portal-pages.controller';
import {
  FIXTURE_DOMAIN,
  pagesControllerFixture,
  type PagesControllerFixture,
} from './testing/pages-controller-fixture';

const D = FIXTURE_DOMAIN;
const TREE = [
  'name,email,manager_email,language,is_manager',
  `Rosa Head,head${D},,en,yes`,
  `Ann Lead,ann${D},head${D},fr,yes`,
  `Bob Lead,bob${D},head${D},en,yes`,
  `Ann One,ann1${D},ann${D},fr,`,
  `Ann Two,ann2${D},ann${D},es,`,
  `Bob One,bob1${D},bob${D},en,`,
].join('\n');

/** Handlebars' escapes back to characters, for comparing text. */
const decode = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The opening tag of the input with this id. */
function inputTag(html: string, id: string): string {
  const match = new RegExp(`<input id="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no input #${id}`);
  return match[0];
}

const errorOf = (html: string, id: string) =>
  new RegExp(`<p class="error" id="${id}-error">(?:<span[^>]*>[^<]*</span>)? ?([^<]*)</p>`).exec(
    decode(html),
  )?.[1] ?? null;

describe.each(testDrivers())(
  "the leader page's schedule form, through the pages controller (%s)",
  (driver) => {
    let db: TestOrm;
    let fixture: PagesControllerFixture;
    let controller: PortalPagesController;
    let pages: PortalPages;
    let token: string;

    const show = async (query: Record<string, string> = {}) => {
      const { response, answer } = responseRecorder();
      await controller.show(token, query, response);
      return answer;
    };
    /** The form's CSRF token as the page gives it, like a browser that loaded the page first. */
    const csrfOf = (html: string, form: string) =>
      new RegExp(
        `action="/p/[^"]+/${form}\\?lang=\\w+"[^>]*>\\s*<input type="hidden" name="_csrf" value="([^"]+)"`,
      ).exec(decode(html))?.[1] ?? '';
    const post = async (form: string, fields: Record<string, string>, lang: Language = 'en', csrf = true) => {
      const page = await show({ lang });
      const body = csrf ? { ...fields, _csrf: csrfOf(page.html, form) } : fields;
      const { response, answer } = responseRecorder();
      await controller.submit(token, form, lang, body, response);
      return answer;
    };
    const ann = () => db.orm.em.fork().findOneOrFail(ManagerWorkflow, { email: `ann${D}` });
    const mailsTo = async (template: string) =>
      db.orm.em.fork().count(OutboxMessage, { idempotencyKey: { $like: `mail.%.${template}` } });

    beforeAll(async () => {
      db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
      fixture = await pagesControllerFixture(db, TREE);
      ({ controller, pages } = fixture);
      token = await fixture.linkFor('leader', `ann${D}`, 'fr');
    });

    afterAll(async () => {
      await fixture?.close();
      await db?.close();
    });

    it.each(LANGUAGES)(
      'shows the leader their place in the cascade and the form to schedule, in %s',
      async (lang) => {
        const { status, html } = await show({ lang });
        const text = decode(html);
        const t = (key: string, values: Record<string, unknown> = {}) => pages.translate(lang, key, values);
        expect(status).toBe(200);
        expect(text).toContain(`<h2 id="standing-title">${t('standing.title')}</h2>`);
        expect(text).toContain(t('standing.step.waiting'));
        // Two direct reports under Rosa Head, with Bob's unit beside: a joint session.
        expect(text).toContain(
          t('standing.advice.joint', {
            directReports: 2,
            jointBelow: 10,
            splitAbove: 25,
            officer: 'Rosa Head',
          }),
        );
        expect(text).toContain(`<bdi>Bob Lead</bdi> <bdi dir="ltr"><bob${D}></bdi>`);
        expect(text).toContain(t('schedule.timeHint', { zone: 'America/New_York' }));
        expect(inputTag(html, 'schedule-minutes')).toContain('value="90"');
        expect(inputTag(html, 'schedule-time')).toContain('aria-describedby="schedule-time-hint"');
        expect(html).toMatch(
          /<input type="radio" id="schedule-language-fr" name="language" value="fr" checked>/,
        );
        expect(html).not.toContain('id="cancel-session-title"');
      },
    );

    it('schedules the session: back to the page, which says when in New York time and where', async () => {
      const answer = await post('schedule', {
        date: '2026-10-14',
        time: '9h30',
        minutes: '90',
        place: 'Room S-2710',
        url: '',
        language: 'fr',
      });
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(`/p/${token}?done=schedule&lang=en#done`);
      expect(await ann()).toMatchObject({
        state: 'scheduled',
        sessionStartsAt: new Date('2026-10-14T13:30:00Z'),
        sessionPlace: 'Room S-2710',
        sessionUrl: null,
        sessionLanguage: 'fr',
        calendarSequence: 0,
      });
      expect(await mailsTo('session-invitation')).toBe(1);
      const page = decode((await show({ lang: 'en', done: 'schedule' })).html);
      expect(page).toContain(pages.translate('en', 'done.schedule'));
      expect(page).toContain(
        'Your session is scheduled for Wednesday, 14 October 2026 at 09:30 (America/New_York).',
      );
      expect(page).toMatch(/<dt>Place<\/dt><dd>Room S-2710<\/dd>/);
      expect(page).toContain('<h2 id="cancel-session-title">Cancel the session</h2>');
    });

    it('refuses a bad change with 422: each error beside its input, the focus on the first, nothing saved', async () => {
      const before = await ann();
      const answer = await post(
        'schedule',
        {
          date: '2026-09-30',
          time: '10:00',
          minutes: '5',
          place: '',
          url: 'javascript:alert(1)',
          language: 'fr',
        },
        'fr',
      );
      expect(answer.status).toBe(422);
      expect(errorOf(answer.html, 'schedule-date')).toBe(
        'Veuillez saisir une date comprise entre le 1 octobre 2026 et le 28 février 2027.',
      );
      expect(errorOf(answer.html, 'schedule-minutes')).toBe(
        pages.translate('fr', 'errors.whole-number-range', { min: 15, max: 480 }),
      );
      expect(errorOf(answer.html, 'schedule-url')).toBe(pages.translate('fr', 'errors.web-link'));
      expect(inputTag(answer.html, 'schedule-date')).toContain('autofocus');
      expect(inputTag(answer.html, 'schedule-url')).toContain('aria-invalid="true"');
      expect(inputTag(answer.html, 'schedule-url')).toContain('value="javascript:alert(1)"');
      expect(answer.html.match(/\sautofocus\b/g)).toHaveLength(1);
      // The change form is shown open, with what was typed.
      expect(answer.html).toContain('<details open>');
      const after = await ann();
      expect([after.sessionStartsAt, after.calendarSequence, after.version]).toEqual([
        before.sessionStartsAt,
        before.calendarSequence,
        before.version,
      ]);
      expect(await mailsTo('session-invitation')).toBe(1);
    });

    it('puts a time skipped by the clock change beside the time, naming the zone', async () => {
      const answer = await post('schedule', { date: '2027-03-14', time: '02:30', place: 'Room 4' }, 'es');
      expect(answer.status).toBe(422);
      expect(errorOf(answer.html, 'schedule-time')).toBe(
        pages.translate('es', 'errors.local-time-gap', { zone: 'America/New_York' }),
      );
      expect(errorOf(answer.html, 'schedule-date')).toBeNull();
    });

    it('changes the session from the form filled in with it; the team gets the update', async () => {
      const page = await show({ lang: 'en' });
      expect(inputTag(page.html, 'schedule-date')).toContain('value="2026-10-14"');
      expect(inputTag(page.html, 'schedule-time')).toContain('value="09:30"');
      expect(inputTag(page.html, 'schedule-place')).toContain('value="Room S-2710"');
      expect(page.html).toContain('<details>');
      const answer = await post('schedule', {
        date: '2026-11-03',
        time: '14:00',
        minutes: '120',
        place: '',
        url: 'https://meet.example.org/ann',
        language: 'en',
      });
      expect(answer.status).toBe(303);
      expect(await ann()).toMatchObject({
        sessionStartsAt: new Date('2026-11-03T19:00:00Z'), // EST after the clocks went back
        sessionMinutes: 120,
        sessionPlace: null,
        sessionUrl: 'https://meet.example.org/ann',
        calendarSequence: 1,
      });
      expect(await mailsTo('session-invitation')).toBe(2);
      expect(decode((await show()).html)).toContain(
        '<a href="https://meet.example.org/ann" rel="noreferrer noopener">https://meet.example.org/ann</a>',
      );
    });

    it('cancels the session; a second tab cancelling again is told why, by the manager’s state', async () => {
      const stale = csrfOf((await show({ lang: 'fr' })).html, 'cancel-session');
      expect(stale).not.toBe('');
      const cancel = async () => {
        const { response, answer } = responseRecorder();
        await controller.submit(token, 'cancel-session', 'fr', { _csrf: stale }, response);
        return answer;
      };
      expect((await cancel()).status).toBe(303);
      // Ann's own manager has not held their session: she waits again, her team's invitations cancelled.
      expect(await ann()).toMatchObject({ state: 'waiting', calendarSequence: 2 });
      expect(await mailsTo('session-cancelled')).toBe(1);
      const page = await show({ lang: 'en' });
      expect(page.html).toContain('<h2 id="schedule-title">Schedule your session</h2>');
      expect(page.html).not.toContain('id="cancel-session-title"');
      const again = await cancel();
      expect(again.status).toBe(409);
      expect(decode(again.html)).toContain(
        pages.translate('fr', 'errors.managerNotNow', { state: 'En attente de son responsable' }),
      );
      expect(await mailsTo('session-cancelled')).toBe(1);
    });

    it('saves nothing from a form without its CSRF token (403), and shows what was typed', async () => {
      const before = await ann();
      const answer = await post(
        'schedule',
        { date: '2026-10-20', time: '10:00', place: 'Room 9' },
        'en',
        false,
      );
      expect(answer.status).toBe(403);
      expect(inputTag(answer.html, 'schedule-place')).toContain('value="Room 9"');
      expect((await ann()).version).toBe(before.version);
    });
  },
);
