import { MailRenderer, SmtpMailer, type SmtpConfig } from '@cascade/mail';
import { JobName, OutboxMessage, type SendMailPayload } from '@cascade/scheduling';
import {
  freePort,
  openTestOrm,
  sampleDialogueInput,
  smtpReply,
  startSmtpSink,
  testDrivers,
  type SmtpSink,
  type TestOrm,
} from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { StatisticsService } from '../statistics/statistics.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { AccessTokenService } from '../portal/access-token.service';
import { MailComposer } from './mail-composer.service';
import { MailDeliveryService } from './mail-delivery.service';
import { MailLogService } from './mail-log.service';
import { MailMessage } from './mail-message.entity';
import { mailSettingsOf } from './mail-settings';

const ADMIN = 'admin@test';
const YEAR = 2026;
const HOSTILE = '<script>alert(1)</script>\r\nBcc: evil@attacker.example';
const settings = mailSettingsOf({
  ethicsOffice: 'Ethics Office <ethics@un.example.org>, Deputy <deputy@un.example.org>',
  from: 'Cascade <cascade@un.example.org>',
  publicUrl: 'https://cascade.un.example.org/',
});
const smtpTo = (port: number): SmtpConfig => ({
  host: '127.0.0.1',
  port,
  secure: false,
  ignoreTLS: true,
  from: { name: 'Cascade', address: 'cascade@un.example.org' },
  maxConnections: 2,
});

