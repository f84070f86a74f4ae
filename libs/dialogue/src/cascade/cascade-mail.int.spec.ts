import { MailRenderer, SmtpMailer } from '@cascade/mail';
import { JobName, OutboxMessage, type SendMailPayload } from '@cascade/scheduling';
import {
  calendarPartsOf,
  openTestOrm,
  readCalendar,
  sampleDialogueInput,
  startSmtpSink,
  testDrivers,
  type SmtpSink,
  type TestOrm,
} from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { MailComposer } from '../mail/mail-composer.service';
import { MailDeliveryService } from '../mail/mail-delivery.service';
import type { MailMessage } from '../mail/mail-message.entity';
import { mailSettingsOf } from '../mail/mail-settings';
import { OrgTreeService } from '../org/org-tree.service';
import { AccessTokenService } from '../portal/access-token.service';
import { SessionService } from '../session/session.service';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { CascadeService } from './cascade.service';
import { ManagerWorkflow } from './manager-workflow.entity';

const ADMIN = 'admin@test';
const YEAR = 2026;
const D = '@gva.example.org';
const settings = mailSettingsOf({
  ethicsOffice: 'Ethics Office <ethics@un.example.org>',
  from: 'Cascade <cascade@un.example.org>',
  publicUrl: 'https://cascade.un.example.org',
});
/** The Head (English) leads Marie (French), who has 28 staff in three languages: a split session is advised. */
const TREE = [
  'name,email,manager_email,language,is_manager',
  `Rosa Head,head${D},,en,`,
  `Marie Lead,marie${D},head${D},fr,`,
  `Tom Lead,tom${D},head${D},en,`,
  `Tom One,tom1${D},tom${D},en,`,
  ...Array.from(
    { length: 28 },
    (_, i) => `Staff ${i + 1},s${i + 1}${D},marie${D},${['fr', 'es', 'en'][i % 3]},`,
  ),
].join('\n');

