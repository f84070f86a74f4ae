import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  accessibilityViolations,
  calendarPartsOf,
  launchChromium,
  readCalendar,
  sampleDialogueInput,
  startSmtpSink,
  startStack,
  testDrivers,
  waitFor,
  type AccessibilityViolation,
  type ReceivedMail,
  type SmtpSink,
  type Stack,
} from '@cascade/testing';
import type { LaunchStatus, Problem } from './support/views';

const YEAR = new Date().getUTCFullYear();
const ARTIFACTS = path.resolve(__dirname, 'artifacts');

const ENTITY = {
  code: 'PTL',
  name: 'Office of Portal Testing <Geneva> & Partners',
  names: { fr: 'Bureau des essais du portail <Genève> & partenaires', es: 'Oficina de Pruebas del Portal' },
  kind: 'office',
  dutyStation: 'Geneva',
  timeZone: 'Europe/Zurich',
  language: 'en',
  headName: 'Head of PTL',
  headEmail: 'head@ptl.example.org',
  focalPoints: [{ name: 'Farah Point', email: 'focal@ptl.example.org', language: 'en' }],
};

// The Head, two managers under them (one Spanish-speaking, one French-speaking) and their staff.
const ORG_TREE = [
  'name,email,manager_email,language,is_manager',
  'Head of PTL,head@ptl.example.org,,en,yes',
  'Marta Gómez,marta.gomez@ptl.example.org,head@ptl.example.org,es,yes',
  'Luc Martin,luc.martin@ptl.example.org,head@ptl.example.org,fr,yes',
  'Staff One,staff.one@ptl.example.org,marta.gomez@ptl.example.org,en,no',
  'Staff Two,staff.two@ptl.example.org,luc.martin@ptl.example.org,en,no',
].join('\n');

