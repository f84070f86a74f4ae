import { Migration } from '@mikro-orm/migrations';

/**
 * Each link remembers the link it was made from (issue 22: revoking a link can revoke the links made from it).
 * Links made before this migration have none: their maker stays named in `created_by` only.
 */
export class Migration20261204092431 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "access_token" add column "issued_from_id" int null;`);
    this.addSql(
      `alter table "access_token" add constraint "access_token_issued_from_id_foreign" foreign key ("issued_from_id") references "access_token" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "access_token_issued_from_id_index" on "access_token" ("issued_from_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "access_token" drop constraint "access_token_issued_from_id_foreign";`);

    this.addSql(`drop index "access_token_issued_from_id_index";`);
    this.addSql(`alter table "access_token" drop column "issued_from_id";`);
  }
}
