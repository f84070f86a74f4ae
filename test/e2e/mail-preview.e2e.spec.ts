import {
  accessibilityViolations,
  describeViolation,
  launchChromium,
  testDrivers,
  waitFor,
  watchPage,
} from '@cascade/testing';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
  ConsoleClient,
  createConsoleAccount,
  FRENCH_VIEWER,
  logInInBrowser,
  VIEWER,
} from './support/console';
import { openSnapshotReader, snapshotChanges } from './support/db-snapshot';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
/** The six languages of the mails, and every template shipped (a folder of its own; `_layout` and the like are not). */
const MAIL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const ENTITIES = entitiesWithPeople().slice(0, 2);
/** A real entity of the seed list, with the Head and Focal Point the support gives it. */
const DPPA = ENTITIES.find((e) => e.code === 'DPPA') as (typeof ENTITIES)[number];
const DPPA_NAME = 'Department of Political and Peacebuilding Affairs';
/** The day the statistics are due (the dialogue's default) and the days left from today at the entity's duty station. */
const DEADLINE = `${YEAR}-12-31`;
const daysLeftInNewYork = () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  return Math.round((Date.parse(DEADLINE) - Date.parse(today)) / 86_400_000);
};
const TEMPLATES = readdirSync(path.resolve(__dirname, '../../libs/mail/templates'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name);

describe.each(testDrivers())('mail previews in the console (%s)', (driver) => {
  let stack: MailStack;
  let viewer: ConsoleClient;

  beforeAll(async () => {
    stack = await startMailStack(driver, {
      year: YEAR,
      entities: ENTITIES,
      workers: 1,
    });
    await createConsoleAccount(stack, VIEWER, 'viewer');
    await createConsoleAccount(stack, FRENCH_VIEWER, 'viewer', 'fr');
    viewer = new ConsoleClient(stack.base);
    expect((await viewer.login(VIEWER)).status).toBe(302);
    // The entities' instances exist from the launch on: the previews with real data need them.
    expect((await stack.call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
    await waitFor(() => stack.sink.received.length >= ENTITIES.length * 2, {
      what: 'the invitations of the launch',
      timeoutMs: 60000,
    });
  });

  afterAll(() => stack?.stop());

  it('lists every template in every language for a viewer', async () => {
    const index = await viewer.get('/admin/mail-preview');
    expect(index.status).toBe(200);
    for (const template of TEMPLATES) {
      for (const lang of MAIL_LANGUAGES)
        expect(index.text).toContain(`template=${template}&amp;language=${lang}`);
    }
  });

  it('renders every template in every language with its sample data, the HTML sandboxed, sending nothing', async () => {
    const sentBefore = stack.sink.received.length;
    const outboxBefore = (await viewer.list('MailMessage', {}, 500)).length;
    expect(TEMPLATES.length).toBeGreaterThan(0);
    for (const template of TEMPLATES) {
      for (const lang of MAIL_LANGUAGES) {
        const answer = await viewer.get(`/admin/mail-preview?template=${template}&language=${lang}`);
        expect([template, lang, answer.status]).toEqual([template, lang, 200]);
        expect(answer.text).toMatch(/<dd data-part="subject">[^<]+<\/dd>/);
        expect(answer.text).toContain('<iframe sandbox="" ');
        expect(answer.text).not.toMatch(/<script/i);
        if (lang === 'ar') expect(answer.text).toContain('dir=&quot;rtl&quot;');
      }
    }
    expect(stack.sink.received.length).toBe(sentBefore);
    expect((await viewer.list('MailMessage', {}, 500)).length).toBe(outboxBefore);
  });

  it('speaks the account’s language around the mail', async () => {
    const french = new ConsoleClient(stack.base);
    expect((await french.login(FRENCH_VIEWER)).status).toBe(302);
    const answer = await french.get(`/admin/mail-preview?template=${TEMPLATES[0]}&language=en`);
    expect(answer.text).toContain('<html lang="fr">');
    expect(answer.text).toContain('<dt>Objet</dt>');
    const english = await viewer.get(`/admin/mail-preview?template=${TEMPLATES[0]}&language=en`);
    expect(english.text).toContain('<dt>Subject</dt>');
  });

  it('names the field of a bad request and keeps logged-out readers out', async () => {
    const template = await viewer.get('/admin/mail-preview?template=nope&language=en');
    expect([template.status, template.text]).toEqual([400, expect.stringContaining('template')]);
    const language = await viewer.get(`/admin/mail-preview?template=${TEMPLATES[0]}&language=de`);
    expect([language.status, language.text]).toEqual([400, expect.stringContaining('language')]);
    const anonymous = await fetch(`${stack.base}/admin/mail-preview`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });

  it('composes a real entity’s invitation and reminder as Cascade would now, in English and French, writing nothing', async () => {
    const database = stack.database;
    if (!database) throw new Error('the stack made no database of its own');
    const reader = await openSnapshotReader(database);
    try {
      const before = await reader.take();
      const sentBefore = stack.sink.received.length;
      const preview = (template: string, language: string) =>
        viewer.get(`/admin/mail-preview?template=${template}&language=${language}&entity=DPPA&year=${YEAR}`);

      const english = await preview('invitation', 'en');
      expect(english.status).toBe(200);
      expect(english.text).toContain(
        `<dd data-part="subject">Leadership Dialogue ${YEAR}: invitation for ${DPPA_NAME}</dd>`,
      );
      expect(english.text).toMatch(new RegExp(`<pre data-part="text">[^<]*31 December ${YEAR}`));
      // Addressed to whom it would go, each in their language, with links shown as placeholders.
      for (const person of [DPPA.focalPoints[0].email, DPPA.headEmail])
        expect(english.text).toContain(person);
      expect(english.text).toContain('personal-link.invalid');
      expect(english.text).toContain('data-part="notice"');
      expect(english.text).toContain('America/New_York');
      expect(english.text).not.toMatch(/\/portal\/|token=/);
      expect(english.text).toContain('<iframe sandbox="" ');

      const french = await preview('invitation', 'fr');
      expect(french.text).toContain(`invitation adressée à l&#39;entité ${DPPA_NAME}</dd>`);
      expect(french.text).toMatch(new RegExp(`<pre data-part="text">[^<]*31 décembre ${YEAR}`));

      const days = daysLeftInNewYork();
      const reminder = await preview('reminder', 'en');
      expect(reminder.text).toContain(
        `statistics for ${DPPA_NAME} due in ${days} ${days === 1 ? 'day' : 'days'}</dd>`,
      );
      const rappel = await preview('reminder', 'fr');
      expect(rappel.text).toContain(`statistiques de l&#39;entité ${DPPA_NAME} attendues dans ${days} jour`);

      // A mail whose fact the entity has not got says so rather than inventing it.
      const extension = await preview('extension-granted', 'en');
      expect(extension.status).toBe(200);
      expect(extension.text).toContain('data-part="missing"');
      expect(extension.text).toContain('DPPA has been granted no extension');
      expect(extension.text).not.toContain('data-part="subject"');

      expect(stack.sink.received.length).toBe(sentBefore);
      expect(snapshotChanges(before, await reader.take())).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('names the entity or year of a bad choice', async () => {
    const unknown = await viewer.get(
      `/admin/mail-preview?template=invitation&language=en&entity=NOPE&year=${YEAR}`,
    );
    expect([unknown.status, unknown.text]).toEqual([404, expect.stringContaining('entity')]);
    const index = await viewer.get(`/admin/mail-preview?entity=NOPE`);
    expect([index.status, index.text]).toEqual([404, expect.stringContaining('entity')]);
    const malformed = await viewer.get(`/admin/mail-preview?template=invitation&language=en&entity=%3Cb%3E`);
    expect([malformed.status, malformed.text]).toEqual([400, expect.stringContaining('entity')]);
    const year = await viewer.get(`/admin/mail-preview?entity=DPPA&year=next`);
    expect([year.status, year.text]).toEqual([400, expect.stringContaining('year')]);
    const noDialogue = await viewer.get(
      `/admin/mail-preview?template=invitation&language=en&entity=DPPA&year=1999`,
    );
    expect([noDialogue.status, noDialogue.text]).toEqual([404, expect.stringContaining('entity')]);
  });

  describe('in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('reaches the previews from the menu, chooses an entity and opens a mail: accessible, quiet, nothing from elsewhere', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
      const watched = watchPage(page, new URL(stack.base).origin);
      await logInInBrowser(page, stack.base, VIEWER);

      await page.click('a[href="/admin/mail-preview"]:has-text("Mail previews")');
      await page.waitForURL(/\/admin\/mail-preview$/);
      await page.getByLabel('Entity whose real data the previews use').selectOption('DPPA');
      await page.click('button:has-text("Show")');
      await page.waitForURL(new RegExp(`/admin/mail-preview\\?entity=DPPA&year=${YEAR}$`));
      expect(await page.textContent('h1')).toBe(`Mail previews for DPPA — ${DPPA_NAME} (${YEAR})`);
      const blocking = async () =>
        (await accessibilityViolations(page, { minImpact: 'serious' })).map((v) => describeViolation(v));
      expect(await blocking()).toEqual([]);

      await page.click(
        `a[href="/admin/mail-preview?template=invitation&language=fr&entity=DPPA&year=${YEAR}"]`,
      );
      await page.waitForSelector('[data-part=subject]');
      expect(await page.textContent('[data-part=subject]')).toContain(DPPA_NAME);
      expect(await page.textContent('[data-part=recipients]')).toContain(DPPA.headEmail);
      const frame = page.frameLocator('iframe[sandbox=""]');
      expect(await frame.locator('body').textContent()).toContain(DPPA_NAME);
      expect(await blocking()).toEqual([]);

      // The entity's record in the console links here, with the entity chosen.
      const [instance] = await viewer.list('EntityWorkflow', { code: 'DPPA' });
      await page.goto(`${stack.base}/admin/resources/EntityWorkflow/records/${instance.id}/previewMails`);
      const link = page.locator('a:has-text("Preview mails for this entity")');
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/admin/mail-preview?entity=DPPA&year=${YEAR}`);
      expect(watched.take()).toEqual([]);
    });

    it('names the menu entry in French for a French account, and speaks French around the mail', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
      const watched = watchPage(page, new URL(stack.base).origin);
      await logInInBrowser(page, stack.base, FRENCH_VIEWER);
      const entry = page.locator('a[href="/admin/mail-preview"]');
      expect((await entry.textContent())?.trim()).toBe('Aperçus des courriels');
      await entry.click();
      await page.waitForURL(/\/admin\/mail-preview$/);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.textContent('label[for=entity]')).toBe(
        'Entité dont les aperçus utilisent les données réelles',
      );
      expect(watched.take()).toEqual([]);
    });
  });
});
