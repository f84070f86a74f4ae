import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import session from 'express-session';
import Redis from 'ioredis';
import {
  AdminUser,
  AdminUserQueryService,
  AdminUserService,
  AuditEvent,
  CascadeQueryService,
  DialogueQueryService,
  DialogueService,
  EntityImportService,
  EntityWorkflow,
  InstanceQueryService,
  InvitationService,
  LaunchPreviewQueryService,
  MailQueryService,
  OrgTreeService,
  ParticipationQueryService,
  RecordQueryService,
  ReportService,
  type ConsoleIdentity,
} from '@cascade/dialogue';
import {
  clearQueuePrefix,
  openTestOrm,
  sampleDialogueInput,
  testDrivers,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
  type TestOrm,
} from '@cascade/testing';
import { adminUserActions } from './actions/admin-user.actions';
import { timeline } from './actions/timeline.action';
import { accountLanguage, ACCOUNT_LANGUAGE_PATH } from './console-account';
import { toAdminAction, type ActionDeps, type ConsoleActionSpec } from './console-action';
import { consoleLogin, LoginRateLimiter } from './console-login';
import { csrfGuard, identityRefresh, requireLogin, roleGate } from './console-security';
import type { ConsoleQueries, ConsoleServices } from './console-services';
import type { ConsoleView } from './console-view';
import { dashboardView } from './dashboard';
import { languageOf } from './locale/console-text';
import { consoleResourceDefinitions } from './resources';
import { consoleLocale } from './translations';

const YEAR = 2026;
const SECRET = 's'.repeat(40);
const FRANCOISE = { email: 'francoise@un.example.org', password: 'une longue phrase de passe' };
const EDITH = { email: 'edith@un.example.org', password: 'a long English passphrase' };
const AMELIE = { email: 'amelie@un.example.org', password: 'administratrice du bureau' };

type Locale = ReturnType<typeof consoleLocale>;
type Tree = { [key: string]: string | Tree };
const at = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

/** A browser in the least: keeps the session's cookies, sends the CSRF token back with every write. */
class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async call(method: string, path: string, body?: Record<string, string>, { csrf = true } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (csrf && this.cookies.has('XSRF-TOKEN'))
      headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN') as string;
    let payload: string | undefined;
    if (path === '/login' && body) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body).toString();
    } else if (body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(this.base + path, { method, headers, body: payload, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index).trim(), decodeURIComponent(pair.slice(index + 1).trim()));
    }
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  /** Logs in through the form, then loads a page (which hands out the CSRF token). */
  async logIn(account: { email: string; password: string }) {
    const answer = await this.call('POST', '/login', account);
    await this.call('GET', '/whoami');
    return answer;
  }

  /** What AdminJS is given for this session's pages: its `locale` option, called with the account. */
  async locale(): Promise<Locale> {
    return (await this.call('GET', '/locale')).body as Locale;
  }

  async whoami(): Promise<ConsoleIdentity> {
    return (await this.call('GET', '/whoami')).body as ConsoleIdentity;
  }
}

/**
 * Issue 17: the console speaks each account's language from its login on. The console's own pieces run for
 * real (the login form, the session and its identity refresh, CSRF, the account's language route, AdminJS's
 * `locale` function, the dashboard, the actions) against the real account service and database; AdminJS itself is
 * ES modules only and runs in the e2e suites (`admin-console.e2e.spec.ts`, `admin.e2e.spec.ts` in Chromium).
 */
