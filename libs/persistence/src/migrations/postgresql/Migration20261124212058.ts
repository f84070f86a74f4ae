import { Migration } from '@mikro-orm/migrations';

export class Migration20261124212058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "admin_user" ("id" serial primary key, "email" varchar(254) not null, "password_hash" varchar(200) not null, "role" varchar(20) not null, "created_at" timestamptz not null, "last_login_at" timestamptz null);`,
    );
    this.addSql(`alter table "admin_user" add constraint "admin_user_email_unique" unique ("email");`);

    this.addSql(`create index "entity_duty_station_index" on "entity" ("duty_station");`);

    this.addSql(
      `create index "entity_workflow_dialogue_id_escalation_level_index" on "entity_workflow" ("dialogue_id", "escalation_level");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "admin_user" cascade;`);

    this.addSql(`drop index "entity_duty_station_index";`);

    this.addSql(`drop index "entity_workflow_dialogue_id_escalation_level_index";`);
  }
}
