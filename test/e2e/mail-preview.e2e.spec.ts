import { testDrivers } from '@cascade/testing';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ConsoleClient, createConsoleAccount, FRENCH_VIEWER, VIEWER } from './support/console';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
/** The six languages of the mails, and every template shipped (a folder of its own; `_layout` and the like are not). */
const MAIL_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const TEMPLATES = readdirSync(path.resolve(__dirname, '../../libs/mail/templates'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name);

describe.each(testDrivers())('mail previews in the console (%s)', (driver) => {
  let stack: MailStack;
  let viewer: ConsoleClient;

  beforeAll(async () => {
    stack = await startMailStack(driver, {
      year: YEAR,
      entities: entitiesWithPeople().slice(0, 2),
      workers: 1,
    });
    await createConsoleAccount(stack, VIEWER, 'viewer');
    await createConsoleAccount(stack, FRENCH_VIEWER, 'viewer', 'fr');
    viewer = new ConsoleClient(stack.base);
    expect((await viewer.login(VIEWER)).status).toBe(302);
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
});
