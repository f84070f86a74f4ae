import { Migration } from '@mikro-orm/migrations';

export class Migration20261204053509 extends Migration {
  override async up(): Promise<void> {
    // A timer whose dialogue or instance is gone could never fire (its firing finds no instance and fails for
    // good) and would stop the constraint from being added; every other row is kept as it is.
    this.addSql(`delete from "timer" where "dialogue_id" not in (select "id" from "dialogue");`);
    this.addSql(
      `delete from "timer" where "workflow_id" is not null and "workflow_id" not in (select "id" from "entity_workflow");`,
    );
    this.addSql(
      `alter table "timer" add constraint "timer_dialogue_id_foreign" foreign key ("dialogue_id") references "dialogue" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "timer" add constraint "timer_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "timer" drop constraint "timer_dialogue_id_foreign";`);
    this.addSql(`alter table "timer" drop constraint "timer_workflow_id_foreign";`);
  }
}
