/**
 * How long compiling the report takes for the 58 real entities and for 10,000 synthetic ones (generated from the
 * real list: kinds, zones and languages cycled), beside a raw baseline measured in the same run: one SQL query
 * reading the same rows (instances, entities and the latest statistics) without compiling anything.
 * Run: npm run bench:report (PostgreSQL and SQLite, like the tests: TEST_DATABASES narrows it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  DialogueService,
  EntityImportService,
  InvitationService,
  ReportService,
  StatisticsSubmission,
  EntityWorkflow,
} from '@cascade/dialogue';
import { openTestOrm, sampleDialogueInput, testDrivers, type TestDriver } from '@cascade/testing';

const REAL = parse(
  fs.readFileSync(path.resolve(__dirname, '../../libs/persistence/seed/entities.csv'), 'utf8'),
  {
    columns: true,
  },
) as Record<string, string>[];

function synthetic(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const model = REAL[i % REAL.length];
    return {
      code: n === REAL.length ? model['code'] : `E${String(i).padStart(5, '0')}`,
      name: `${model['name']} (${i})`,
      kind: model['kind'],
      dutyStation: model['duty_station'],
      timeZone: model['timezone'],
      language: model['language'],
    };
  });
}

async function measure(driver: TestDriver, n: number) {
  const db = await openTestOrm(driver, new Date('2026-10-30T12:00:00Z'));
  try {
    const { orm, clock, registry } = db;
    const dialogues = new DialogueService(orm.em, clock, registry);
    const dialogue = await dialogues.create(sampleDialogueInput(2026), 'bench');
    await new EntityImportService(orm.em, clock).importJson(synthetic(n), 'bench');
    await dialogues.launch(2026, 'bench');
    await new InvitationService(orm.em, clock, registry).inviteAll(dialogue.id, 'bench', 1000);
    // 70 % submitted, written directly: the bench measures compiling, not submitting.
    const em = orm.em.fork();
    const instances = await em.find(EntityWorkflow, { dialogue }, { fields: ['id'] });
    for (const [i, instance] of instances.entries()) {
      if (i % 10 >= 7) continue;
      em.persist(
        em.create(StatisticsSubmission, {
          workflow: em.getReference(EntityWorkflow, instance.id),
          revision: 1,
          eligibleStaff: 100,
          staffParticipated: 70 + (i % 30),
          sessionsHeld: 5,
          managersLed: 4,
          nonStaffParticipants: 1,
          otherAgencyParticipants: {},
          comments: null,
          submittedBy: 'bench',
          submittedAt: new Date('2026-12-15T12:00:00Z'),
          late: false,
        }),
      );
    }
    await em.flush();
    clock.set(new Date('2027-03-01T12:00:00Z'));
    const reports = new ReportService(orm.em, clock, registry);
    const time = async (work: () => Promise<unknown>) => {
      const best = [];
      for (let run = 0; run < 3; run++) {
        const started = process.hrtime.bigint();
        await work();
        best.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return Math.min(...best);
    };
    const cascade = await time(() => reports.draft(2026));
    const raw = await time(() =>
      orm.em
        .fork()
        .getConnection()
        .execute(
          `select w.id, w.state, w.deadline, w.extended_deadline, e.code, e.name, e.kind, e.time_zone,
                  s.eligible_staff, s.staff_participated, s.sessions_held, s.managers_led, s.non_staff_participants
           from entity_workflow w join entity e on e.id = w.entity_id
           left join statistics s on s.workflow_id = w.id
           where w.dialogue_id = ?`,
          [dialogue.id],
        ),
    );
    return { driver, entities: n, cascadeMs: cascade, rawMs: raw };
  } finally {
    await db.close();
  }
}

async function main() {
  const rows = [];
  for (const driver of testDrivers()) {
    for (const n of [REAL.length, 1000, 10_000]) rows.push(await measure(driver, n));
  }
  console.log('report compile (draft: read + compile), best of 3, against one raw SELECT of the same rows');
  console.table(
    rows.map((r) => ({
      database: r.driver,
      entities: r.entities,
      'cascade ms': r.cascadeMs.toFixed(1),
      'raw select ms': r.rawMs.toFixed(1),
      ratio: (r.cascadeMs / r.rawMs).toFixed(1),
    })),
  );
  fs.mkdirSync(path.resolve(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, 'results/report-compile.json'), JSON.stringify(rows, null, 2));
}

void main();