/** Today in the entity's calendar, as a date input wants it. */
function localToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** axe's findings as lines a failing test prints: where, the rule, its impact and the elements. */
function described(where: string, violations: AccessibilityViolation[]): string[] {
  return violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.targets.join(' | ')}`);
}

async function submit(page: Page, section: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click(`section[aria-labelledby="${section}"] button[type=submit]`),
  ]);
  return response?.status() ?? 0;
}

describe.each(testDrivers())('the token-link pages in Chromium (%s)', (driver) => {
  let stack: Stack;
  let base: string;
  let sink: SmtpSink;
  let browser: Browser;
  let focalPointLink: string;

  const call = <T = unknown>(method: string, url: string, body?: unknown, contentType?: string) =>
    stack.call<T>(method, url, body, { contentType });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `portal-${driver}-${name}.png`), fullPage: true });

  const entityState = async () =>
    (await call<{ state: string }>('GET', `/api/dialogues/${YEAR}/entities/${ENTITY.code}`)).body.state;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    sink = await startSmtpSink();
    stack = await startStack({
      driver,
      workers: 1,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
        PORTAL_SECRET: 'e2e-portal-secret-0123456789abcdefghij',
      },
    });
    base = stack.base;
    browser = await launchChromium();

    expect((await call('POST', '/api/dialogues', sampleDialogueInput(YEAR))).status).toBe(201);
    expect((await call('POST', '/api/entities/import', { entities: [ENTITY] })).status).toBe(201);
    expect((await call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
    const invitation = (await waitFor(
      () => sink.received.find((m) => m.rcptTo.includes(ENTITY.focalPoints[0].email)),
      { what: 'the invitation to the Focal Point', timeoutMs: 60000 },
    ).catch((error) => {
      throw new Error(`${error.message}\n${stack.outputs()}`);
    })) as ReceivedMail;
    const text = `${invitation.parsed.text ?? ''}\n${invitation.parsed.html || ''}`;
    const link = new RegExp(`${base.replace(/[.]/g, '\\.')}/p/[A-Za-z0-9_-]{20,}`).exec(text)?.[0];
    if (!link) throw new Error(`no personal link in the invitation:\n${invitation.parsed.text}`);
    focalPointLink = link;
    // The launch's status counts the invitation mails by delivery status (the Focal Point's and the Head's).
    const launch = await waitFor(
      async () => {
        const { body } = await call<LaunchStatus>('GET', `/api/dialogues/${YEAR}/launch`);
        return body.invitationMails.sent === 2 ? body : null;
      },
      { what: 'two invitation mails sent, in the launch status' },
    );
    expect(launch).toMatchObject({ state: 'invited', entitiesToInvite: 1, invited: 1, progress: 1 });
    expect(launch?.invitationMails).toEqual({ queued: 0, sent: 2, failed: 0 });
    const tree = await call(
      'POST',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}/org-tree`,
      ORG_TREE,
      'text/csv',
    );
    expect([tree.status, tree.body]).toEqual([201, expect.objectContaining({ added: 5 })]);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await sink?.close();
  });

  it('names the entity in the page’s language: the French and Spanish names, English in Arabic', async () => {
    const page = await browser.newPage();
    try {
      for (const [lang, name] of [
        ['fr', 'Bureau des essais du portail <Genève> & partenaires'],
        ['es', 'Oficina de Pruebas del Portal'],
        ['ar', 'Office of Portal Testing <Geneva> & Partners'],
      ]) {
        await page.goto(`${focalPointLink}?lang=${lang}`);
        expect([lang, await page.textContent('dl.facts dd bdi')]).toEqual([lang, name]);
      }
    } finally {
      await page.close();
    }
  });

  it('a Focal Point opens the invitation link, switches to French, corrects a mistake and submits the statistics', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(focalPointLink);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toBe('Focal Point page');
      // The hostile-looking entity name is shown as text, not markup.
      expect(await page.textContent('dl.facts dd')).toContain('Office of Portal Testing <Geneva> & Partners');
      // The statistics form starts from what Cascade knows: the tree's 5 people, no session recorded yet.
      expect(await page.inputValue('#statistics-eligibleStaff')).toBe('5');
      expect(await page.textContent('#statistics-eligibleStaff-source')).toBe(
        'From the reporting tree (5 people).',
      );
      expect(await page.inputValue('#statistics-sessionsHeld')).toBe('');
      expect(await page.textContent('#statistics-sessionsHeld-source')).toBe('Nothing recorded yet.');

      await Promise.all([page.waitForNavigation(), page.click('a[hreflang=fr]')]);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('h1')).toBe('Page du point focal');

      await page.fill('#statistics-eligibleStaff', '40');
      await page.fill('#statistics-staffParticipated', '45'); // the mistake: more than eligible
      await page.fill('#statistics-sessionsHeld', '3');
      await page.fill('#statistics-managersLed', '3');
      await page.fill('#statistics-nonStaffParticipants', ''); // none: an empty count means 0
      await page.fill('#statistics-agency-0', 'UNDP');
      await page.fill('#statistics-count-0', '4');
      expect(await submit(page, 'statistics-title')).toBe(422);

      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      const error = await page.textContent('#statistics-staffParticipated-error');
      expect(error).toContain('Ce nombre ne peut dépasser celui des fonctionnaires concernés (40)');
      expect(await page.getAttribute('#statistics-staffParticipated', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#statistics-staffParticipated', 'aria-describedby')).toContain(
        'statistics-staffParticipated-error',
      );
      expect(await page.getAttribute(':focus', 'id')).toBe('statistics-staffParticipated');
      expect(await page.textContent('.error-summary')).toContain('Fonctionnaires ayant participé');
      // The empty non-staff count is not an error.
      expect(await page.getAttribute('#statistics-nonStaffParticipants', 'aria-invalid')).toBeNull();
      expect(await page.inputValue('#statistics-agency-0')).toBe('UNDP'); // what was typed is kept
      await shot(page, '1-statistics-error-fr');
      expect(await entityState()).not.toBe('stats-submitted'); // nothing half-written

      await page.fill('#statistics-staffParticipated', '36');
      // 40 eligible, 3 sessions and 3 leaders, while the tree has 5 people and no session is recorded: the
      // figures come back beside Cascade's records, to be confirmed (nothing is saved until then).
      expect(await submit(page, 'statistics-title')).toBe(422);
      const rows = await page.$$eval('.cross-check tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim())),
      );
      expect(rows).toEqual([
        ['Fonctionnaires concernés', '40', '5 personnes dans l’organigramme'],
        ['Séances tenues', '3', 'Aucune séance enregistrée'],
        [
          'Responsables ayant animé une séance',
          '3',
          'Aucun responsable n’a animé de séance enregistrée (3 responsables dans l’organigramme)',
        ],
      ]);
      expect(await page.textContent('.error-summary')).toContain(
        '3 chiffres diffèrent des données de Cascade',
      );
      expect(await page.textContent('label[for="statistics-confirmDifferences"]')).toBe(
        'Je confirme ces chiffres ; les données de Cascade sont incomplètes.',
      );
      expect(await page.inputValue('#statistics-sessionsHeld')).toBe('3'); // what was typed is kept
      await shot(page, '1b-statistics-differ-fr');
      expect(await entityState()).not.toBe('stats-submitted');
      await page.check('#statistics-confirmDifferences');
      expect(await submit(page, 'statistics-title')).toBe(200);
      expect(page.url()).toContain('done=statistics');
      expect(page.url()).toContain('lang=fr');
      expect(await page.textContent('#done')).toContain('Vos statistiques ont bien été reçues');
      expect(await page.textContent('dl.facts')).toContain('Statistiques transmises');
      expect(await page.inputValue('#statistics-staffParticipated')).toBe('36'); // the form shows the revision on file
      expect(await page.inputValue('#statistics-nonStaffParticipants')).toBe('0'); // left empty: none
      await shot(page, '2-statistics-received-fr');

      expect(await entityState()).toBe('stats-submitted');
    } finally {
      await page.close();
    }
  });

  it('a POST without a valid _csrf gets 403 and changes nothing', async () => {
    const token = focalPointLink.split('/p/')[1];
    const before = await call<{ statistics?: { revision: number } }>('GET', `/api/portal/${token}`);
    const form = new URLSearchParams({
      eligibleStaff: '40',
      staffParticipated: '1',
      sessionsHeld: '1',
      managersLed: '1',
      nonStaffParticipants: '0',
      _csrf: 'forged.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    const response = await fetch(`${base}/p/${token}/statistics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    const after = await call<{ statistics?: { revision: number; staffParticipated: number } }>(
      'GET',
      `/api/portal/${token}`,
    );
    expect(after.body.statistics).toEqual(before.body.statistics);
    expect(after.body.statistics?.staffParticipated).toBe(36);
    // The confirmation given on the page is kept with the submission: which figures differed, both values.
    expect(after.body.statistics).toMatchObject({
      crossCheck: {
        confirmed: true,
        differences: [
          { field: 'eligibleStaff', entered: 40, recorded: 5 },
          { field: 'sessionsHeld', entered: 3, recorded: 0 },
          { field: 'managersLed', entered: 3, recorded: 0 },
        ],
        records: { sessions: 0, leaders: 0, people: 5, managers: 3 },
      },
    });
  });

  it('more managers who led than the reporting tree has (3) is refused on every path, naming managersLed', async () => {
    const token = focalPointLink.split('/p/')[1];
    const tooMany = {
      eligibleStaff: 40,
      staffParticipated: 36,
      sessionsHeld: 4,
      managersLed: 4,
      nonStaffParticipants: 0,
    };
    const before = await call<{ statistics?: { revision: number } }>('GET', `/api/portal/${token}`);

    const fromJson = await fetch(`${base}/api/portal/${token}/statistics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tooMany),
    });
    expect(fromJson.status).toBe(422);
    expect(((await fromJson.json()) as Problem).issues.map((i) => i.field)).toEqual(['managersLed']);

    const fromAdminApi = await call<Problem>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}/statistics`,
      tooMany,
    );
    expect(fromAdminApi.status).toBe(422);
    expect(fromAdminApi.body.issues.map((i) => i.field)).toEqual(['managersLed']);

    const page = await browser.newPage();
    try {
      await page.goto(`${focalPointLink}?lang=en`);
      // Two errors the domain finds in the other order: a count that is not one (each field's own check, first)
      // and more participants than eligible staff (a rule across fields, after): the page follows the form.
      await page.fill('#statistics-staffParticipated', '45');
      await page.fill('#statistics-nonStaffParticipants', 'deux');
      expect(await submit(page, 'statistics-title')).toBe(422);
      expect(await page.getAttribute(':focus', 'id')).toBe('statistics-staffParticipated');
      expect(
        await page
          .locator('.error-summary a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#statistics-staffParticipated', '#statistics-nonStaffParticipants']);
      await page.fill('#statistics-staffParticipated', '36');
      await page.fill('#statistics-nonStaffParticipants', '0');
      await page.fill('#statistics-sessionsHeld', '4');
      await page.fill('#statistics-managersLed', '4');
      expect(await submit(page, 'statistics-title')).toBe(422);
      expect(await page.textContent('#statistics-managersLed-error')).toContain(
        'Cannot be more than the 3 managers of the reporting tree.',
      );
      expect(await page.getAttribute('#statistics-managersLed', 'aria-invalid')).toBe('true');
    } finally {
      await page.close();
    }

    const after = await call<{ statistics?: { revision: number } }>('GET', `/api/portal/${token}`);
    expect(after.body.statistics?.revision).toBe(before.body.statistics?.revision);
  });

  it('the Focal Point gives a manager a link; the manager records a session of 30 and sees the size warning', async () => {
    const focal = await browser.newPage();
    let leaderLink: string;
    try {
      await focal.goto(`${focalPointLink}?lang=fr`);
      await focal.fill('#leader-link-leaderEmail', 'Marta.Gomez@ptl.example.org');
      expect(await submit(focal, 'leader-link-title')).toBe(200);
      leaderLink = (await focal.textContent('#leader-link-result .link-box a')) ?? '';
      expect(leaderLink).toMatch(new RegExp(`^${base.replace(/[.]/g, '\\.')}/p/[A-Za-z0-9_-]{20,}$`));
      await shot(focal, '3-leader-link-fr');
      // Shown once: reloading the page does not show it again.
      await focal.reload();
      expect(await focal.locator('#leader-link-result').count()).toBe(0);
    } finally {
      await focal.close();
    }

    const leader = await browser.newPage();
    try {
      await leader.goto(leaderLink);
      expect(await leader.getAttribute('html', 'lang')).toBe('es'); // the manager's own language
      // The dialogue was launched today: the only day a session may have been held on is today, and the hint says so.
      expect(await leader.textContent('#session-heldOn-hint')).toBe(
        'El día en que se celebró la sesión: por ahora, solo es posible la fecha de hoy.',
      );
      expect(await leader.getAttribute('#session-heldOn', 'aria-required')).toBe('true');
      expect(await leader.textContent('label[for=session-heldOn]')).toContain('(obligatorio)');
      expect(await leader.getAttribute('#session-nonStaffParticipants', 'aria-required')).toBeNull();
      // Tomorrow, and no staff count: refused, the date in a sentence, the focus on the date (first on the page).
      await leader.fill('#session-heldOn', addDays(localToday(ENTITY.timeZone), 1));
      await leader.fill('#session-durationMinutes', '90');
      await leader.fill('#session-language', 'Español');
      await leader.check('#session-format');
      expect(await submit(leader, 'session-title')).toBe(422);
      expect(await leader.textContent('#session-heldOn-error')).toContain(
        'La sesión debe haberse celebrado a más tardar hoy.',
      );
      expect(await leader.textContent('#session-staffParticipants-error')).toContain(
        'Este campo es obligatorio.',
      );
      expect(await leader.locator('#session-nonStaffParticipants-error').count()).toBe(0);
      expect(await leader.getAttribute(':focus', 'id')).toBe('session-heldOn');
      expect(
        await leader
          .locator('.error-summary a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
      ).toEqual(['#session-heldOn', '#session-staffParticipants']);
      await shot(leader, '4-session-date-es');
      // Every keyboard stop of the date input shows the focus outline.
      await leader.focus('#session-heldOn');
      const outlines: string[] = [];
      for (let stop = 0; stop < 6; stop++) {
        const seen = await leader.evaluate<string | null>(
          `(() => { const el = document.activeElement; const style = getComputedStyle(el);
            return el.id === 'session-heldOn' ? style.outlineStyle + ' ' + style.outlineWidth : null; })()`,
        );
        if (seen === null) break;
        outlines.push(seen);
        await leader.keyboard.press('Tab');
      }
      expect(outlines.length).toBeGreaterThanOrEqual(3); // day, month and year at least
      expect(new Set(outlines)).toEqual(new Set(['solid 3px']));
      await leader.fill('#session-heldOn', localToday(ENTITY.timeZone));
      await leader.fill('#session-durationMinutes', '90');
      await leader.fill('#session-language', 'Español e inglés');
      await leader.check('#session-format'); // in person
      await leader.fill('#session-staffParticipants', '28');
      await leader.fill('#session-nonStaffParticipants', ''); // none
      await leader.fill('#session-agency-0', 'UNHCR');
      await leader.fill('#session-count-0', '2');
      await leader.fill('#session-facilitator', 'Staff One');
      await leader.fill('#session-scenarios', 'Escenario 1\nEscenario 3');
      await leader.fill('#session-questions', '¿Puedo aceptar una invitación de un proveedor?');
      expect(await submit(leader, 'session-title')).toBe(200);

      const result = leader.locator('#session-result');
      expect(await result.getAttribute('role')).toBe('status');
      expect(await result.locator('.warning').textContent()).toContain(
        '30 participantes son más de los 10 a 25 recomendados',
      );
      expect(await result.isVisible()).toBe(true);
      const participantsLink = (await result.locator('.link-box a').textContent()) ?? '';
      expect(participantsLink).toMatch(/\/p\/[A-Za-z0-9_-]{20,}$/);
      expect(await leader.textContent('#sessions-title ~ .table-scroll table')).toContain('30');
      await shot(leader, '4-session-size-warning-es');

      const progress = await call<{ managers: number; managersWhoLed: number }>(
        'GET',
        `/api/dialogues/${YEAR}/entities/${ENTITY.code}/org-tree`,
      );
      expect(progress.body).toMatchObject({ managers: 3, managersWhoLed: 1 });
      // The empty non-staff count was recorded as none.
      const own = await call<{ sessions: { participants: number; nonStaffParticipants: number | null }[] }>(
        'GET',
        `/api/portal/${leaderLink.split('/p/')[1]}`,
      );
      expect(own.body.sessions.map((x) => [x.participants, x.nonStaffParticipants])).toEqual([[30, 0]]);

      // A participant answers anonymously through the shared link.
      await leader.goto(participantsLink);
      await leader.check('#feedback-usefulness-5');
      await leader.check('#feedback-openness-4');
      await leader.check('#feedback-relevance-4');
      const [answer] = await Promise.all([
        leader.waitForNavigation(),
        leader.click('form button[type=submit]'),
      ]);
      expect(answer?.status()).toBe(200);
      expect(await leader.textContent('#done')).toContain(
        'su opinión ha quedado registrada de forma anónima',
      );

      // The link cannot be lost: a copy button (the page's one script, allowed by its hash), and a new link later.
      await leader.goto(leaderLink);
      const sessionNumber = await leader.inputValue('#participants-link-title ~ ul input[name=sessionId]');
      const [again] = await Promise.all([
        leader.waitForNavigation(),
        leader.click('#participants-link-title ~ ul button[type=submit]'),
      ]);
      expect(again?.status()).toBe(200);
      expect(await leader.textContent('#session-result')).toContain(
        `Este es el nuevo enlace para los participantes de la sesión n.º ${sessionNumber}`,
      );
      const newLink = (await leader.textContent('#participants-link')) ?? '';
      expect(newLink).toMatch(/\/p\/[A-Za-z0-9_-]{20,}$/);
      expect(newLink).not.toBe(participantsLink);
      await leader.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const copy = leader.locator('button[data-copy=participants-link]');
      expect(await copy.isVisible()).toBe(true);
      await copy.click();
      await leader.locator('#participants-link-copied').waitFor({ state: 'visible' });
      expect(await leader.evaluate<string>('navigator.clipboard.readText()')).toBe(newLink);
      await shot(leader, '4-participants-link-again-es');
      // The old link shows the page for an unknown link; the new one opens the feedback form.
      expect((await leader.goto(participantsLink))?.status()).toBe(404);
      expect((await leader.goto(newLink))?.status()).toBe(200);
      expect(await leader.locator('#feedback-usefulness-5').count()).toBe(1);
    } finally {
      await leader.close();
    }
  });

  it('every page in each of the six languages: its direction, no horizontal scroll at 1280 and 390 px, no axe violation, the form’s errors in the language', async () => {
    const stringsOf = (lang: string) =>
      JSON.parse(
        fs.readFileSync(path.resolve(__dirname, `../../libs/portal/views/strings/${lang}.json`), 'utf8'),
      ) as Record<string, Record<string, string>>;
    const tokenFor = async (role: 'leader' | 'head-of-entity') => {
      const made = await call<{ link: string }>(
        'POST',
        `/api/dialogues/${YEAR}/entities/${ENTITY.code}/tokens`,
        {
          role,
          email: ENTITY.headEmail,
          language: 'ar',
        },
      );
      expect(made.status).toBe(201);
      return made.body.link;
    };
    const leaderLink = await tokenFor('leader');
    const headLink = await tokenFor('head-of-entity');
    const entity = await call<{ effectiveDeadline: string }>(
      'GET',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}`,
    );
    const locales = { ar: 'ar', zh: 'zh-Hans', en: 'en-GB', fr: 'fr', ru: 'ru', es: 'es' } as const;
    // Text wider than its own box (the table boxes scroll on purpose; the skip link and visually hidden texts are clipped on purpose).
    const overflowing = `[...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-scroll') && !e.matches('.skip-link, .visually-hidden') && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.tagName + '#' + e.id + '.' + e.className)`;

    // Every page's findings are gathered, so that one run names them all.
    const violations: string[] = [];
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      const strings = stringsOf(lang);
      const dir = lang === 'ar' ? 'rtl' : 'ltr';
      // The deadline as Intl writes it for the language (a calendar day, so read at noon UTC).
      const deadline = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${entity.body.effectiveDeadline}T12:00:00Z`),
      );
      const english = new Intl.DisplayNames([locales[lang]], { type: 'language' }).of('en') as string;
      // The guides of the sample year exist in English, French and Spanish.
      const guideNotes = ['en', 'fr', 'es'].includes(lang) ? 0 : 3;
      const pages = [
        { name: 'focal-point', url: `${focalPointLink}?lang=${lang}`, title: strings['focalPoint']['title'] },
        { name: 'head', url: `${headLink}?lang=${lang}`, title: strings['head']['title'] },
        { name: 'leader', url: `${leaderLink}?lang=${lang}`, title: strings['leader']['title'] },
      ];
      for (const { name, url, title } of pages) {
        for (const width of [1280, 390]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          try {
            await page.goto(url);
            expect([await page.getAttribute('html', 'lang'), await page.getAttribute('html', 'dir')]).toEqual(
              [lang, dir],
            );
            expect(await page.textContent('h1')).toBe(title);
            expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe(dir);
            // The Latin entity code is isolated, so that its brackets and letters keep their order.
            expect(await page.textContent('dl.facts bdi[dir=ltr]')).toBe(ENTITY.code);
            expect(await page.textContent('dl.facts')).toContain(deadline);
            // A guide not in the page's language says which language it links.
            const note = strings['context']['inLanguage'].replace('{language}', english);
            expect(await page.locator('.hint', { hasText: note }).count()).toBe(guideNotes);
            // Nothing runs off a phone's screen, and no text runs out of its box.
            const [scrollWidth, clientWidth] = await page.evaluate<number[]>(
              '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
            );
            expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
            expect(await page.evaluate(overflowing)).toEqual([]);
            violations.push(...described(`${name} ${lang} ${width}`, await accessibilityViolations(page)));
            await shot(page, `5-${name}-${lang}-${width}`);

            if (name === 'focal-point' && width === 390) {
              // The form posts, and its errors come back in the language.
              await page.fill('#statistics-eligibleStaff', '40');
              await page.fill('#statistics-staffParticipated', '45');
              await page.fill('#statistics-sessionsHeld', '3');
              await page.fill('#statistics-managersLed', '1');
              await page.fill('#statistics-nonStaffParticipants', '0');
              expect(await submit(page, 'statistics-title')).toBe(422);
              expect(await page.getAttribute('html', 'dir')).toBe(dir);
              expect(await page.textContent('.error-summary')).toContain(strings['errors']['summaryTitle']);
              expect(await page.textContent('#statistics-staffParticipated-error')).toContain(
                strings['errors']['participated-over-eligible'].replace('{max}', '40'),
              );
              expect(await page.getAttribute(':focus', 'id')).toBe('statistics-staffParticipated');
              expect(await page.evaluate(overflowing)).toEqual([]);
              violations.push(
                ...described(`${name} ${lang} ${width} error`, await accessibilityViolations(page)),
              );
              await shot(page, `5-${name}-${lang}-${width}-error`);
            }
          } finally {
            await page.close();
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('a manager schedules their session from their page; the team member gets the invitation, its update and its cancellation', async () => {
    const luc = await call<{ link: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}/tokens`,
      { role: 'leader', email: 'luc.martin@ptl.example.org', language: 'fr' },
    );
    type Invitation = { mail: ReceivedMail; ics: ReturnType<typeof readCalendar> };
    // The calendar files the team member (Luc's one report) has received, as an independent parser reads them.
    const invitations = (sequence: number, method: string): Promise<Invitation> =>
      waitFor<Invitation | undefined>(
        () =>
          sink.received
            .filter((m) => m.rcptTo.includes('staff.two@ptl.example.org'))
            .filter((m) => m.parsed.attachments.some((a) => a.contentType === 'text/calendar'))
            .map((m) => ({ mail: m, ics: readCalendar(calendarPartsOf(m).alternative) }))
            .find(({ ics }) => ics.sequence === sequence && ics.method === method),
        { what: `Staff Two's calendar ${method} #${sequence}`, timeoutMs: 60000 },
      ).then(
        (found) => found as Invitation,
        (error) => {
          throw new Error(`${error.message}\n${stack.outputs()}`);
        },
      );
    const day = addDays(localToday(ENTITY.timeZone), 7);
    const page = await browser.newPage();
    try {
      await page.goto(luc.body.link);
      expect(await page.getAttribute('html', 'lang')).toBe('fr'); // the link's language
      expect(await page.textContent('#standing-state')).toContain('Vous pouvez déjà planifier la vôtre');
      expect(await page.textContent('#schedule-time-hint')).toContain('Europe/Zurich');
      expect(await page.inputValue('#schedule-minutes')).toBe('90');
      await page.fill('#schedule-date', day);
      await page.fill('#schedule-time', '10:30');
      await page.fill('#schedule-place', 'Salle 3, Palais des Nations');
      await page.check('#schedule-language'); // the first choice, English
      expect(await submit(page, 'schedule-title')).toBe(200);
      expect(page.url()).toContain('done=schedule');
      expect(await page.textContent('#done')).toContain('Votre séance a bien été enregistrée');
      expect(await page.textContent('#standing-state')).toContain('10:30 (Europe/Zurich)');
      await shot(page, '5-session-scheduled-fr');

      const first = await invitations(0, 'REQUEST');
      expect(first.ics.startZone).toBe('Europe/Zurich');
      expect(first.ics.startLocal).toBe(`${day}T10:30:00`);
      expect(first.ics.location).toBe('Salle 3, Palais des Nations');
      expect(first.ics.organizer.email).toBe('luc.martin@ptl.example.org');
      expect(first.ics.attendees.map((a) => a.email)).toEqual(['staff.two@ptl.example.org']);

      // The change form starts folded, filled in with the session.
      await page.click('#schedule-title ~ details > summary');
      expect(await page.inputValue('#schedule-time')).toBe('10:30');
      await page.fill('#schedule-time', '14:00');
      await page.fill('#schedule-url', 'https://meet.example.org/luc');
      expect(await submit(page, 'schedule-title')).toBe(200);
      const update = await invitations(1, 'REQUEST');
      expect([update.ics.uid, update.ics.startLocal, update.ics.url]).toEqual([
        first.ics.uid,
        `${day}T14:00:00`,
        'https://meet.example.org/luc',
      ]);

      expect(await submit(page, 'cancel-session-title')).toBe(200);
      expect(await page.textContent('#done')).toContain('Votre séance a été annulée');
      const cancelled = await invitations(2, 'CANCEL');
      expect(cancelled.ics.uid).toBe(first.ics.uid);
      await shot(page, '6-session-cancelled-fr');
    } finally {
      await page.close();
    }
  });

  it("the Focal Point follows the managers (state, subtree progress, search) and excuses one from the row's link", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${focalPointLink}?lang=en`);
      const head = page.locator('#managers-table tr', { hasText: 'head@ptl.example.org' });
      expect(await head.locator('progress').getAttribute('max')).toBe('3');
      expect(await head.locator('progress').getAttribute('value')).toBe('1'); // Marta held hers
      expect(await head.locator('progress').getAttribute('aria-label')).toBe(
        'Managers in the part of the tree led by Head of PTL who held their session',
      );
      await page.fill('#managers-q', 'luc');
      await Promise.all([page.waitForNavigation(), page.click('form[role=search] button[type=submit]')]);
      expect(await page.locator('#managers-table tbody tr').count()).toBe(1);
      await Promise.all([page.waitForNavigation(), page.click('#managers-table a:has-text("Excuse")')]);
      expect(await page.inputValue('#excuse-email')).toBe('luc.martin@ptl.example.org');
      expect(await submit(page, 'excuse-title')).toBe(422); // no reason given
      expect(await page.getAttribute(':focus', 'id')).toBe('excuse-reason');
      await page.fill('#excuse-reason', 'On mission until the report');
      expect(await submit(page, 'excuse-title')).toBe(200);
      expect(await page.textContent('#done')).toContain('The manager has been excused');
      expect(
        await page.locator('#managers-table tr', { hasText: 'luc.martin@ptl.example.org' }).textContent(),
      ).toContain('Reason: On mission until the report');
      await shot(page, '7-managers-excused-en');
    } finally {
      await page.close();
    }
  });

  it('serves the same link as JSON without the admin key, and one generic answer for a bad link', async () => {
    const token = focalPointLink.split('/p/')[1];
    const view = await fetch(`${base}/api/portal/${token}`);
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      role: 'focal-point',
      context: { entity: { code: ENTITY.code }, state: 'stats-submitted' },
      progress: { managers: 3, managersWhoLed: 1 },
    });
    const prefill = await fetch(`${base}/api/portal/${token}/statistics/prefill`);
    expect(prefill.status).toBe(200);
    expect(await prefill.json()).toMatchObject({
      eligibleStaff: { value: 40, source: 'previous-submission', fromRecords: { value: 5, source: 'tree' } },
      sessionsHeld: { source: 'previous-submission', fromRecords: { source: 'sessions' } },
      previous: { revision: 1 },
    });
    const unknown = await fetch(`${base}/api/portal/${'p'.repeat(43)}/statistics/prefill`);
    expect([unknown.status, await unknown.json()]).toEqual([
      404,
      expect.objectContaining({ statusCode: 404 }),
    ]);
    const openapi = (await (await fetch(`${base}/docs/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    expect(openapi.paths['/api/portal/{token}/statistics/prefill']?.get?.responses).toMatchObject({
      200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/AnnexEPrefillDto' } } } },
      default: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodySchema' } } },
      },
    });
    const refused = await fetch(`${base}/api/portal/${token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ usefulness: 5, openness: 5, relevance: 5 }),
    });
    expect(refused.status).toBe(403);
    const page = await browser.newPage();
    try {
      const response = await page.goto(`${base}/p/${'x'.repeat(43)}?lang=es`);
      expect(response?.status()).toBe(404);
      expect(await page.textContent('h1')).toBe('Este enlace no es válido o ha caducado');
    } finally {
      await page.close();
    }
  });

  it('figures checked against the records: the JSON asks for the confirmation and keeps it; figures that agree need none', async () => {
    const token = focalPointLink.split('/p/')[1];
    type Prefill = Record<string, { value: number | null; fromRecords?: { value: number | null } }>;
    const prefill = (await call<Prefill>('GET', `/api/portal/${token}/statistics/prefill`)).body;
    const recorded = (field: string) => prefill[field].fromRecords?.value ?? prefill[field].value ?? 0;
    // What the records give now: the tree's 5 people, the session Marta recorded, led by one manager.
    const agreeing = {
      eligibleStaff: recorded('eligibleStaff'),
      staffParticipated: 5,
      sessionsHeld: recorded('sessionsHeld'),
      managersLed: recorded('managersLed'),
      nonStaffParticipants: 0,
    };
    expect(agreeing).toMatchObject({ eligibleStaff: 5, sessionsHeld: 1, managersLed: 1 });
    const differing = { ...agreeing, sessionsHeld: 4, managersLed: 2 };
    const before = await call<{ statistics: { revision: number } }>('GET', `/api/portal/${token}`);

    const unconfirmed = await call<{ issues: { field: string; code: string; params?: unknown }[] }>(
      'POST',
      `/api/portal/${token}/statistics`,
      differing,
    );
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.body.issues.map((i) => [i.field, i.code, i.params])).toEqual([
      ['sessionsHeld', 'sessions-differ-from-records', expect.objectContaining({ entered: 4, recorded: 1 })],
      ['managersLed', 'leaders-differ-from-records', expect.objectContaining({ entered: 2, recorded: 1 })],
      ['confirmDifferences', 'confirm-differences', { count: 2 }],
    ]);
    const confirmed = await call<{ revision: number; crossCheck: unknown }>(
      'POST',
      `/api/portal/${token}/statistics`,
      { ...differing, confirmDifferences: true },
    );
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.revision).toBe(before.body.statistics.revision + 1);
    expect(confirmed.body.crossCheck).toEqual({
      confirmed: true,
      differences: [
        { field: 'sessionsHeld', entered: 4, recorded: 1 },
        { field: 'managersLed', entered: 2, recorded: 1 },
      ],
      records: { sessions: 1, leaders: 1, people: 5, managers: 3 },
    });
    const view = await call<{ statistics: { crossCheck: unknown } }>('GET', `/api/portal/${token}`);
    expect(view.body.statistics.crossCheck).toEqual(confirmed.body.crossCheck);

    // On the page, figures that agree with the records go straight through: no table, no box to tick.
    const page = await browser.newPage();
    try {
      await page.goto(`${focalPointLink}?lang=en`);
      for (const [field, value] of Object.entries(agreeing))
        await page.fill(`#statistics-${field}`, String(value));
      expect(await submit(page, 'statistics-title')).toBe(200);
      expect(page.url()).toContain('done=statistics');
      expect(await page.locator('.cross-check').count()).toBe(0);
    } finally {
      await page.close();
    }
    const last = await call<{ statistics: { revision: number; crossCheck: unknown } }>(
      'GET',
      `/api/portal/${token}`,
    );
    expect(last.body.statistics).toMatchObject({ revision: confirmed.body.revision + 1, crossCheck: null });
  });

  it("issues a new participants' link through the JSON API too, only for a session the link's holder led", async () => {
    const head = await call<{ token: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}/tokens`,
      {
        role: 'head-of-entity',
        email: ENTITY.headEmail,
      },
    );
    const post = (path: string, body: unknown = {}) =>
      fetch(`${base}/api/portal/${head.body.token}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const recorded = (await (
      await post('/sessions', {
        heldOn: localToday(ENTITY.timeZone),
        durationMinutes: 60,
        language: 'English',
        format: 'virtual',
        staffParticipants: 12,
        nonStaffParticipants: 0,
      })
    ).json()) as { session: { id: number }; participantsToken: string };
    const again = await post(`/sessions/${recorded.session.id}/participants-link`);
    expect(again.status).toBe(201);
    const { participantsToken } = (await again.json()) as { participantsToken: string };
    expect((await fetch(`${base}/api/portal/${recorded.participantsToken}`)).status).toBe(404);
    expect((await fetch(`${base}/api/portal/${participantsToken}`)).status).toBe(200);
    // Another's session (Marta's, number 1 of this entity) and numbers that are not one are named as sessionId.
    for (const id of ['1', '0', 'abc', '99999999999999999999']) {
      const refused = await post(`/sessions/${id}/participants-link`);
      expect([id, refused.status]).toEqual([id, 422]);
      expect(JSON.stringify(await refused.json())).toContain('sessionId');
    }
  });

  it('the participants’ page and the invalid-link page in each of the six languages: direction, 390 px, no axe violation; the feedback form by keyboard alone', async () => {
    const head = await call<{ token: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${ENTITY.code}/tokens`,
      {
        role: 'head-of-entity',
        email: ENTITY.headEmail,
      },
    );
    const recorded = await fetch(`${base}/api/portal/${head.body.token}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        heldOn: localToday(ENTITY.timeZone),
        durationMinutes: 45,
        language: 'English',
        format: 'in-person',
        staffParticipants: 8,
        nonStaffParticipants: 0,
      }),
    });
    expect(recorded.status).toBe(201);
    const { participantsToken } = (await recorded.json()) as { participantsToken: string };
    const pages = [
      { name: 'participants', url: `${base}/p/${participantsToken}`, status: 200 },
      { name: 'invalid-link', url: `${base}/p/${'x'.repeat(43)}`, status: 404 },
    ];
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      for (const { name, url, status } of pages) {
        for (const width of [1280, 390]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          try {
            const response = await page.goto(`${url}?lang=${lang}`);
            expect([name, response?.status()]).toEqual([name, status]);
            expect([await page.getAttribute('html', 'lang'), await page.getAttribute('html', 'dir')]).toEqual(
              [lang, lang === 'ar' ? 'rtl' : 'ltr'],
            );
            const [scrollWidth, clientWidth] = await page.evaluate<number[]>(
              '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
            );
            expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
            expect(described(`${name} ${lang} ${width}`, await accessibilityViolations(page))).toEqual([]);
            await shot(page, `7-${name}-${lang}-${width}`);
          } finally {
            await page.close();
          }
        }
      }
    }

    // A participant with no mouse: Tab reaches each question in the form's order, every stop shows its focus
    // outline, arrows choose an answer, Enter sends the form.
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    try {
      await page.goto(`${base}/p/${participantsToken}?lang=fr`);
      const focused = () =>
        page.evaluate<{ name: string; tag: string; outline: string }>(
          `(() => { const e = document.activeElement; return { name: e.getAttribute('name') ?? '', tag: e.tagName, outline: getComputedStyle(e).outlineStyle }; })()`,
        );
      const stops: string[] = [];
      for (let i = 0; i < 40 && !stops.includes('comment'); i++) {
        await page.keyboard.press('Tab');
        const now = await focused();
        expect([now.tag, now.outline]).not.toEqual([now.tag, 'none']);
        if (['usefulness', 'openness', 'relevance', 'comment'].includes(now.name)) {
          stops.push(now.name);
          if (now.name === 'comment') await page.keyboard.type('Clair et utile.');
          else await page.keyboard.press('ArrowRight'); // selects the group's second answer
        }
      }
      expect(stops).toEqual(['usefulness', 'openness', 'relevance', 'comment']);
      await page.keyboard.press('Tab');
      expect((await focused()).tag).toBe('BUTTON');
      const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(response?.status()).toBe(200);
      expect(await page.isVisible('#done')).toBe(true);
      expect(described('feedback sent', await accessibilityViolations(page))).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('every form of the Focal Point’s, the Head’s and a leader’s page by keyboard alone: Tab reaches each control in the page’s order, each showing its focus', async () => {
    const tokenFor = async (role: 'leader' | 'head-of-entity') =>
      (
        await call<{ link: string }>('POST', `/api/dialogues/${YEAR}/entities/${ENTITY.code}/tokens`, {
          role,
          email: ENTITY.headEmail,
        })
      ).body.link;
    const pages = {
      'focal-point': focalPointLink,
      head: await tokenFor('head-of-entity'),
      leader: await tokenFor('leader'),
    };
    // Every control a keyboard user must reach, numbered in the page's order (one radio per group: arrows move
    // within a group), with what Tab then reaches, and whether each stop shows an outline or a ring.
    const MARK = `(() => {
      const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
        .filter((e) => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
      const groups = new Map();
      const wanted = [];
      all.forEach((e, i) => {
        e.dataset.kb = String(i);
        if (!e.closest('form')) return;
        if (e.type !== 'radio') return void wanted.push(i);
        // Tab stops once per radio group, on its checked radio or else its first.
        if (!groups.has(e.name) || e.checked) groups.set(e.name, i);
      });
      wanted.push(...groups.values());
      return { total: all.length, wanted: wanted.sort((a, b) => a - b), html: wanted.map((i) => all[i].outerHTML.slice(0, 90)) };
    })()`;
    const FOCUSED = `(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const style = getComputedStyle(e);
      const within = e.matches(':focus-within') ? getComputedStyle(e).outlineStyle : 'none';
      return { kb: e.dataset.kb ?? null, radio: e.type === 'radio', shown: style.outlineStyle !== 'none' || style.boxShadow !== 'none' || within !== 'none' };
    })()`;
    for (const [name, url] of Object.entries(pages)) {
      const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
      try {
        await page.goto(`${url}?lang=en`);
        const { total, wanted, html } = await page.evaluate<{
          total: number;
          wanted: number[];
          html: string[];
        }>(MARK);
        expect([name, wanted.length > 2]).toEqual([name, true]);
        const reached: number[] = [];
        const unmarked: string[] = [];
        for (let i = 0; i < total * 4 + 20; i++) {
          await page.keyboard.press('Tab');
          const focused = await page.evaluate<{ kb: string | null; radio: boolean; shown: boolean } | null>(
            FOCUSED,
          );
          if (!focused) break; // past the last control
          if (focused.kb === null) {
            unmarked.push(await page.evaluate<string>('document.activeElement.outerHTML.slice(0, 80)'));
            continue;
          }
          expect([name, focused.kb, focused.shown]).toEqual([name, focused.kb, true]);
          const index = Number(focused.kb);
          if (reached.at(-1) !== index) reached.push(index);
        }
        // The page's order, without a jump back (a date field's several stops are one control here).
        expect([name, reached]).toEqual([name, [...reached].sort((a, b) => a - b)]);
        const missed = wanted.filter((i) => !reached.includes(i)).map((i) => html[wanted.indexOf(i)]);
        expect([name, missed, unmarked]).toEqual([name, [], []]);
      } finally {
        await page.close();
      }
    }
  });

  it('slows down a script guessing links: 429 with Retry-After once a link is over its limit', async () => {
    const guess = `${base}/api/portal/${'g'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await fetch(guess)).status);
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    const last = await fetch(`${base}/p/${'g'.repeat(43)}`);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last.text()).toContain('Too many requests');
  });
});
