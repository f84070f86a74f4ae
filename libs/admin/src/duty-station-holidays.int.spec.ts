import {
  AuditEvent,
  DialogueQueryService,
  DialogueService,
  DutyStationHoliday,
  DutyStationHolidaysService,
  EntityImportService,
  PlanPreviewService,
  RecordQueryService,
  type ConsoleIdentity,
} from '@cascade/dialogue';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestOrm } from '@cascade/testing';
import { dialogueActions } from './actions/dialogue.actions';
import { dutyStationHolidayActions } from './actions/duty-station-holiday.actions';
import type { ActionCall, ConsoleActionSpec } from './console-action';
import type { ConsoleQueries, ConsoleServices } from './console-services';
import { translator } from './locale/console-text';

const ENTITIES_CSV = [
  'code,name,kind,duty_station,timezone,language',
  'ESCWA,Economic and Social Commission for Western Asia,commission,Beirut,Asia/Beirut,en',
].join('\n');
const [addHoliday, withdrawHoliday] = dutyStationHolidayActions;
const submit = (spec: ConsoleActionSpec, call: ActionCall) => {
  if (!spec.submit) throw new Error(`${spec.name} has no form to submit`);
  return spec.submit(call);
};

describe.each(testDrivers())('the console’s duty-station holidays (%s)', (driver) => {
  let db: TestOrm;
  let call: (over: Partial<ActionCall>) => ActionCall;

  beforeAll(async () => {
    db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
    await new EntityImportService(db.orm.em, db.clock).importCsv(ENTITIES_CSV, 'admin@test');
    const services = {
      holidays: new DutyStationHolidaysService(db.orm.em, db.clock, db.registry),
    } as unknown as ConsoleServices;
    const queries = { records: new RecordQueryService(db.orm.em) } as unknown as ConsoleQueries;
    call = (over) => ({
      admin: { id: 1, email: 'amelie@un.example.org', role: 'admin' } as unknown as ConsoleIdentity,
      actor: 'admin: amelie@un.example.org',
      recordId: null,
      payload: {},
      query: {},
      services,
      queries,
      language: 'fr',
      t: translator('fr'),
      ...over,
    });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('adds Eid al-Fitr in Beirut from the form, in the account’s language, audited as the person', async () => {
    const form = await addHoliday.show(call({}));
    expect(form.title).toBe('Un jour férié dans un lieu d’affectation');
    expect(form.form?.fields.map((f) => f.name)).toEqual(['dutyStation', 'date', 'effect', 'name', 'reason']);
    const done = await submit(
      addHoliday,
      call({
        payload: {
          dutyStation: 'Beirut',
          date: '2027-03-10',
          effect: 'add',
          name: 'Eid al-Fitr',
          reason: 'Liste des jours fériés de l’ONU, Beyrouth 2027',
        },
      }),
    );
    expect(done.success).toBe('Beirut, 2027-03-10 : enregistré ; 0 entités et 0 responsables replanifiés.');
    const row = await db.orm.em.fork().findOneOrFail(DutyStationHoliday, { dutyStation: 'Beirut' });
    expect(row).toMatchObject({ date: '2027-03-10', name: 'Eid al-Fitr', effect: 'add' });
    const audit = await db.orm.em.fork().findOneOrFail(AuditEvent, { event: 'change-holiday' });
    expect(audit.actor).toBe('admin: amelie@un.example.org');
  });

  it('withdraws it from the record, and says so in English to an English account', async () => {
    const row = await db.orm.em.fork().findOneOrFail(DutyStationHoliday, { dutyStation: 'Beirut' });
    const english = { language: 'en' as const, t: translator('en'), recordId: row.id };
    const screen = await withdrawHoliday.show(call(english));
    expect(screen.facts).toContainEqual(['Name', 'Eid al-Fitr']);
    const done = await submit(withdrawHoliday, call(english));
    expect(done.success).toBe('Beirut, 2027-03-10: withdrawn; 0 entities and 0 managers re-planned.');
    expect(await db.orm.em.fork().count(DutyStationHoliday, {})).toBe(0);
  });

  it('refuses an unknown duty station, naming the field, and writes nothing', async () => {
    await expect(
      submit(
        addHoliday,
        call({
          payload: { dutyStation: 'Atlantis', date: '2027-03-10', effect: 'add', name: 'Eid al-Fitr' },
        }),
      ),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'dutyStation' })] });
    expect(await db.orm.em.fork().count(DutyStationHoliday, {})).toBe(0);
  });
});

describe.each(testDrivers())(
  "the launch preview names a moving holiday in the account's language (%s)",
  (driver) => {
    let db: TestOrm;
    let launchPreview: (language: 'en' | 'fr') => Promise<unknown>;

    beforeAll(async () => {
      db = await openTestOrm(driver, new Date('2026-11-02T12:00:00Z'));
      const { orm, clock, registry } = db;
      await new EntityImportService(orm.em, clock).importCsv(
        [
          'code,name,kind,duty_station,timezone,language',
          'EOSG,Executive Office,office,New York,America/New_York,en',
        ].join('\n'),
        'admin@test',
      );
      const dialogues = new DialogueService(orm.em, clock, registry);
      const dialogue = await dialogues.create(sampleDialogueInput(2026), 'admin@test');
      // Deadline Friday 1 January 2027: the 7-day reminder falls on Christmas Day, moved to Monday 28 December.
      await dialogues.changeDates(
        2026,
        { statisticsDeadline: '2027-01-01', reason: 'holiday test' },
        'admin@test',
      );
      const services = {
        planPreview: new PlanPreviewService(orm.em, clock, registry),
      } as unknown as ConsoleServices;
      const queries = { dialogues: new DialogueQueryService(orm.em) } as unknown as ConsoleQueries;
      const launch = dialogueActions.find((a) => a.name === 'launch') as ConsoleActionSpec;
      launchPreview = (language) =>
        launch.show({
          admin: { id: 1, email: 'amelie@un.example.org', role: 'admin' } as unknown as ConsoleIdentity,
          actor: 'admin: amelie@un.example.org',
          recordId: dialogue.id,
          payload: {},
          query: {},
          services,
          queries,
          language,
          t: translator(language),
        });
    }, 60_000);

    afterAll(async () => {
      await db?.close();
    });

    it('Noël to a French account, Christmas Day to an English one', async () => {
      expect(JSON.stringify(await launchPreview('fr'))).toContain('du 2026-12-25 : Noël, New York');
      expect(JSON.stringify(await launchPreview('en'))).toContain('from 2026-12-25: Christmas Day, New York');
    });
  },
);
