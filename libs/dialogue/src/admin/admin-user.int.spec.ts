import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { Conflict, ValidationFailed } from '../shared/errors';
import { AdminUser } from './admin-user.entity';
import { AdminUserService, consoleActor } from './admin-user.service';

describe.each(testDrivers())('console accounts (%s)', (driver) => {
  let db: TestOrm;
  let accounts: AdminUserService;

  beforeAll(async () => {
    db = await openTestOrm(driver);
    accounts = new AdminUserService(db.orm.em, db.clock);
  });

  afterAll(() => db?.close());

  it('keeps an argon2id hash, never the password, and audits the creation', async () => {
    const user = await accounts.create(
      { email: 'Alice@UN.org', password: 'correct horse battery', role: 'admin' },
      'system: cli admin:create',
    );
    expect(user.email).toBe('alice@un.org');
    const row = await db.orm.em.fork().findOneOrFail(AdminUser, user.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct horse');
    const audit = await db.orm.em.fork().find(AuditEvent, { event: 'create-admin-user' });
    expect(audit.map((a) => [a.actor, a.details])).toEqual([
      ['system: cli admin:create', { email: 'alice@un.org', role: 'admin' }],
    ]);
  });

  it('refuses a short password, an unknown role, a bad address and a second account for an address', async () => {
    await expect(accounts.create({ email: 'bob', password: 'short', role: 'root' }, 'test')).rejects.toThrow(
      ValidationFailed,
    );
    await expect(
      accounts
        .create({ email: 'bob', password: 'short', role: 'root' }, 'test')
        .catch((e: ValidationFailed) => e.issues.map((i) => i.field)),
    ).resolves.toEqual(['email', 'password', 'role']);
    await expect(
      accounts.create({ email: 'alice@un.org', password: 'another long password', role: 'viewer' }, 'test'),
    ).rejects.toThrow(Conflict);
  });

  it('authenticates with the right password only, and audits the login under the person’s name', async () => {
    expect(await accounts.authenticate('alice@un.org', 'wrong password here')).toBeNull();
    expect(await accounts.authenticate('nobody@un.org', 'correct horse battery')).toBeNull();
    expect(await accounts.authenticate(undefined, undefined)).toBeNull();
    const identity = await accounts.authenticate(' ALICE@un.org ', 'correct horse battery');
    if (!identity) throw new Error('the right password was refused');
    expect(identity).toMatchObject({ email: 'alice@un.org', role: 'admin' });
    const logins = await db.orm.em.fork().find(AuditEvent, { event: 'admin-login' });
    expect(logins.map((l) => l.actor)).toEqual([consoleActor({ email: 'alice@un.org' })]);
    expect((await db.orm.em.fork().findOneOrFail(AdminUser, identity.id)).lastLoginAt).not.toBeNull();
    expect(await accounts.identity(identity.id)).toEqual(identity);
    expect(await accounts.count()).toBe(1);
  });
});
