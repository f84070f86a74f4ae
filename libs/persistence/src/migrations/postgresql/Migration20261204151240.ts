import { Migration } from '@mikro-orm/migrations';

/**
 * Each console account has a language (issue 17): `en`, the default every existing account gets, or `fr`. The
 * console speaks it from the account's login on.
 */
export class Migration20261204151240 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "admin_user" add column "language" varchar(5) not null default 'en';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "admin_user" drop column "language";`);
  }
}
