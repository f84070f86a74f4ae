import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '@cascade/clock';
import { Conflict, NotFound, ValidationFailed } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import {
  ADMIN_ROLES,
  AdminUser,
  CONSOLE_LANGUAGES,
  type AdminRole,
  type ConsoleLanguage,
} from './admin-user.entity';

export const MIN_PASSWORD_LENGTH = 12;

export interface NewAdminUser {
  email: string;
  password: string;
  role: string;
  /** `en` (the default) or `fr`. */
  language?: string;
}

/** What the console keeps of a logged-in person (in the session, and as the audit trail's actor). */
export interface ConsoleIdentity {
  id: number;
  email: string;
  role: AdminRole;
  /** The language the console speaks to the person. */
  language: ConsoleLanguage;
}

/** The audit trail's name for a person acting in the console. */
export const consoleActor = (identity: { email: string }): Actor => `admin: ${identity.email}`;

export const isAdminRole = (value: unknown): value is AdminRole =>
  typeof value === 'string' && (ADMIN_ROLES as readonly string[]).includes(value);

export const isConsoleLanguage = (value: unknown): value is ConsoleLanguage =>
  typeof value === 'string' && (CONSOLE_LANGUAGES as readonly string[]).includes(value);

const identityOf = (user: AdminUser): ConsoleIdentity => ({
  id: user.id,
  email: user.email,
  role: user.role,
  language: user.language,
});

const oneOf = (field: string, values: readonly string[]) => ({
  field,
  code: 'one-of' as const,
  message: `must be one of ${values.join(', ')}`,
  params: { values: values.join(', ') },
});

/** The change would leave the console without an active admin, so nobody could manage accounts any more. */
export class LastActiveAdmin extends Conflict {
  constructor(email: string) {
    super(`${email} is the last active admin: make another account admin first`, 'last-active-admin', {
      email,
    });
  }
}

/** What an account change did, for the caller (e.g. to end the account's sessions). */
export interface AccountChange {
  user: AdminUser;
  /** The account lost rights or its password changed: its open sessions must end. */
  endSessions: boolean;
  /** Something changed (and was audited). */
  changed: boolean;
}

/** What an account change did to the row, for its audit row; `keepSessions` when it takes no right away. */
interface Applied {
  event: string;
  details: Record<string, unknown>;
  keepSessions?: boolean;
}

/**
 * Console accounts: created from the command line (the first one) or by an admin in the console, and checked at
 * login. Passwords are hashed with argon2id (@node-rs/argon2's defaults: 19 MiB, 2 passes), never stored or
 * logged as such. Admins change roles, disable and enable accounts and reset passwords; every change is one
 * transaction with its audit row, and none may leave the console without an active admin.
 */
