import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { OutboxMessage } from '@cascade/scheduling';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { MailMessage, type MailStatus } from '../mail/mail-message.entity';
import { Timer } from '../timers/timer.entity';
import { InvitationService } from '../workflow-instance/invitation.service';
import { operationsFigures } from './operations-figures';

const ADMIN = 'admin@test';
const YEAR = 2026;

describe.each(testDrivers())('the figures behind the metrics (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      ['ONE', 'TWO'].map((code) => ({
        code,
        name: code,
        kind: 'office',
        dutyStation: 'Geneva',
        timeZone: 'Europe/Zurich',
        language: 'en',
      })),
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    const em = orm.em.fork();
    const mail = (n: number, status: MailStatus, attempts: number) =>
      em.create(MailMessage, {
        key: `test#${n}`,
        source: `test.${n}`,
        dialogue,
        workflow: null,
        entityCode: null,
        template: 'daily-digest',
        language: 'en',
        recipientRole: 'ethics-office',
        recipientName: 'Ethics Office',
        recipientAddress: 'ethics@un.test',
        subject: 'Digest',
        html: '<p>x</p>',
        text: 'x',
        messageId: `<${n}@test>`,
        status,
        attempts,
        lastError: null,
        createdAt: clock.now(),
        sentAt: null,
        timerKey: null,
        resentFrom: null,
        linkSessionId: null,
      });
    mail(1, 'sent', 1);
    mail(2, 'sent', 3);
    mail(3, 'failed', 5);
    await em.flush();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('counts timers by kind and status, those past due, mails by status with their retries, and the outbox lag', async () => {
    const em = db.orm.em.fork();
    const pendingTimers = await em.find(Timer, { status: 'pending' }, { orderBy: { dueAt: 'asc' } });
    expect(pendingTimers.length).toBeGreaterThan(2);
    // Just past the first due time: that timer (not fired, no worker here) is overdue.
    const now = new Date(pendingTimers[0].dueAt.getTime() + 1000);
    const figures = await operationsFigures(db.orm.em, now);

    const pendingOf = (kind: string) =>
      figures.timers.find((t) => t.kind === kind && t.status === 'pending')?.count ?? 0;
    const kinds = [...new Set(pendingTimers.map((t) => t.kind))];
    for (const kind of kinds)
      expect([kind, pendingOf(kind)]).toEqual([kind, pendingTimers.filter((t) => t.kind === kind).length]);
    const overdue = pendingTimers.filter((t) => t.dueAt < now);
    expect(figures.overdueTimers.reduce((sum, t) => sum + t.count, 0)).toBe(overdue.length);
    expect(figures.overdueTimers.find((t) => t.kind === pendingTimers[0].kind)?.count).toBeGreaterThan(0);

    expect(figures.mails).toEqual(
      expect.arrayContaining([
        { status: 'sent', count: 2, retried: 1 },
        { status: 'failed', count: 1, retried: 1 },
      ]),
    );

    const outbox = await em.find(OutboxMessage, { status: 'pending' }, { orderBy: { createdAt: 'asc' } });
    expect(outbox.length).toBeGreaterThan(0);
    expect(figures.outbox.pending).toBe(outbox.length);
    expect(figures.outbox.lagSeconds).toBeCloseTo((now.getTime() - outbox[0].createdAt.getTime()) / 1000, 0);
  });
});
