import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export const ADMIN_ROLES = ['admin', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/**
 * The console's languages: English and French, the Secretariat's working languages (the token-link pages and
 * mails speak more; the console is the Ethics Office's own tool). English first: the default.
 */
export const CONSOLE_LANGUAGES = ['en', 'fr'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

/**
 * A person of the Ethics Office who logs in to the console: `admin` acts, `viewer` sees everything and changes
 * nothing. Only a hash of the password is kept (argon2id, with its salt and parameters in the string). Accounts are
 * disabled, never deleted, so the audit trail's names stay meaningful.
 */
@Entity({ tableName: 'admin_user' })
export class AdminUser {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Property({ type: 'string', length: 200, hidden: true })
  passwordHash!: string;

  @Property({ type: 'string', length: 20 })
  role!: AdminRole;

  /** The language the console speaks to this account, from its login on; the account may change it itself. */
  @Property({ type: 'string', length: 5, default: 'en' })
  language: ConsoleLanguage = 'en';

  @Property({ type: 'Date' })
  createdAt!: Date;

  @Property({ type: 'Date', nullable: true })
  lastLoginAt: Date | null = null;

  /** When an admin disabled the account: it cannot log in, and its sessions end. Null while active. */
  @Property({ type: 'Date', nullable: true })
  disabledAt: Date | null = null;
}
