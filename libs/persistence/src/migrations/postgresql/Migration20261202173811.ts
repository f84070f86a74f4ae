import { Migration } from '@mikro-orm/migrations';

export class Migration20261202173811 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "entity_workflow" add column "events_recorded" int not null default 0;`);

    this.addSql(`create index "timer_unsynced_id_index" on "timer" ("id") where "synced" = false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "entity_workflow" drop column "events_recorded";`);

    this.addSql(`drop index "timer_unsynced_id_index";`);
  }
}