describe.each(testDrivers())('mail composed from the database, sent over real SMTP (%s)', (driver) => {
  let db: TestOrm;
  let sink: SmtpSink;
  let mailer: SmtpMailer;
  let composer: MailComposer;
  let delivery: MailDeliveryService;
  let log: MailLogService;
  let workflows: EntityWorkflowService;
  const fresh = () => db.orm.em.fork();
  /** Composes what the outbox holds for an entity's transition mails, the way the worker's job would. */
  const composeOutboxOf = async (code: string, template: string) => {
    const messages = await fresh().find(OutboxMessage, { job: JobName.SendMail });
    const instance = await workflows.get(YEAR, code);
    const message = messages.find(
      (m) => m.payload['workflowId'] === instance.id && m.payload['template'] === template,
    ) as OutboxMessage;
    return composer.compose(message.payload as unknown as SendMailPayload, message.idempotencyKey);
  };
  const receivedBy = (address: string) => sink.received.filter((r) => r.rcptTo.includes(address));

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
    const { orm, clock, registry } = db;
    sink = await startSmtpSink();
    mailer = new SmtpMailer(smtpTo(sink.port));
    composer = new MailComposer(
      orm.em,
      clock,
      MailRenderer.fromDirectory(undefined, { strict: true }),
      settings,
      registry,
    );
    delivery = new MailDeliveryService(
      orm.em,
      clock,
      new AccessTokenService(orm.em, clock),
      settings,
      mailer,
    );
    log = new MailLogService(orm.em, clock, settings);
    workflows = new EntityWorkflowService(orm.em, clock, registry);
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: 'DPPA',
          name: 'Department of Political and Peacebuilding Affairs',
          names: {
            fr: 'Département des affaires politiques et de la consolidation de la paix',
            es: 'Departamento de Asuntos Políticos y de Consolidación de la Paz',
          },
          kind: 'department',
          dutyStation: 'New York',
          timeZone: 'America/New_York',
          language: 'en',
          headName: 'Rosa Head',
          headEmail: 'head@dppa.example.org',
          focalPoints: [{ name: 'Amélie Point', email: 'amelie@dppa.example.org', language: 'fr' }],
        },
        {
          code: 'UNAMA',
          name: 'United Nations Assistance Mission in Afghanistan',
          kind: 'political-mission',
          dutyStation: 'Kabul',
          timeZone: 'Asia/Kabul',
          language: 'es',
          focalPoints: [{ name: 'Lucía Punto', email: 'lucia@unama.example.org', language: 'es' }],
        },
        {
          code: 'ESCWA',
          name: 'Economic and Social Commission for Western Asia',
          names: { fr: "Commission économique et sociale pour l'Asie occidentale" },
          kind: 'regional-commission',
          dutyStation: 'Beirut',
          timeZone: 'Asia/Beirut',
          language: 'fr',
          focalPoints: [{ name: 'Layla Haddad', email: 'layla@escwa.example.org', language: 'ar' }],
        },
        {
          code: 'HOSTILE',
          name: HOSTILE,
          kind: 'office',
          dutyStation: 'Geneva',
          timeZone: 'Europe/Zurich',
          language: 'en',
          focalPoints: [{ name: 'Eve\r\nBcc: evil@attacker.example', email: 'eve@hostile.example.org' }],
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
  });

  afterAll(async () => {
    await mailer?.close();
    await sink?.close();
    await db?.close();
  });

  it('composes one row per recipient in their language, once however often the job runs', async () => {
    const rows = await composeOutboxOf('DPPA', 'invitation');
    expect(rows.map((r) => [r.recipientAddress, r.recipientRole, r.language, r.status])).toEqual([
      ['amelie@dppa.example.org', 'focal-point', 'fr', 'queued'],
      ['head@dppa.example.org', 'head-of-entity', 'en', 'queued'],
    ]);
    expect(rows[0].messageId).toBe(`<cascade.mail.${rows[0].id}@un.example.org>`);
    const again = await composeOutboxOf('DPPA', 'invitation');
    expect(again.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(await fresh().count(MailMessage, { entityCode: 'DPPA' })).toBe(2);
    // Each row has its delivery job in the outbox, keyed by the row.
    for (const row of rows) {
      expect(await fresh().count(OutboxMessage, { idempotencyKey: `deliver.${row.id}` })).toBe(1);
    }
  });

  it('delivers over TCP with the stable Message-ID, in the recipient’s language, with their links', async () => {
    const rows = await fresh().find(MailMessage, { entityCode: 'DPPA' }, { orderBy: { id: 'asc' } });
    for (const row of rows) expect(await delivery.deliver(row.id)).toBe('sent');
    const [french] = receivedBy('amelie@dppa.example.org');
    expect(french.parsed.messageId).toBe(rows[0].messageId);
    expect(french.parsed.subject).toMatch(/Dialogue/);
    expect(french.parsed.headers.get('content-language')).toBe('fr');
    expect(french.parsed.text).toContain('31 décembre 2026');
    // The entity as a French reader writes it: its official French name, in the subject and the body.
    for (const part of [french.parsed.text, french.parsed.html, rows[0].subject]) {
      expect(part).toContain('Département des affaires politiques et de la consolidation de la paix');
    }
    expect(french.parsed.text).not.toContain('Department of Political and Peacebuilding Affairs');
    // The materials in the recipient's language (the sample dialogue suffixes each link with its language).
    expect(french.parsed.html).toContain('https://example.org/leaders-guide (fr)');
    expect(french.parsed.html).not.toContain('leaders-guide (en)');
    // Each recipient's personal link is made at sending: the stored mail keeps only a placeholder.
    const link = /https:\/\/cascade\.un\.example\.org\/p\/([A-Za-z0-9_-]{40,})/.exec(
      french.parsed.text ?? '',
    );
    expect(link).not.toBeNull();
    expect(rows[0].text).not.toContain(link?.[1]);
    expect(rows[0].text).toContain('https://personal-link.invalid/cascade');
    const [english] = receivedBy('head@dppa.example.org');
    expect(english.parsed.text).toContain('31 December 2026');
    expect(english.parsed.text).toContain('Department of Political and Peacebuilding Affairs');
    expect(english.parsed.text).not.toContain('Département');
    const stored = await fresh().findOneOrFail(MailMessage, rows[0].id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(stored.sentAt).not.toBeNull();
    // Delivering again sends nothing: the row is sent.
    expect(await delivery.deliver(rows[0].id)).toBe('ignored');
    expect(receivedBy('amelie@dppa.example.org')).toHaveLength(1);
  });

  it('writes to an Arabic reader right to left, with the guides of the entity’s language and a note saying so', async () => {
    const rows = await composeOutboxOf('ESCWA', 'invitation');
    expect(rows.map((r) => [r.recipientAddress, r.language])).toEqual([['layla@escwa.example.org', 'ar']]);
    expect(await delivery.deliver(rows[0].id)).toBe('sent');
    const [arabic] = receivedBy('layla@escwa.example.org');
    expect(arabic.parsed.headers.get('content-language')).toBe('ar');
    expect(arabic.parsed.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.parsed.html).toContain('dir="rtl" width="600"');
    // The sample year has no Arabic guides: the entity's language (French) is the reader's second choice.
    expect(arabic.parsed.html).toContain('https://example.org/leaders-guide (fr)');
    expect(arabic.parsed.text).toContain('باللغة الفرنسية: غير متاح بعدُ باللغة العربية');
    expect(arabic.parsed.text).toContain('31 ديسمبر 2026');
    // No Arabic name was given: the English one, not the entity's language's (French).
    expect(arabic.parsed.text).toContain('Economic and Social Commission for Western Asia');
    expect(arabic.parsed.text).not.toContain('Commission économique');
  });

  it('escapes a hostile entity name and keeps line breaks out of headers', async () => {
    const [row] = await composeOutboxOf('HOSTILE', 'invitation');
    expect(row.subject).not.toMatch(/[\r\n]/);
    expect(row.html).not.toContain('<script>alert');
    expect(row.html).toContain('&lt;script&gt;');
    expect(await delivery.deliver(row.id)).toBe('sent');
    const [mail] = receivedBy('eve@hostile.example.org');
    expect(mail.rcptTo).toEqual(['eve@hostile.example.org']);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.parsed.html).not.toContain('<script>');
  });

  it('dates an instant in the recipient’s time zone (Kabul is already on the next day)', async () => {
    db.clock.set(new Date('2026-11-02T21:00:00Z')); // 01:30 on 3 November in Kabul
    await new StatisticsService(workflows).submit(
      YEAR,
      'UNAMA',
      { eligibleStaff: 40, staffParticipated: 30, sessionsHeld: 3, managersLed: 3, nonStaffParticipants: 0 },
      ADMIN,
    );
    const [row] = await composeOutboxOf('UNAMA', 'statistics-received');
    expect(row.language).toBe('es');
    expect(await delivery.deliver(row.id)).toBe('sent');
    const [mail] = receivedBy('lucia@unama.example.org');
    expect(mail.parsed.text).toContain('3 de noviembre de 2026');
    expect(mail.parsed.text).toContain('75');
  });

  it('retries while SMTP is down, then delivers once it is back', async () => {
    const port = await freePort();
    const downMailer = new SmtpMailer(smtpTo(port));
    const retrying = new MailDeliveryService(
      db.orm.em,
      db.clock,
      new AccessTokenService(db.orm.em, db.clock),
      settings,
      downMailer,
    );
    const [row] = await composer.compose(
      {
        dialogueId: (await workflows.get(YEAR, 'DPPA')).dialogue.id,
        template: 'daily-digest',
        audience: ['ethics-office'],
        data: { lagging: [] },
      },
      'digest-test',
    );
    await expect(retrying.deliver(row.id)).rejects.toMatchObject({ permanent: false });
    expect(await fresh().findOneOrFail(MailMessage, row.id)).toMatchObject({ status: 'queued', attempts: 1 });
    const back = await startSmtpSink({}, port);
    try {
      expect(await retrying.deliver(row.id)).toBe('sent');
      expect(back.received).toHaveLength(1);
      expect(back.received[0].parsed.messageId).toBe(row.messageId);
      expect(await fresh().findOneOrFail(MailMessage, row.id)).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await downMailer.close();
      await back.close();
    }
  });

  it('marks a mail failed, without retry, when the server refuses it for good (5xx)', async () => {
    const refusing = await startSmtpSink({
      onRcptTo: (_address, _session, callback) => callback(smtpReply(550, 'Mailbox unavailable')),
    });
    const refusingMailer = new SmtpMailer(smtpTo(refusing.port));
    try {
      const rows = await fresh().find(MailMessage, { template: 'daily-digest' });
      const deputy = rows.find((r) => r.recipientAddress === 'deputy@un.example.org') as MailMessage;
      const service = new MailDeliveryService(
        db.orm.em,
        db.clock,
        new AccessTokenService(db.orm.em, db.clock),
        settings,
        refusingMailer,
      );
      expect(await service.deliver(deputy.id)).toBe('failed');
      const stored = await fresh().findOneOrFail(MailMessage, deputy.id);
      expect(stored.status).toBe('failed');
      expect(stored.lastError).toMatch(/550.*Mailbox unavailable/);
    } finally {
      await refusingMailer.close();
      await refusing.close();
    }
  });

  it('lists the log by entity and status, and resends a mail as a new one, audited', async () => {
    const failed = await log.list(YEAR, { status: 'failed' });
    expect(failed.map((m) => m.recipientAddress)).toEqual(['deputy@un.example.org']);
    const dppa = await log.list(YEAR, { entity: 'DPPA' });
    expect(dppa).toHaveLength(2);
    const copy = await log.resend(failed[0].id, ADMIN);
    expect(copy).toMatchObject({ status: 'queued', resentFrom: failed[0].id, subject: failed[0].subject });
    expect(copy.messageId).not.toBe(failed[0].messageId);
    expect(await delivery.deliver(copy.id)).toBe('sent');
    expect(receivedBy('deputy@un.example.org')).toHaveLength(1);
    const audit = await fresh().find(AuditEvent, { event: 'resend-mail' });
    expect(audit.map((a) => a.details)).toEqual([
      { mail: failed[0].id, resend: copy.id, to: 'deputy@un.example.org', template: 'daily-digest' },
    ]);
    await expect(log.list(YEAR, { status: 'lost' })).rejects.toThrow(/status/);
  });
});