describe.each(testDrivers())('the console in the account’s language (%s)', (driver) => {
  const prefix = uniqueQueuePrefix();
  let db: TestOrm;
  let redis: Redis;
  let server: Server;
  let base: string;
  let accounts: AdminUserService;
  let deps: ActionDeps;
  let instance: EntityWorkflow;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const em = orm.em;
    accounts = new AdminUserService(em, clock);
    const by = 'system: test';
    ids['francoise'] = (await accounts.create({ ...FRANCOISE, role: 'viewer', language: 'fr' }, by)).id;
    ids['edith'] = (await accounts.create({ ...EDITH, role: 'viewer' }, by)).id;
    ids['amelie'] = (await accounts.create({ ...AMELIE, role: 'admin', language: 'fr' }, by)).id;

    const dialogues = new DialogueService(em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), by);
    await new EntityImportService(em, clock).importJson(
      [
        {
          code: 'OLA',
          name: 'Office of Legal Affairs',
          kind: 'office',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'fr',
          focalPoints: [{ name: 'Focal OLA', email: 'focal@ola.example.org' }],
        },
      ],
      by,
    );
    await dialogues.launch(YEAR, by);
    await new InvitationService(em, clock, registry).inviteAll(dialogue.id, by);
    instance = await em
      .fork()
      .findOneOrFail(EntityWorkflow, { entity: { code: 'OLA' } }, { populate: ['entity'] });
    const services = {
      clock,
      registry,
      dialogues,
      admins: accounts,
      workflows: { allowedOverrides: () => [] },
      sessions: { endSessionsOf: async () => 0 },
      // The dashboard's charts read the report's figures as of now.
      reports: new ReportService(em, clock, registry),
    } as unknown as ConsoleServices;
    const queries = {
      dialogues: new DialogueQueryService(em),
      instances: new InstanceQueryService(em, new OrgTreeService(em, clock, registry)),
      participation: new ParticipationQueryService(em),
      mails: new MailQueryService(em),
      records: new RecordQueryService(em),
      cascade: new CascadeQueryService(em, clock, registry),
      accounts: new AdminUserQueryService(em),
      launchPreview: new LaunchPreviewQueryService(em),
    } as unknown as ConsoleQueries;
    deps = { services, queries };

    redis = new Redis(TEST_REDIS_URL);
    await redis.ping();
    const app = express();
    app.use(session({ secret: SECRET, resave: false, saveUninitialized: false }));
    // Every request re-reads the account here (the console: at most every 10 seconds).
    app.use(identityRefresh((id) => accounts.identity(id), 0));
    app.use(csrfGuard(SECRET, false));
    app.post(
      '/login',
      ...consoleLogin({
        limiter: new LoginRateLimiter(redis, `${prefix}:ratelimit:console-login`),
        authenticate: (email, password) => accounts.authenticate(email, password),
        renderLogin: async (message) => message ?? '',
        rootPath: '/admin',
      }),
    );
    // In the console's order (console-router.ts): the account's language ahead of the role gate.
    app.post(
      ACCOUNT_LANGUAGE_PATH,
      requireLogin('/login'),
      ...accountLanguage((id, language, actor) => accounts.changeLanguage(id, language, actor)),
    );
    app.use(roleGate(['AdminUser']));
    const who = (req: express.Request) => (req.session as { adminUser?: ConsoleIdentity }).adminUser;
    app.get('/whoami', (req, res) => {
      res.json(who(req) ?? null);
    });
    // What AdminJS is handed: `locale` (console-admin.ts) and the dashboard's handler, with the session's account.
    app.get('/locale', requireLogin('/login'), (req, res) => {
      res.json(consoleLocale(who(req)));
    });
    app.get('/api/dashboard', requireLogin('/login'), (req, res, next) => {
      dashboardView(deps, req.query['year'], languageOf(who(req))).then((view) => res.json(view), next);
    });
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    redis?.disconnect();
    await clearQueuePrefix(prefix);
    await db?.close();
  });

  /** An action as AdminJS runs it for the session's account (a record action when `recordId` is given). */
  const act = async (
    browser: Browser,
    spec: ConsoleActionSpec,
    recordId: number | null,
    payload?: Record<string, string>,
  ): Promise<ConsoleView> => {
    const currentAdmin = await browser.whoami();
    const record = recordId ? { params: { id: recordId }, toJSON: () => ({ id: recordId }) } : undefined;
    const request = payload ? { method: 'post', payload } : { method: 'get' };
    const answer = await toAdminAction(spec, 'ConsoleAction', deps).handler(request, null, {
      currentAdmin,
      record,
    });
    return answer.console;
  };
  const accountAction = (name: string) => adminUserActions.find((a) => a.name === name) as ConsoleActionSpec;
  const facts = (view: ConsoleView) => (view.facts ?? []).map(([label]) => label);

  it('an account set to French logs in and gets the console in French: AdminJS’s locale, the dashboard, a screen', async () => {
    const browser = new Browser(base);
    expect((await browser.logIn(FRANCOISE)).status).toBe(302);
    expect(await browser.whoami()).toMatchObject({ email: FRANCOISE.email, language: 'fr' });

    const locale = await browser.locale();
    expect(locale).toMatchObject({
      language: 'fr',
      lng: 'fr',
      fallbackLng: 'en',
      availableLanguages: ['en', 'fr'],
    });
    const fr = locale.translations.fr as Tree;
    expect(at(fr, 'labels.EntityWorkflow')).toBe('Entités (par année)');
    expect(at(fr, 'labels.Leadership Dialogue')).toBe('Dialogue sur le leadership');
    expect(at(fr, 'actions.grantExtension')).toBe('Prolongation');
    expect(at(fr, 'properties.effectiveDeadline')).toBe('Échéance effective');
    expect(at(fr, 'resources.ManagerWorkflow.properties.turnOn')).toBe('Son tour est venu le');
    expect(at(fr, 'buttons.logout')).toBe('Se déconnecter'); // AdminJS's own, in French

    const dashboard = (await browser.call('GET', '/api/dashboard')).body as ConsoleView;
    expect(dashboard.title).toBe(`Dialogue sur le leadership ${YEAR}`);
    expect(facts(dashboard)).toEqual(
      expect.arrayContaining(['Entités', 'Taux de participation à ce jour', 'Entités en retard']),
    );
    expect(dashboard.tables?.map((t) => t.title)).toEqual(
      expect.arrayContaining(['Entités par statut', 'Courriels en échec (20 derniers)']),
    );
    expect(dashboard.intro).toMatch(/^Lancé le .* ; statistiques attendues le /);

    const story = await act(browser, timeline, instance.id);
    expect(facts(story)).toEqual(
      expect.arrayContaining(['Entité', 'Échéance effective', 'Clôture du rapport']),
    );
    expect(story.tables?.map((t) => t.title)).toEqual([
      'Piste d’audit (les plus récents d’abord)',
      'Courriels',
      'Minuteries',
    ]);
    expect(story.links?.[0].label).toBe('Ouvrir la cascade');
  });

  it('an English account gets the console in English', async () => {
    const browser = new Browser(base);
    await browser.logIn(EDITH);
    expect(await browser.locale()).toMatchObject({ language: 'en', lng: 'en' });
    const dashboard = (await browser.call('GET', '/api/dashboard')).body as ConsoleView;
    expect(dashboard.title).toBe(`Leadership Dialogue ${YEAR}`);
    expect(dashboard.tables?.map((t) => t.title)).toContain('Entities per state');
    const story = await act(browser, timeline, instance.id);
    expect(story.tables?.[0].title).toBe('Audit trail (newest first)');
  });

  it('switching the language is saved to the account, audited, and survives a new login (a viewer too)', async () => {
    const browser = new Browser(base);
    await browser.logIn(FRANCOISE);
    // Not without the session's CSRF token, and not to a language the console does not speak.
    expect(
      (await browser.call('POST', ACCOUNT_LANGUAGE_PATH, { language: 'en' }, { csrf: false })).status,
    ).toBe(403);
    const refused = await browser.call('POST', ACCOUNT_LANGUAGE_PATH, { language: 'es' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'validation-failed' } });
    expect((await browser.locale()).language).toBe('fr');

    const switched = await browser.call('POST', ACCOUNT_LANGUAGE_PATH, { language: 'en' });
    expect(switched).toMatchObject({ status: 200, body: { language: 'en', changed: true } });
    // The session takes it at once: the next page is in English.
    expect((await browser.locale()).language).toBe('en');
    expect(((await browser.call('GET', '/api/dashboard')).body as ConsoleView).title).toBe(
      `Leadership Dialogue ${YEAR}`,
    );

    const again = new Browser(base);
    await again.logIn(FRANCOISE);
    expect((await again.locale()).language).toBe('en');
    expect((await db.orm.em.fork().findOneOrFail(AdminUser, ids['francoise'])).language).toBe('en');
    const audit = await db.orm.em.fork().find(AuditEvent, { event: 'change-admin-language' });
    expect(audit.map((a) => [a.actor, a.details])).toEqual([
      [`admin: ${FRANCOISE.email}`, { email: FRANCOISE.email, from: 'fr', to: 'en' }],
    ]);
    // Logged out, nothing to change.
    expect((await new Browser(base).call('POST', ACCOUNT_LANGUAGE_PATH, { language: 'fr' })).status).toBe(
      401,
    );
  });

  it('an admin sets an account’s language in the console; the account’s open session follows; refusals in French', async () => {
    const edith = new Browser(base);
    await edith.logIn(EDITH);
    const amelie = new Browser(base);
    await amelie.logIn(AMELIE);
    const change = accountAction('changeLanguage');

    const form = await act(amelie, change, ids['edith']);
    expect(form.title).toBe(`Langue de ${EDITH.email}`);
    expect(form.form?.fields.map((f) => [f.name, f.value])).toEqual([['language', 'en']]);
    const refused = await act(amelie, change, ids['edith'], { language: 'de' });
    expect(refused.errors).toEqual(['Langue : Veuillez choisir l’une des valeurs suivantes : en, fr.']);

    const done = await act(amelie, change, ids['edith'], { language: 'fr' });
    expect(done.success).toBe(`La console s’adresse désormais à ${EDITH.email} en français.`);
    expect((await edith.locale()).language).toBe('fr');
    expect(((await edith.call('GET', '/api/dashboard')).body as ConsoleView).title).toBe(
      `Dialogue sur le leadership ${YEAR}`,
    );
    const audit = await db.orm.em
      .fork()
      .find(AuditEvent, { event: 'change-admin-language' }, { orderBy: { id: 'asc' } });
    expect(audit.at(-1)?.actor).toBe(`admin: ${AMELIE.email}`);

    // A new account is made with its language; the screen says so in the admin's language.
    const created = await act(amelie, accountAction('createAccount'), null, {
      email: 'bruno@un.example.org',
      role: 'viewer',
      language: 'fr',
      password: 'un mot de passe assez long',
      confirm: 'un mot de passe assez long',
    });
    expect(created.success).toBe('Le compte bruno@un.example.org a été créé avec le rôle lecteur.');
    expect(created.facts).toEqual(expect.arrayContaining([['Langue', 'français']]));
    const mismatch = await act(amelie, accountAction('createAccount'), null, {
      email: 'carla@un.example.org',
      role: 'viewer',
      password: 'un mot de passe assez long',
      confirm: 'un autre mot de passe',
    });
    expect(mismatch.errors).toEqual([
      'Le même mot de passe, une seconde fois : Les deux mots de passe ne sont pas identiques.',
    ]);
  });

  it('labels every property a list, a record or a filter shows, in both languages', () => {
    const definitions = consoleResourceDefinitions(deps);
    const missing: string[] = [];
    for (const { model, options } of definitions) {
      const id = String(options['id'] ?? model.name);
      const meta = db.orm.getMetadata().get(model.name);
      const hidden = Object.entries((options['properties'] ?? {}) as Record<string, { isVisible?: unknown }>)
        .filter(([, p]) => p.isVisible === false)
        .map(([name]) => name);
      const all = Object.values(meta.props)
        .filter((p) => !p.hidden)
        .map((p) => p.name);
      const shown = new Set([
        ...((options['listProperties'] as string[]) ?? []),
        ...((options['showProperties'] as string[]) ?? all),
        ...((options['filterProperties'] as string[]) ?? []),
      ]);
      for (const language of ['en', 'fr'] as const) {
        const translations = consoleLocale({ language }).translations[language] as Tree;
        for (const property of [...shown].filter((p) => !hidden.includes(p))) {
          if (
            !at(translations, `resources.${id}.properties.${property}`) &&
            !at(translations, `properties.${property}`)
          )
            missing.push(`${language} ${id}.${property}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