@Injectable()
export class AdminUserService {
  /** A hash to verify against when the address is unknown, so that both answers take as long. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAdminUser, actor: Actor): Promise<AdminUser> {
    const check = new FieldChecks();
    check.email('email', input.email);
    checkPassword(check, input.password);
    if (!isAdminRole(input.role))
      check.fail('role', 'one-of', `must be one of ${ADMIN_ROLES.join(', ')}`, {
        values: ADMIN_ROLES.join(', '),
      });
    const language = input.language || 'en';
    if (!isConsoleLanguage(language))
      check.fail('language', 'one-of', `must be one of ${CONSOLE_LANGUAGES.join(', ')}`, {
        values: CONSOLE_LANGUAGES.join(', '),
      });
    check.throwIfAny();
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hash(input.password);
    try {
      return await this.em.fork().transactional(async (em) => {
        if (await em.count(AdminUser, { email }))
          throw new Conflict(`an account for ${email} already exists`, 'account-exists', { email });
        const now = this.clock.now();
        const user = em.create(AdminUser, {
          email,
          passwordHash,
          role: input.role as AdminRole,
          language: language as ConsoleLanguage,
          createdAt: now,
          lastLoginAt: null,
        });
        em.persist(user);
        em.persist(
          em.create(AuditEvent, {
            actor,
            at: now,
            event: 'create-admin-user',
            details: { email, role: input.role, language },
          }),
        );
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new Conflict(`an account for ${email} already exists`, 'account-exists', { email });
      }
      throw error;
    }
  }

  /**
   * The account when the password matches and the account is active (its login audited), else null; as slow
   * either way.
   */
  async authenticate(email: unknown, password: unknown): Promise<ConsoleIdentity | null> {
    if (typeof email !== 'string' || typeof password !== 'string' || password.length > 200) return null;
    const em = this.em.fork();
    const user = await em.findOne(AdminUser, { email: email.trim().toLowerCase() });
    if (!user) {
      this.dummyHash ??= hash('not a password of anyone');
      await verify(await this.dummyHash, password).catch(() => false);
      return null;
    }
    if (!(await verify(user.passwordHash, password).catch(() => false))) return null;
    if (user.disabledAt) return null;
    const now = this.clock.now();
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(AdminUser, { id: user.id }, { lastLoginAt: now });
      tx.persist(
        tx.create(AuditEvent, { actor: consoleActor(user), at: now, event: 'admin-login', details: null }),
      );
    });
    return identityOf(user);
  }

  /**
   * The current role and language of an account (null once it is gone or disabled), so a session follows
   * changes.
   */
  async identity(id: number): Promise<ConsoleIdentity | null> {
    const user = await this.em.fork().findOne(AdminUser, id);
    return user && !user.disabledAt ? identityOf(user) : null;
  }

  count(): Promise<number> {
    return this.em.fork().count(AdminUser, {});
  }

  /** Gives an account another role; demoting the last active admin is refused. */
  async changeRole(id: number, role: string, actor: Actor): Promise<AccountChange> {
    if (!isAdminRole(role)) throw new ValidationFailed([oneOf('role', ADMIN_ROLES)]);
    return this.change(id, actor, (user, activeAdmins) => {
      const from = user.role;
      if (from === role) return null;
      if (from === 'admin' && !user.disabledAt) keepAnActiveAdmin(user, activeAdmins);
      user.role = role;
      return { event: 'change-admin-role', details: { email: user.email, from, to: role } };
    });
  }

  /**
   * The language the console speaks to an account, set by an admin or by the account itself (`actor` says
   * which). Its sessions stay: they take the new language at their next identity refresh, the account's own
   * session at once.
   */
  async changeLanguage(id: number, language: string, actor: Actor): Promise<AccountChange> {
    if (!isConsoleLanguage(language)) throw new ValidationFailed([oneOf('language', CONSOLE_LANGUAGES)]);
    return this.change(id, actor, (user) => {
      const from = user.language;
      if (from === language) return null;
      user.language = language;
      return {
        event: 'change-admin-language',
        details: { email: user.email, from, to: language },
        keepSessions: true,
      };
    });
  }

  /** Disables (or enables again) an account; disabling the last active admin is refused. */
  async setDisabled(id: number, disabled: boolean, actor: Actor): Promise<AccountChange> {
    return this.change(id, actor, (user, activeAdmins, now) => {
      if (!!user.disabledAt === disabled) return null;
      if (disabled && user.role === 'admin') keepAnActiveAdmin(user, activeAdmins);
      user.disabledAt = disabled ? now : null;
      return {
        event: disabled ? 'disable-admin-user' : 'enable-admin-user',
        details: { email: user.email, role: user.role },
      };
    });
  }

  /** Sets a new password (hashed like at creation); the account's open sessions must end. */
  async resetPassword(id: number, password: string, actor: Actor): Promise<AccountChange> {
    const check = new FieldChecks();
    checkPassword(check, password);
    check.throwIfAny();
    const passwordHash = await hash(password);
    return this.change(id, actor, (user) => {
      user.passwordHash = passwordHash;
      return { event: 'reset-admin-password', details: { email: user.email } };
    });
  }

  /**
   * One account change in one transaction with its audit row; `apply` returns null when nothing changes (no
   * audit row then, and the sessions stay). The active admins' rows are locked first, always in the same order
   * (PostgreSQL; SQLite's write transactions run one at a time anyway), so account changes run one after the
   * other and two admins demoting each other at the same moment cannot both succeed.
   */
  private async change(
    id: number,
    actor: Actor,
    apply: (user: AdminUser, activeAdmins: AdminUser[], now: Date) => Applied | null,
  ): Promise<AccountChange> {
    return this.em.fork().transactional(async (em) => {
      const activeAdmins = await em.find(
        AdminUser,
        { role: 'admin', disabledAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } },
      );
      const user = await em.findOne(AdminUser, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new NotFound('console account', id);
      const now = this.clock.now();
      const done = apply(user, activeAdmins, now);
      if (done)
        em.persist(em.create(AuditEvent, { actor, at: now, event: done.event, details: done.details }));
      return { user, endSessions: done !== null && !done.keepSessions, changed: done !== null };
    });
  }
}

/** Refuses to take the admin role from `user` when no other active admin would remain. */
function keepAnActiveAdmin(user: AdminUser, activeAdmins: AdminUser[]): void {
  if (!activeAdmins.some((a) => a.id !== user.id)) throw new LastActiveAdmin(user.email);
}

/** At least MIN_PASSWORD_LENGTH characters (and at most 200, which argon2 is given). */
function checkPassword(check: FieldChecks, password: unknown): void {
  if (check.text('password', password, { max: 200 }) && (password as string).length < MIN_PASSWORD_LENGTH) {
    check.fail('password', 'password-too-short', `must be at least ${MIN_PASSWORD_LENGTH} characters`, {
      min: MIN_PASSWORD_LENGTH,
    });
  }
}
