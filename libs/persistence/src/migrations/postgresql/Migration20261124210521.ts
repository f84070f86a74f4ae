import { Migration } from '@mikro-orm/migrations';

export class Migration20261124210521 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "statistics" add column "late" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "statistics" drop column "late";`);
  }
}
