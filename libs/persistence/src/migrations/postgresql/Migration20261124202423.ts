import { Migration } from '@mikro-orm/migrations';

export class Migration20261124202423 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "simulated_time" ("id" int not null, "now" timestamptz not null, constraint "simulated_time_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "timer" ("id" serial primary key, "key" varchar(200) not null, "dialogue_id" int not null, "workflow_id" int null, "timer_id" varchar(60) not null, "kind" varchar(20) not null, "due_at" timestamptz not null, "local_due_at" varchar(40) not null, "mail" jsonb null, "event" varchar(50) null, "escalation_level" int null, "status" varchar(20) not null default 'pending', "synced" boolean not null default false, "created_at" timestamptz not null, "closed_at" timestamptz null, "outcome" varchar(300) null);`,
    );
    this.addSql(`alter table "timer" add constraint "timer_key_unique" unique ("key");`);
    this.addSql(`create index "timer_synced_id_index" on "timer" ("synced", "id");`);
    this.addSql(
      `create index "timer_dialogue_id_status_due_at_index" on "timer" ("dialogue_id", "status", "due_at");`,
    );
    this.addSql(`create index "timer_workflow_id_status_index" on "timer" ("workflow_id", "status");`);
    this.addSql(`create index "timer_status_due_at_index" on "timer" ("status", "due_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "simulated_time" cascade;`);

    this.addSql(`drop table if exists "timer" cascade;`);
  }
}
