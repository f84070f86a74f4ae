import { Migration } from '@mikro-orm/migrations';

export class Migration20261204092227 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "manager_workflow" ("id" serial primary key, "workflow_id" int not null, "email" varchar(254) not null, "name" varchar(200) not null, "language" varchar(2) not null, "manager_email" varchar(254) null, "direct_reports" int not null default 0, "state" varchar(40) not null, "escalation_level" int not null default 0, "turn_at" timestamptz null, "sessions_led" int not null default 0, "session_starts_at" timestamptz null, "session_minutes" int null, "session_place" varchar(300) null, "session_url" varchar(500) null, "session_language" varchar(2) null, "calendar_sequence" int not null default 0, "excuse_reason" text null, "updated_at" timestamptz not null, "events_recorded" int not null default 0, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "manager_workflow_workflow_id_manager_email_index" on "manager_workflow" ("workflow_id", "manager_email");`,
    );
    this.addSql(
      `create index "manager_workflow_workflow_id_state_index" on "manager_workflow" ("workflow_id", "state");`,
    );
    this.addSql(
      `alter table "manager_workflow" add constraint "manager_workflow_workflow_id_email_unique" unique ("workflow_id", "email");`,
    );

    this.addSql(
      `alter table "manager_workflow" add constraint "manager_workflow_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "dialogue" add column "manager_workflow_id" varchar(100) not null default 'manager-session', add column "manager_workflow_version" int not null default 1;`,
    );

    this.addSql(
      `alter table "mail" add column "calendar" text null, add column "calendar_method" varchar(10) null, add column "link_session_id" int null;`,
    );

    this.addSql(`alter table "audit_event" add column "manager_id" int null;`);
    this.addSql(
      `alter table "audit_event" add constraint "audit_event_manager_id_foreign" foreign key ("manager_id") references "manager_workflow" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "audit_event_manager_id_id_index" on "audit_event" ("manager_id", "id");`);

    this.addSql(`alter table "timer" add column "manager_id" int null;`);
    this.addSql(
      `alter table "timer" add constraint "timer_manager_id_foreign" foreign key ("manager_id") references "manager_workflow" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "timer_manager_id_status_index" on "timer" ("manager_id", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_event" drop constraint "audit_event_manager_id_foreign";`);

    this.addSql(`alter table "timer" drop constraint "timer_manager_id_foreign";`);

    this.addSql(`drop table if exists "manager_workflow" cascade;`);

    this.addSql(`drop index "audit_event_manager_id_id_index";`);
    this.addSql(`alter table "audit_event" drop column "manager_id";`);

    this.addSql(
      `alter table "dialogue" drop column "manager_workflow_id", drop column "manager_workflow_version";`,
    );

    this.addSql(
      `alter table "mail" drop column "calendar", drop column "calendar_method", drop column "link_session_id";`,
    );

    this.addSql(`drop index "timer_manager_id_status_index";`);
    this.addSql(`alter table "timer" drop column "manager_id";`);
  }
}
