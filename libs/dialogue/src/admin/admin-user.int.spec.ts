import { LockMode, type MikroORM } from '@mikro-orm/core';
import { openTestOrm, testDrivers, type TestOrm } from '@cascade/testing';
import { AuditEvent } from '../audit/audit-event.entity';
import { Conflict, NotFound, ValidationFailed } from '../shared/errors';
import { AdminUser } from './admin-user.entity';
import { AdminUserService, consoleActor, LastActiveAdmin } from './admin-user.service';

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
      ['system: cli admin:create', { email: 'alice@un.org', role: 'admin', language: 'en' }],
    ]);
    expect(row.language).toBe('en');
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
      accounts
        .create(
          { email: 'bob@un.org', password: 'long enough password', role: 'viewer', language: 'de' },
          'test',
        )
        .catch((e: ValidationFailed) => e.issues.map((i) => [i.field, i.code])),
    ).resolves.toEqual([['language', 'one-of']]);
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
    expect(identity).toMatchObject({ email: 'alice@un.org', role: 'admin', language: 'en' });
    const logins = await db.orm.em.fork().find(AuditEvent, { event: 'admin-login' });
    expect(logins.map((l) => l.actor)).toEqual([consoleActor({ email: 'alice@un.org' })]);
    expect((await db.orm.em.fork().findOneOrFail(AdminUser, identity.id)).lastLoginAt).not.toBeNull();
    expect(await accounts.identity(identity.id)).toEqual(identity);
    expect(await accounts.count()).toBe(1);
  });

  describe('AdminUser language', () => {
    const BY = consoleActor({ email: 'admin@un.org' });
    const audit = async (event: string) =>
      (await db.orm.em.fork().find(AuditEvent, { event }, { orderBy: { id: 'asc' } })).map((a) => [
        a.actor,
        a.details,
      ]);

    it('set at creation, changed by an admin or the account itself, audited; the sessions stay', async () => {
      const francoise = await accounts.create(
        { email: 'francoise@un.org', password: 'une phrase de passe', role: 'viewer', language: 'fr' },
        BY,
      );
      expect(await accounts.identity(francoise.id)).toMatchObject({ role: 'viewer', language: 'fr' });
      expect(await accounts.authenticate('francoise@un.org', 'une phrase de passe')).toMatchObject({
        language: 'fr',
      });
      // The account itself switches to English: a change of language takes no right away, so sessions stay.
      const SELF = consoleActor({ email: 'francoise@un.org' });
      const change = await accounts.changeLanguage(francoise.id, 'en', SELF);
      expect([change.changed, change.endSessions, change.user.language]).toEqual([true, false, 'en']);
      expect(await accounts.identity(francoise.id)).toMatchObject({ language: 'en' });
      expect((await accounts.changeLanguage(francoise.id, 'en', SELF)).changed).toBe(false);
      await accounts.changeLanguage(francoise.id, 'fr', BY);
      await expect(accounts.changeLanguage(francoise.id, 'es', BY)).rejects.toThrow(ValidationFailed);
      await expect(accounts.changeLanguage(9999, 'fr', BY)).rejects.toThrow(NotFound);
      expect(await audit('change-admin-language')).toEqual([
        [SELF, { email: 'francoise@un.org', from: 'fr', to: 'en' }],
        [BY, { email: 'francoise@un.org', from: 'en', to: 'fr' }],
      ]);
      expect((await db.orm.em.fork().findOneOrFail(AdminUser, francoise.id)).language).toBe('fr');
    });
  });

  describe('managed from the console', () => {
    const BY = consoleActor({ email: 'alice@un.org' });
    let alice: number;
    let victor: number;
    const audit = async (event: string) =>
      (await db.orm.em.fork().find(AuditEvent, { event }, { orderBy: { id: 'asc' } })).map((a) => [
        a.actor,
        a.details,
      ]);

    beforeAll(async () => {
      alice = (await db.orm.em.fork().findOneOrFail(AdminUser, { email: 'alice@un.org' })).id;
      victor = (
        await accounts.create(
          { email: 'victor@un.org', password: 'victor long password', role: 'viewer' },
          BY,
        )
      ).id;
    });

    it('refuses to demote or disable the last active admin, and changes nothing', async () => {
      await expect(accounts.changeRole(alice, 'viewer', BY)).rejects.toThrow(LastActiveAdmin);
      await expect(accounts.setDisabled(alice, true, BY)).rejects.toThrow(LastActiveAdmin);
      expect(await accounts.identity(alice)).toMatchObject({ role: 'admin' });
      expect(await audit('change-admin-role')).toEqual([]);
      expect(await audit('disable-admin-user')).toEqual([]);
      await expect(accounts.changeRole(alice, 'root', BY)).rejects.toThrow(ValidationFailed);
      await expect(accounts.changeRole(9999, 'viewer', BY)).rejects.toThrow(NotFound);
    });

    it('changes a role, audited with who did it; the same role again changes nothing', async () => {
      expect((await accounts.changeRole(victor, 'admin', BY)).endSessions).toBe(true);
      expect(await accounts.identity(victor)).toMatchObject({ role: 'admin' });
      expect((await accounts.changeRole(victor, 'admin', BY)).endSessions).toBe(false);
      // With two active admins, Alice may step down; then Victor is the last one.
      await accounts.changeRole(alice, 'viewer', BY);
      await expect(accounts.setDisabled(victor, true, BY)).rejects.toThrow(LastActiveAdmin);
      await accounts.changeRole(alice, 'admin', BY);
      expect(await audit('change-admin-role')).toEqual([
        [BY, { email: 'victor@un.org', from: 'viewer', to: 'admin' }],
        [BY, { email: 'alice@un.org', from: 'admin', to: 'viewer' }],
        [BY, { email: 'alice@un.org', from: 'viewer', to: 'admin' }],
      ]);
    });

    it('lets only one of two admins demoting each other at the same moment succeed', async () => {
      // On PostgreSQL another connection holds the admins' rows while both changes start, so that both read
      // them before either writes: without the service's row locks, both would see the other as the remaining
      // admin. (SQLite's write transactions run one at a time; its busy wait would also block this process.)
      let release = (): void => undefined;
      let holder: Promise<void> = Promise.resolve();
      let other: MikroORM | undefined;
      if (driver === 'postgresql') {
        other = await db.openAnother();
        const released = new Promise<void>((resolve) => (release = resolve));
        let holding = (): void => undefined;
        const held = new Promise<void>((resolve) => (holding = resolve));
        holder = other.em.fork().transactional(async (em) => {
          await em.find(AdminUser, { role: 'admin' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          holding();
          await released;
        });
        await held;
      }
      const attempts = [accounts.changeRole(alice, 'viewer', BY), accounts.changeRole(victor, 'viewer', BY)];
      if (other) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        release();
        await holder;
        await other.close(true);
      }
      const results = await Promise.allSettled(attempts);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(LastActiveAdmin);
      const admins = await db.orm.em.fork().count(AdminUser, { role: 'admin', disabledAt: null });
      expect(admins).toBe(1);
      await accounts.changeRole(alice, 'admin', BY);
      await accounts.changeRole(victor, 'viewer', BY);
    });

    it('a disabled account cannot log in and has no identity; enabled again, it can', async () => {
      expect((await accounts.setDisabled(victor, true, BY)).endSessions).toBe(true);
      expect(await accounts.authenticate('victor@un.org', 'victor long password')).toBeNull();
      expect(await accounts.identity(victor)).toBeNull();
      expect((await accounts.setDisabled(victor, true, BY)).endSessions).toBe(false);
      await accounts.setDisabled(victor, false, BY);
      expect(await accounts.authenticate('victor@un.org', 'victor long password')).toMatchObject({
        id: victor,
        role: 'viewer',
      });
      expect(await audit('disable-admin-user')).toEqual([[BY, { email: 'victor@un.org', role: 'viewer' }]]);
      expect(await audit('enable-admin-user')).toEqual([[BY, { email: 'victor@un.org', role: 'viewer' }]]);
    });

    it('resets a password: hashed, the old one refused, never in the audit trail', async () => {
      await expect(accounts.resetPassword(victor, 'short', BY)).rejects.toThrow(ValidationFailed);
      expect((await accounts.resetPassword(victor, 'a brand new passphrase', BY)).endSessions).toBe(true);
      expect(await accounts.authenticate('victor@un.org', 'victor long password')).toBeNull();
      expect(await accounts.authenticate('victor@un.org', 'a brand new passphrase')).not.toBeNull();
      const row = await db.orm.em.fork().findOneOrFail(AdminUser, victor);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await audit('reset-admin-password')).toEqual([[BY, { email: 'victor@un.org' }]]);
      const everything = JSON.stringify(await db.orm.em.fork().find(AuditEvent, {}));
      expect(everything).not.toContain('a brand new passphrase');
      expect(everything).not.toContain('argon2');
    });
  });
});
