import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, testDrivers, waitFor } from '@cascade/testing';
import { ADMIN, ConsoleClient, createConsoleAccount, FRENCH_VIEWER, VIEWER } from './support/console';
import { entitiesWithPeople } from './support/demo-entities';
import { startMailStack, type MailStack } from './support/mail';

const YEAR = new Date().getUTCFullYear();
const ENTITIES = entitiesWithPeople().slice(0, 6);
const ARTIFACTS = path.resolve(__dirname, 'artifacts');

interface EntityView {
  state: string;
  extendedDeadline: string | null;
}

describe.each(testDrivers())('the Ethics Office console in Chromium (%s)', (driver) => {
  let stack: MailStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let client: ConsoleClient;
  let dialogueId: string;
  const instance: Record<string, string> = {};
  /** What Chromium said about the Content-Security-Policy on the admin's page (issue 22). */
  const cspReports: string[] = [];

  const shot = (name: string, target: Page = page) =>
    target.screenshot({ path: path.join(ARTIFACTS, `admin-${driver}-${name}.png`), fullPage: true });
  const entity = (code: string) => stack.ok<EntityView>('GET', `/api/dialogues/${YEAR}/entities/${code}`);
  const url = (p: string) => `${stack.base}/admin${p}`;

  async function logIn(target: Page, account: { email: string; password: string }) {
    await target.goto(url(''));
    await target.waitForURL(/\/admin\/login$/);
    await target.fill('input[name=email]', account.email);
    await target.fill('input[name=password]', account.password);
    await target.click('button:has-text("Login")');
    await target.waitForSelector('[data-testid=dashboard]');
  }

  /** The resources of the Operations group of the sidebar, opened. */
  async function operationsMenu(target: Page) {
    await target.click('text=Operations');
    await target.waitForSelector('text=Audit trail');
    return (await target.textContent('body')) ?? '';
  }

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startMailStack(driver, { year: YEAR, entities: ENTITIES, workers: 1 });
    await createConsoleAccount(stack, ADMIN, 'admin');
    await createConsoleAccount(stack, VIEWER, 'viewer');
    await createConsoleAccount(stack, FRENCH_VIEWER, 'viewer', 'fr');
    expect((await stack.call('POST', `/api/dialogues/${YEAR}/launch`)).status).toBe(202);
    await waitFor(() => stack.sink.received.length >= ENTITIES.length * 2, {
      what: 'the invitations of the launch',
      timeoutMs: 60000,
    });
    client = new ConsoleClient(stack.base);
    await client.login(ADMIN);
    dialogueId = (await client.list('Dialogue', { year: String(YEAR) }))[0].id;
    for (const e of ENTITIES)
      instance[e.code] = (await client.list('EntityWorkflow', { code: e.code }))[0].id;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs an admin in and shows the year’s dashboard', async () => {
    await logIn(page, ADMIN);
    await page.waitForSelector('[data-testid="table-states"]');
    expect(await page.textContent('[data-testid=dashboard]')).toContain(`Leadership Dialogue ${YEAR}`);
    expect(await page.textContent('[data-testid="table-states"]')).toContain('invited');
    // The pinned workflow drawn as SVG by the Mermaid bundle the api serves itself; its text kept below.
    const diagram = await page.waitForSelector('[data-testid=diagram-svg] svg', { timeout: 30000 });
    expect(await diagram.isVisible()).toBe(true);
    const box = await diagram.boundingBox();
    expect((box?.width ?? 0) > 200 && (box?.height ?? 0) > 200).toBe(true);
    const drawn = (await diagram.textContent()) ?? '';
    for (const state of ['invited', 'cascading', 'overdue', 'withdrawn']) expect(drawn).toContain(state);
    // Fitted to the page first; at its actual size (wider than the page here) on demand.
    await page.click('[data-testid=diagram-size]');
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getBoundingClientRect(): { width: number } } };
          }
        ).document
          .querySelector('[data-testid=diagram-svg] svg')
          .getBoundingClientRect().width > 1400,
    );
    await page.click('[data-testid=diagram-size]');
    expect(await page.textContent('[data-testid="text-diagram"]')).toContain('stateDiagram');
    expect(await operationsMenu(page)).toContain('Console accounts');
    await shot('1-dashboard');
  });

  it('shows the queues at /admin/queues behind the same login', async () => {
    const overview = page.waitForResponse((r) => r.url().includes('/admin/queues/api/queues'));
    await page.goto(url('/queues'));
    expect((await overview).status()).toBe(200);
    await page.waitForSelector('text=timers');
    const text = (await page.textContent('body')) ?? '';
    for (const queue of ['lifecycle', 'mail', 'timers']) expect(text).toContain(queue);
    await shot('1b-queues');
    const anonymous = await browser.newContext();
    try {
      const stranger = await anonymous.newPage();
      await stranger.goto(url('/queues'));
      await stranger.waitForURL(/\/admin\/login$/);
    } finally {
      await anonymous.close();
    }
  });

  it('warns before granting an extension past the report cutoff, and grants it only when confirmed', async () => {
    const code = ENTITIES[0].code;
    await page.goto(url(`/resources/EntityWorkflow/records/${instance[code]}/show`));
    await page.click('a:has-text("Extension"), button:has-text("Extension")');
    await page.waitForSelector('[data-testid=console-form]');
    await page.fill('[name=deadline]', `${YEAR + 1}-03-31`);
    await page.fill('[name=reason]', 'missions all through the winter');
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-warnings]');
    expect(await page.textContent('[data-testid=console-warnings]')).toContain(
      `${code} will not be listed among the entities that completed the dialogue in the ${YEAR} report`,
    );
    expect(await page.textContent('[data-testid=console-submit]')).toBe('Grant anyway');
    await shot('2-extension-warning');
    expect((await entity(code)).extendedDeadline).toBeNull();
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-success]');
    expect(await page.textContent('[data-testid=console-success]')).toContain(`until ${YEAR + 1}-03-31`);
    expect((await entity(code)).extendedDeadline).toBe(`${YEAR + 1}-03-31`);
    await shot('3-extension-granted');
  });

  it('adds a late entity, shows its accommodated deadline, and its invitation reaches the SMTP server', async () => {
    const before = stack.sink.received.length;
    await page.goto(url(`/resources/Dialogue/records/${dialogueId}/addLateEntity`));
    await page.waitForSelector('[data-testid=console-form]');
    const fields: Record<string, string> = {
      code: 'LATEWEB',
      name: 'Office Added From The Console',
      kind: 'department',
      dutyStation: 'Geneva',
      timeZone: 'Europe/Zurich',
      headName: 'Head of the Late Office',
      headEmail: 'head@lateweb.example.org',
      focalPoints: 'Focal Point of the Late Office <focal@lateweb.example.org>',
    };
    for (const [name, value] of Object.entries(fields)) await page.fill(`[name=${name}]`, value);
    await page.selectOption('[name=language]', 'fr');
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-success]');
    const deadline = await page.textContent('[data-fact="Accommodated deadline"]');
    expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await shot('4-late-entity');
    await waitFor(
      () =>
        stack.sink.received.slice(before).some((m) => m.rcptTo.includes('focal@lateweb.example.org')) &&
        stack.sink.received.slice(before).some((m) => m.rcptTo.includes('head@lateweb.example.org')),
      { what: 'the late entity’s invitations', timeoutMs: 30000 },
    );
    const invitation = stack.sink.received.find((m) => m.rcptTo.includes('focal@lateweb.example.org'));
    // In French, the entity's language: the invitation of a late addition.
    expect(invitation?.parsed.subject).toContain('Office Added From The Console rejoint le dialogue');
  });

  it('overrides a state with a reason, which the entity’s timeline then shows', async () => {
    const code = ENTITIES[1].code;
    await page.goto(url(`/resources/EntityWorkflow/records/${instance[code]}/override`));
    await page.waitForSelector('[data-testid=console-form]');
    const offered = await page.$$eval('[name=targetState] option', (options) =>
      options.map((o) => (o as unknown as { value: string }).value).filter(Boolean),
    );
    expect(offered).toEqual(['pending', 'cascading', 'overdue', 'withdrawn', 'not-completed']);
    await page.selectOption('[name=targetState]', 'cascading');
    await page.fill('[name=reason]', 'the Head held the first session before the invitation');
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-success]');
    expect((await entity(code)).state).toBe('cascading');
    await page.click('text=Open its timeline');
    await page.waitForSelector('[data-testid="table-audit"]');
    const audit = await page.textContent('[data-testid="table-audit"]');
    expect(audit).toContain('override');
    expect(audit).toContain('the Head held the first session before the invitation');
    expect(audit).toContain(`admin: ${ADMIN.email}`);
    await shot('5-timeline');
  });

  it('lists the managers of an imported tree, opens a manager’s timeline, then the entity’s cascade', async () => {
    const e = ENTITIES[4];
    const domain = `${e.code.toLowerCase()}.example.org`;
    // A tree made by rule: the head, three managers under them, two staff under each manager.
    const rows = ['name,email,manager_email,language,is_manager', `Head of ${e.code},${e.headEmail},,en,yes`];
    for (let m = 1; m <= 3; m++) {
      rows.push(`Manager ${m},manager${m}@${domain},${e.headEmail},en,yes`);
      for (let s = 1; s <= 2; s++) {
        rows.push(`Staff ${m}.${s},staff${m}${s}@${domain},manager${m}@${domain},en,`);
      }
    }
    const imported = await client.act(`EntityWorkflow/records/${instance[e.code]}/importOrgTree`, {
      csv: rows.join('\n'),
    });
    expect(imported.success).toContain('10 added');

    await page.goto(url(`/resources/ManagerWorkflow?filters.code=${e.code}`));
    await page.waitForSelector('text=Manager 3');
    const list = (await page.textContent('body')) ?? '';
    for (const text of [`Head of ${e.code}`, 'Your Turn', 'Waiting', e.code]) expect(list).toContain(text);
    await shot('5d-managers');

    // The head's row, then their timeline: asked at the import (the dialogue is launched), reminders planned.
    await page.click(`text=Head of ${e.code}`);
    await page.click('[data-css="ManagerWorkflow-timeline-button"]');
    await page.waitForSelector('[data-testid="table-audit"]');
    expect(await page.textContent('[data-testid="table-audit"]')).toContain('manager:turn-comes');
    const timers = (await page.textContent('[data-testid="table-timers"]')) ?? '';
    for (const timer of ['reminder-14', 'reminder-28', 'nudge-manager']) expect(timers).toContain(timer);
    await shot('5e-manager-timeline');

    // The entity's cascade: the tree's order, a bar per branch, searched in place.
    await page.click(`text=The cascade of ${e.code}`);
    await page.waitForSelector('[data-testid="table-cascade"]');
    const managerRows = () => page.$$('[data-testid="table-cascade"] tbody tr');
    expect(await managerRows()).toHaveLength(4);
    const head = await page.$('[data-testid="table-cascade"] tbody tr [data-testid=progress]');
    expect([await head?.getAttribute('data-value'), await head?.getAttribute('data-max')]).toEqual([
      '0',
      '4',
    ]);
    await shot('5f-cascade');
    await page.fill('[name=q]', 'manager 2');
    await page.click('[data-testid=console-submit]');
    await page.waitForFunction(
      () =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('[data-testid="table-cascade"] tbody tr').length === 1,
    );
    expect(await page.textContent('[data-testid="table-cascade"]')).toContain(`manager2@${domain}`);
    expect(await page.textContent('[data-testid=pager-position]')).toBe('Rows 1–1 of 1');

    await page.goto(url(''));
    await page.waitForSelector('[data-testid="table-managers-engaged"]');
    expect(await page.textContent('[data-testid="table-managers-engaged"]')).toContain(`${e.code} — `);
  });

  it('lets an admin create a viewer account in the console; the viewer logs in and sees no action button', async () => {
    const account = { email: 'wanda@un.example.org', password: 'wanda-made-in-chromium-42' };
    await page.goto(url('/resources/AdminUser/actions/createAccount'));
    await page.waitForSelector('[data-testid=console-form]');
    await page.fill('[name=email]', account.email);
    await page.selectOption('[name=role]', 'viewer');
    await page.fill('[name=password]', account.password);
    await page.fill('[name=confirm]', account.password);
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-success]');
    expect(await page.textContent('[data-testid=console-success]')).toContain(
      `Account ${account.email} created with the viewer role.`,
    );
    await shot('5b-account-created');

    const code = ENTITIES[3].code;
    const viewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const viewerPage = await viewerContext.newPage();
      await logIn(viewerPage, account);
      await viewerPage.waitForSelector('[data-testid=diagram-svg] svg', { timeout: 30000 });
      expect(await operationsMenu(viewerPage)).not.toContain('Console accounts');
      // The action buttons of an entity: an admin has them all, the new viewer only the timeline.
      const buttons = async (target: Page) => {
        await target.goto(url(`/resources/EntityWorkflow/records/${instance[code]}/show`));
        await target.waitForSelector('[data-css="EntityWorkflow-timeline-button"]');
        await target.waitForTimeout(300);
        return target.$$eval('[data-css^="EntityWorkflow-"][data-css$="-button"]', (found) =>
          found.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('data-css')),
        );
      };
      expect(await buttons(page)).toEqual(
        expect.arrayContaining(['EntityWorkflow-override-button', 'EntityWorkflow-withdraw-button']),
      );
      // Read-only pages only: the timeline, the cascade, the entity's mail previews.
      expect(await buttons(viewerPage)).toEqual([
        'EntityWorkflow-timeline-button',
        'EntityWorkflow-cascade-button',
        'EntityWorkflow-previewMails-button',
      ]);
      await shot('5c-new-viewer-show', viewerPage);
      // The accounts are refused to the viewer by the server, whatever the browser asks for.
      const accounts = await viewerPage.evaluate(async () => {
        const response = await fetch('/admin/api/resources/AdminUser/actions/list');
        return { status: response.status, text: await response.text() };
      });
      expect(accounts.status).toBe(403);
      expect(accounts.text).not.toContain(account.email);
    } finally {
      await viewerContext.close();
    }
  });

  it('shows a viewer no action button, and the server refuses the viewer’s forged POST', async () => {
    const code = ENTITIES[2].code;
    const viewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const viewerPage = await viewerContext.newPage();
      await logIn(viewerPage, VIEWER);
      await viewerPage.goto(url(`/resources/EntityWorkflow/records/${instance[code]}/show`));
      await viewerPage.waitForSelector(`text=${code}`);
      await viewerPage.waitForTimeout(300);
      const body = (await viewerPage.textContent('body')) ?? '';
      for (const label of [
        'Grant an extension',
        'Override the state',
        'Withdraw',
        'Re-issue links',
        'Edit',
        'Delete',
      ]) {
        expect([label, body.includes(label)]).toEqual([label, false]);
      }
      await shot('6-viewer-show', viewerPage);
      await viewerPage.goto(url('/resources/OrgEntity'));
      await viewerPage.waitForSelector('text=Organisation entities');
      expect(await viewerPage.textContent('body')).not.toContain('Import CSV');

      const before = await entity(code);
      const forged = await viewerPage.evaluate(async (target) => {
        const { cookie } = (globalThis as unknown as { document: { cookie: string } }).document;
        const token = decodeURIComponent(/XSRF-TOKEN=([^;]+)/.exec(cookie)?.[1] ?? '');
        const response = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-xsrf-token': token },
          body: JSON.stringify({ targetState: 'withdrawn', reason: 'forged by a viewer' }),
        });
        return { status: response.status, hasToken: token.length > 0 };
      }, `/admin/api/resources/EntityWorkflow/records/${instance[code]}/override`);
      expect(forged).toEqual({ status: 403, hasToken: true });
      expect(await entity(code)).toEqual(before);
    } finally {
      await viewerContext.close();
    }
  });

  it('offers to revoke the links made from a link when it is re-issued, and shows them beside it', async () => {
    const target = ENTITIES[4];
    const tree = [
      'name,email,manager_email,language,is_manager',
      `Head,${target.headEmail},,en,yes`,
      `Manager,manager@${target.code.toLowerCase()}.example.org,${target.headEmail},en,yes`,
    ].join('\n');
    expect(
      (
        await stack.call('POST', `/api/dialogues/${YEAR}/entities/${target.code}/org-tree`, tree, {
          contentType: 'text/csv',
        })
      ).status,
    ).toBe(201);
    const head = await stack.ok<{ token: string }>(
      'POST',
      `/api/dialogues/${YEAR}/entities/${target.code}/tokens`,
      { role: 'head-of-entity', email: target.headEmail },
    );
    const leader = await stack.ok<{ token: string }>('POST', `/api/portal/${head.token}/leader-links`, {
      leaderEmail: `manager@${target.code.toLowerCase()}.example.org`,
    });
    const links = await stack.ok<{ id: number; role: string; issuedFromId: number | null }[]>(
      'GET',
      `/api/dialogues/${YEAR}/entities/${target.code}/tokens`,
    );
    const headLink = links.find((l) => l.role === 'head-of-entity') as { id: number };
    const leaderLink = links.find((l) => l.role === 'leader') as { id: number; issuedFromId: number | null };
    expect(leaderLink.issuedFromId).toBe(headLink.id);

    await page.goto(url(`/resources/EntityWorkflow/records/${instance[target.code]}/reissueLinks`));
    await page.waitForSelector('[data-testid=table-links]');
    const table = (await page.textContent('[data-testid=table-links]')) ?? '';
    expect(table).toContain('Made from');
    expect(table).toContain(`#${headLink.id}`);
    expect(table).toContain(`#${leaderLink.id}`);
    expect(await page.isChecked('#field-derived')).toBe(true);
    await page.selectOption('#field-link', String(headLink.id));
    await shot('8-links');
    await page.click('[data-testid=console-submit]');
    await page.waitForSelector('[data-testid=console-success]');
    expect(await page.textContent('[data-testid=console-success]')).toContain('with 1 link(s) made from it');
    const status = async (token: string) => (await fetch(`${stack.base}/api/portal/${token}`)).status;
    expect([await status(head.token), await status(leader.token)]).toEqual([404, 404]);
  });

  it('shows a French account the console in French; AdminJS’s language menu switches it to English for good', async () => {
    const frenchContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      const french = await frenchContext.newPage();
      french.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) cspReports.push(message.text());
      });
      await logIn(french, FRENCH_VIEWER);
      await french.waitForSelector('[data-testid="table-states"]');
      expect(await french.getAttribute('html', 'lang')).toBe('fr');
      expect(await french.title()).toBe('Cascade — Bureau de la déontologie');
      const dashboard = (await french.textContent('[data-testid=dashboard]')) ?? '';
      for (const text of [`Dialogue sur le leadership ${YEAR}`, 'Taux de participation à ce jour'])
        expect(dashboard).toContain(text);
      expect(await french.textContent('[data-testid="table-states"]')).toContain('Entités par statut');
      // The menu: its groups and resources (a group's resources show once it is opened).
      await french.click('text="Dialogue sur le leadership"');
      await french.waitForSelector('text=Entités (par année)');
      await french.click('text=Exploitation');
      await french.waitForSelector('text=Piste d’audit');
      const menu = (await french.textContent('body')) ?? '';
      for (const text of ['Responsables (par année)', 'Séances et statistiques', 'Courriels'])
        expect(menu).toContain(text);
      // A screen the server builds, and AdminJS's own list, in French.
      const code = ENTITIES[2].code;
      await french.goto(url(`/resources/EntityWorkflow/records/${instance[code]}/timeline`));
      await french.waitForSelector('[data-testid="table-audit"]');
      expect(await french.textContent('[data-testid=console-view]')).toContain(
        'Piste d’audit (les plus récents d’abord)',
      );
      await shot('9-french-timeline', french);
      await french.goto(url('/resources/EntityWorkflow'));
      await french.waitForSelector('text=Échéance effective');
      expect(await french.textContent('body')).toContain('Niveau de relance');
      await shot('9b-french-list', french);

      // AdminJS's language menu in the top bar: English is saved to the account and the page drawn again.
      await french.goto(url(''));
      await french.waitForSelector('[data-testid="table-states"]');
      await french.hover('button:has-text("Français")');
      await french.click('text="English"');
      await french.waitForFunction(
        () =>
          (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
            .documentElement.lang === 'en',
      );
      await french.waitForSelector(`text=Leadership Dialogue ${YEAR}`);
      expect(await french.textContent('[data-testid="table-states"]')).toContain('Entities per state');
      // For good: another browser, the same account, English from the login on.
      const elsewhere = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      try {
        const again = await elsewhere.newPage();
        await logIn(again, FRENCH_VIEWER);
        expect(await again.getAttribute('html', 'lang')).toBe('en');
        expect(await again.textContent('[data-testid=dashboard]')).toContain(`Leadership Dialogue ${YEAR}`);
      } finally {
        await elsewhere.close();
      }
    } finally {
      await frenchContext.close();
    }
  });

  it('runs every page visited under a policy that allows no inline script but AdminJS’s own, by hash', async () => {
    const answer = await fetch(url('/login'));
    const policy = answer.headers.get('content-security-policy') ?? '';
    const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
    expect(scripts).not.toContain('unsafe-inline');
    expect(scripts).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    // Everything the admin's page did above ran, with no refusal at all: the web font AdminJS's pages linked (and
    // the policy refused) is no longer linked (issue 19).
    expect(cspReports).toEqual([]);
  });
});
