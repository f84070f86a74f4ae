import { AuditEvent, Dialogue, FocalPoint, OrgEntity, OrgTreeService, Person } from '@cascade/dialogue';
import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { generateEntityListTrees } from './demo-entities';
import { seedDemo } from './demo-seeder';

describe.each(testDrivers())('seedDemo (%s)', (driver) => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await openTestOrm(driver);
  });

  afterAll(() => db.close());

  it('seeds the real entity list with a Focal Point and a reporting tree each and the year’s dialogue, once', async () => {
    const trees = generateEntityListTrees();
    const staff = trees.reduce((sum, tree) => sum + tree.people.length, 0);
    expect(await seedDemo(db.orm, db.registry, { year: 2026, clock: db.clock })).toEqual({
      created: true,
      entities: 58,
      people: staff,
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

    // Every entity's tree, its people as many as its staff, its Head the entity's Head of Entity.
    expect(await em.count(Person, {})).toBe(staff);
    for (const tree of trees) {
      const entity = await em.findOneOrFail(OrgEntity, { code: tree.code });
      expect(await em.count(Person, { entity })).toBe(entity.staff);
      const head = await em.findOneOrFail(Person, { entity, managerEmail: null });
      expect({ name: entity.headName, email: entity.headEmail }).toEqual({
        name: head.name,
        email: head.email,
      });
    }
    expect(await em.count(AuditEvent, { event: 'import-org-tree', entityCode: { $ne: null } })).toBe(58);

    expect(await seedDemo(db.orm, db.registry, { year: 2026, clock: db.clock })).toEqual({
      created: false,
      entities: 0,
      people: 0,
    });
    expect(await db.orm.em.fork().count(OrgEntity, {})).toBe(58);
  }, 120_000);

  it('seeding another year keeps the trees the entities have (and their Heads), generating none', async () => {
    const tree = new OrgTreeService(db.orm.em, db.clock, db.registry);
    const own =
      'name,email,manager_email\nRosa Head,rosa@eosg.example.org,\nAnn Lee,ann@eosg.example.org,rosa@eosg.example.org\n';
    await tree.importEntityCsv('EOSG', own, 'test');
    await db.orm.em
      .fork()
      .nativeUpdate(
        OrgEntity,
        { code: 'EOSG' },
        { headName: 'Rosa Head', headEmail: 'rosa@eosg.example.org' },
      );
    const before = await db.orm.em.fork().count(Person, {});

    expect(await seedDemo(db.orm, db.registry, { year: 2027, clock: db.clock })).toEqual({
      created: true,
      entities: 58,
      people: 0,
    });
    const em = db.orm.em.fork();
    expect(await em.count(Person, {})).toBe(before);
    expect(await em.find(Person, { entity: { code: 'EOSG' } }, { orderBy: { email: 'asc' } })).toMatchObject([
      { email: 'ann@eosg.example.org', managerEmail: 'rosa@eosg.example.org' },
      { email: 'rosa@eosg.example.org', managerEmail: null },
    ]);
    expect(await em.findOneOrFail(OrgEntity, { code: 'EOSG' })).toMatchObject({
      headName: 'Rosa Head',
      headEmail: 'rosa@eosg.example.org',
    });
  }, 120_000);
});
