import { MailRenderer, TEMPLATES_DIR } from '@cascade/mail';
import { JobName, OutboxMessage, type SendMailPayload } from '@cascade/scheduling';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { Timer } from '../timers/timer.entity';
import { TimerFiringService } from '../timers/timer-firing.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { MailComposer } from './mail-composer.service';
import { mailSettingsOf } from './mail-settings';

const ADMIN = 'admin@test';
const YEAR = 2026;

/**
 * A mail says what was true at its cause (issue 18, point 5): a reminder decided by its timer and composed two
 * days later, by a worker behind on its queue or after a simulation moved on, still counts the days from the
 * timer's instant and is dated by it.
 */
describe.each(testDrivers())('a mail composed late, as of its cause (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-10-01T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    await new EntityImportService(orm.em, clock).importJson(
      [
        {
          code: 'LATE',
          name: 'Office of Late Mail',
          kind: 'office',
          dutyStation: 'Geneva',
          timeZone: 'Europe/Zurich',
          language: 'en',
          focalPoints: [{ name: 'Fay Point', email: 'fay@late.example.org', language: 'en' }],
        },
      ],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('counts the days left from the reminder’s timer, not from when a worker composes it', async () => {
    const { orm, clock, registry } = db;
    const reminder = await orm.em
      .fork()
      .findOneOrFail(Timer, { kind: 'reminder', status: 'pending' }, { orderBy: { dueAt: 'asc' } });
    clock.set(reminder.dueAt);
    await new TimerFiringService(orm.em, clock, registry).fire(reminder.key);
    const decided = await orm.em
      .fork()
      .findOneOrFail(OutboxMessage, { idempotencyKey: `mail.timer.${reminder.key}` });
    expect(decided.job).toBe(JobName.SendMail);
    const payload = decided.payload as unknown as SendMailPayload;
    expect(payload.at).toBe(reminder.dueAt.toISOString());

    // The worker gets to it two days later.
    clock.set(new Date(reminder.dueAt.getTime() + 2 * 86_400_000));
    const composer = new MailComposer(
      orm.em,
      clock,
      MailRenderer.fromDirectory(TEMPLATES_DIR),
      mailSettingsOf({
        ethicsOffice: 'Ethics Office <ethics@un.test>',
        from: undefined,
        publicUrl: 'http://x.test',
      }),
      registry,
    );
    const [mail] = await composer.compose(payload, decided.idempotencyKey);
    const daysBefore = reminder.timerId.replace('reminder-', '');
    expect(mail.subject).toContain(`due in ${daysBefore} days`);
    expect(mail.createdAt.toISOString()).toBe(reminder.dueAt.toISOString());
  });
});
