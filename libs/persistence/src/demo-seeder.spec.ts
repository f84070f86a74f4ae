import { Dialogue, FocalPoint, OrgEntity } from '@cascade/dialogue';
import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { seedDemo } from './demo-seeder';

describe.each(testDrivers())('seedDemo (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver);
  });

  afterAll(() => db.close());

  it('seeds the real entity list with a Focal Point each and the year’s dialogue, once', async () => {
    expect(await seedDemo(db.orm, db.registry, { year: 2026, clock: db.clock })).toEqual({
      created: true,
      entities: 58,
    });
    const em = db.orm.em.fork();
    expect(await em.count(OrgEntity, {})).toBe(58);
    expect(await em.count(FocalPoint, {})).toBe(58);
    const kabul = await em.findOneOrFail(OrgEntity, { code: 'UNAMA' });
    expect(kabul.timeZone).toBe('Asia/Kabul');
    const dialogue = await em.findOneOrFail(Dialogue, { year: 2026 });
    expect(dialogue).toMatchObject({
      statisticsDeadline: '2026-12-31',
      reportCutoff: '2027-02-28',
      launchedAt: null,
    });
    expect(dialogue.topic.fr).toContain('réseaux sociaux');

    expect(await seedDemo(db.orm, db.registry, { year: 2026, clock: db.clock })).toEqual({
      created: false,
      entities: 0,
    });
    expect(await db.orm.em.fork().count(OrgEntity, {})).toBe(58);
  });
});