describe.each(testDrivers())("the managers' mails, composed and sent over real SMTP (%s)", (driver) => {
  let db: TestOrm;
  let sink: SmtpSink;
  let mailer: SmtpMailer;
  let composer: MailComposer;
  let delivery: MailDeliveryService;
  let cascade: CascadeService;
  const fresh = () => db.orm.em.fork();
  const managerId = async (email: string) =>
    (await fresh().findOneOrFail(ManagerWorkflow, { email: email + D })).id;
  /** Composes the outbox's mail of one manager and template (the latest), as the worker's job would. */
  const compose = async (email: string, template: string): Promise<MailMessage[]> => {
    const id = await managerId(email);
    const messages = await fresh().find(
      OutboxMessage,
      { job: JobName.SendMail },
      { orderBy: { id: 'desc' } },
    );
    const message = messages.find((m) => m.payload['managerId'] === id && m.payload['template'] === template);
    if (!message) throw new Error(`no ${template} mail for ${email}`);
    return composer.compose(message.payload as unknown as SendMailPayload, message.idempotencyKey);
  };

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-05T08:00:00Z'));
    const { orm, clock, registry } = db;
    sink = await startSmtpSink();
    mailer = new SmtpMailer({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      ignoreTLS: true,
      from: { name: 'Cascade', address: 'cascade@un.example.org' },
      maxConnections: 2,
    });
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
    cascade = new CascadeService(orm.em, clock, registry);
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: 'GVA',
          name: 'Geneva Office',
          kind: 'office',
          dutyStation: 'Geneva',
          timeZone: 'Europe/Zurich',
          language: 'en',
          headName: 'Rosa Head',
          headEmail: `head${D}`,
          focalPoints: [{ name: 'Focal', email: `focal${D}` }],
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    await new OrgTreeService(orm.em, clock, registry).importCsv(YEAR, 'GVA', TREE, ADMIN);
    await new SessionService(new EntityWorkflowService(orm.em, clock, registry)).record(
      YEAR,
      'GVA',
      { leaderEmail: `head${D}`, heldOn: '2026-10-05', language: 'en', participants: 10 },
      ADMIN,
    );
  });

  afterAll(async () => {
    await mailer?.close();
    await sink?.close();
    await db?.close();
  });

  it('asks the manager in their language, with their personal link and the advice to split a team of 28', async () => {
    const [mail] = await compose('marie', 'manager-your-turn');
    expect([mail.recipientAddress, mail.recipientRole, mail.language]).toEqual([
      `marie${D}`,
      'manager',
      'fr',
    ]);
    expect(mail.text).toContain('28');
    expect(mail.text).toMatch(/\b2\b/); // two sessions of about 14
    expect(await delivery.deliver(mail.id)).toBe('sent');
    const received = sink.received.find((r) => r.rcptTo.includes(`marie${D}`));
    // The personal link is made at sending: a leader's page of this entity, never stored in the mail row.
    expect(received?.parsed.text).toMatch(/https:\/\/cascade\.un\.example\.org\/p\/[A-Za-z0-9_-]{20,}/);
  });

  it('invites each team member with a calendar file in their language, at 10:30 Geneva time', async () => {
    await cascade.schedule(
      YEAR,
      'GVA',
      `marie${D}`,
      { startsAt: '2026-10-20T10:30', place: 'Palais, room XII' },
      ADMIN,
    );
    const mails = await compose('marie', 'session-invitation');
    expect(mails).toHaveLength(28);
    expect(new Set(mails.map((m) => m.language))).toEqual(new Set(['fr', 'es', 'en']));
    const first = mails.find((m) => m.recipientAddress === `s1${D}`) as MailMessage;
    expect([first.calendarMethod, first.recipientRole]).toEqual(['REQUEST', 'team-member']);
    const ics = readCalendar(first.calendar as string);
    expect(ics).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      startZone: 'Europe/Zurich',
      durationMinutes: 90,
    });
    expect(ics.start.toISOString()).toBe('2026-10-20T08:30:00.000Z');
    expect(ics.startLocal).toBe('2026-10-20T10:30:00');
    expect(ics.organizer.email).toBe(`marie${D}`);
    expect(ics.attendees.map((a) => a.email)).toEqual([`s1${D}`]);
    expect(await delivery.deliver(first.id)).toBe('sent');
    const received = sink.received.find((r) => r.rcptTo.includes(`s1${D}`));
    const parts = calendarPartsOf(received as NonNullable<typeof received>);
    expect(parts.method).toBe('REQUEST');
    expect(readCalendar(parts.alternative).uid).toBe(ics.uid);
  });

  it('a change sends the same UID with a higher sequence; a cancellation a CANCEL', async () => {
    const before = readCalendar((await compose('marie', 'session-invitation'))[0].calendar as string);
    await cascade.schedule(
      YEAR,
      'GVA',
      `marie${D}`,
      { startsAt: '2026-10-21T14:00', url: 'https://meet.example.org/m' },
      ADMIN,
    );
    const moved = readCalendar((await compose('marie', 'session-invitation'))[0].calendar as string);
    expect([moved.uid, moved.sequence, moved.startLocal]).toEqual([before.uid, 1, '2026-10-21T14:00:00']);
    await cascade.cancelSession(YEAR, 'GVA', `marie${D}`, ADMIN);
    const [cancelled] = await compose('marie', 'session-cancelled');
    const ics = readCalendar(cancelled.calendar as string);
    expect([cancelled.calendarMethod, ics.method, ics.uid, ics.sequence, ics.status]).toEqual([
      'CANCEL',
      'CANCEL',
      before.uid,
      2,
      'CANCELLED',
    ]);
  });

  it("excusing a manager whose session is scheduled cancels the team's invitations", async () => {
    await cascade.schedule(
      YEAR,
      'GVA',
      `marie${D}`,
      { startsAt: '2026-10-22T09:00', place: 'Room 2' },
      ADMIN,
    );
    await cascade.excuse(YEAR, 'GVA', `marie${D}`, 'long-term leave', ADMIN);
    const [cancelled] = await compose('marie', 'session-cancelled');
    const ics = readCalendar(cancelled.calendar as string);
    expect([ics.method, ics.sequence, ics.startLocal]).toEqual(['CANCEL', 3, '2026-10-22T09:00:00']);
  });

  it('after the session is recorded, each team member gets an anonymous feedback link of that session', async () => {
    await new SessionService(new EntityWorkflowService(db.orm.em, db.clock, db.registry)).record(
      YEAR,
      'GVA',
      { leaderEmail: `tom${D}`, heldOn: '2026-10-05', language: 'en', participants: 2 },
      ADMIN,
    );
    const [mail] = await compose('tom', 'session-feedback');
    expect([mail.recipientAddress, mail.linkSessionId !== null]).toEqual([`tom1${D}`, true]);
    expect(await delivery.deliver(mail.id)).toBe('sent');
    const received = sink.received.find((r) => r.rcptTo.includes(`tom1${D}`));
    expect(received?.parsed.text).toMatch(/https:\/\/cascade\.un\.example\.org\/p\/[A-Za-z0-9_-]{20,}/);
  });
});
