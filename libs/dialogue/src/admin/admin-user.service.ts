import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { AuditEvent } from '../audit/audit-event.entity';
import type { Actor } from '../shared/actor';
import { Clock } from '../shared/clock';
import { Conflict } from '../shared/errors';
import { FieldChecks } from '../shared/field-checks';
import { ADMIN_ROLES, AdminUser, type AdminRole } from './admin-user.entity';

export const MIN_PASSWORD_LENGTH = 12;

export interface NewAdminUser {
  email: string;
  password: string;
  role: string;
}

/** What the console keeps of a logged-in person (in the session, and as the audit trail's actor). */
export interface ConsoleIdentity {
  id: number;
  email: string;
  role: AdminRole;
}

/** The audit trail's name for a person acting in the console. */
export const consoleActor = (identity: { email: string }): Actor => `admin: ${identity.email}`;

export const isAdminRole = (value: unknown): value is AdminRole =>
  typeof value === 'string' && (ADMIN_ROLES as readonly string[]).includes(value);

/**
 * Console accounts: created from the command line (the first one) and checked at login. Passwords are hashed
 * with argon2id (@node-rs/argon2's defaults: 19 MiB, 2 passes), never stored or logged as such.
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
    if (check.text('password', input.password, { max: 200 }) && input.password.length < MIN_PASSWORD_LENGTH) {
      check.fail('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    if (!isAdminRole(input.role)) check.fail('role', `must be one of ${ADMIN_ROLES.join(', ')}`);
    check.throwIfAny();
    const email = input.email.trim().toLowerCase();
    const passwordHash = await hash(input.password);
    try {
      return await this.em.fork().transactional(async (em) => {
        if (await em.count(AdminUser, { email }))
          throw new Conflict(`an account for ${email} already exists`);
        const now = this.clock.now();
        const user = em.create(AdminUser, {
          email,
          passwordHash,
          role: input.role as AdminRole,
          createdAt: now,
          lastLoginAt: null,
        });
        em.persist(user);
        em.persist(
          em.create(AuditEvent, {
            actor,
            at: now,
            event: 'create-admin-user',
            details: { email, role: input.role },
          }),
        );
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new Conflict(`an account for ${email} already exists`);
      }
      throw error;
    }
  }

  /** The account when the password matches (its login audited), else null; as slow either way. */
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
    const now = this.clock.now();
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(AdminUser, { id: user.id }, { lastLoginAt: now });
      tx.persist(
        tx.create(AuditEvent, { actor: consoleActor(user), at: now, event: 'admin-login', details: null }),
      );
    });
    return { id: user.id, email: user.email, role: user.role };
  }

  /** The current role of an account (null once it is gone), so a session follows changes at once. */
  async identity(id: number): Promise<ConsoleIdentity | null> {
    const user = await this.em.fork().findOne(AdminUser, id);
    return user ? { id: user.id, email: user.email, role: user.role } : null;
  }

  count(): Promise<number> {
    return this.em.fork().count(AdminUser, {});
  }
}
