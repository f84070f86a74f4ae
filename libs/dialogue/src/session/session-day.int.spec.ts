import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { DialogueService } from '../dialogue/dialogue.service';
import { EntityImportService } from '../entity/entity-import.service';
import { ValidationFailed } from '../shared/errors';
import { EntityWorkflowService } from '../workflow-instance/entity-workflow.service';
import { InvitationService } from '../workflow-instance/invitation.service';
import { SessionRecord } from './session-record.entity';
import { SessionService } from './session.service';

const ADMIN = 'admin@test';
const YEAR = 2026;
// 20:00 UTC on 1 October: already 2 October in Bangkok (UTC+7), still 1 October in New York (UTC-4).
const NOW = new Date('2026-10-01T20:00:00Z');

/** The admin API's session record judges "the future" by the entity's calendar, as the token-link pages do. */
describe.each(testDrivers())('a recorded session’s day, in the entity’s calendar (%s)', (driver) => {
  let db: TestOrm;
  let sessions: SessionService;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-09-15T12:00:00Z'));
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(YEAR), ADMIN);
    const entity = (code: string, timeZone: string, dutyStation: string) => ({
      code,
      name: code,
      kind: 'office',
      dutyStation,
      timeZone,
      language: 'en',
    });
    await new EntityImportService(orm.em, clock).importJson(
      [entity('BKK', 'Asia/Bangkok', 'Bangkok'), entity('NYC', 'America/New_York', 'New York')],
      ADMIN,
    );
    await dialogues.launch(YEAR, ADMIN);
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, ADMIN);
    sessions = new SessionService(new EntityWorkflowService(orm.em, clock, registry));
    clock.set(NOW);
  });

  afterAll(async () => {
    await db?.close();
  });

  const record = (code: string, heldOn: string) =>
    sessions.record(
      YEAR,
      code,
      { leaderEmail: 'lead@un.test', heldOn, language: 'en', participants: 12 },
      ADMIN,
    );

  it('accepts the local today where UTC is still on the day before', async () => {
    const outcome = await record('BKK', '2026-10-02');
    expect(outcome.session.heldOn).toBe('2026-10-02');
  });

  it('refuses a day that has not begun at the entity, naming heldOn, and writes nothing', async () => {
    const error = await record('NYC', '2026-10-02').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailed);
    expect((error as ValidationFailed).issues).toEqual([
      expect.objectContaining({ field: 'heldOn', code: 'future-date' }),
    ]);
    expect(await db.orm.em.fork().count(SessionRecord, { workflow: { entity: { code: 'NYC' } } })).toBe(0);
    expect((await record('NYC', '2026-10-01')).session.heldOn).toBe('2026-10-01');
  });
});
