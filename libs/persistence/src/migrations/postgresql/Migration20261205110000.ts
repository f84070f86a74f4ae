import { Migration } from '@mikro-orm/migrations';

/**
 * Each entity may have its official names in the other languages (issue 21, point 6): `{"fr": …, "es": …}`.
 * Existing entities have none (null): their readers get the English name until an import gives them.
 */
export class Migration20261205110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "entity" add column "names" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "entity" drop column "names";`);
  }
}
