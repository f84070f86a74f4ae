import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195025 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dialogue" ("id" serial primary key, "year" int not null, "topic" jsonb not null, "materials" jsonb not null, "statistics_deadline" varchar(10) not null, "report_cutoff" varchar(10) not null, "workflow_id" varchar(100) not null, "workflow_version" int not null, "created_at" timestamptz not null, "launched_at" timestamptz null, "report_issued_at" timestamptz null);`,
    );
    this.addSql(`alter table "dialogue" add constraint "dialogue_year_unique" unique ("year");`);

    this.addSql(
      `create table "entity" ("id" serial primary key, "code" varchar(30) not null, "name" varchar(300) not null, "kind" varchar(50) not null, "duty_station" varchar(100) not null, "time_zone" varchar(64) not null, "language" varchar(2) not null, "staff" int null, "head_name" varchar(200) null, "head_email" varchar(254) null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "entity" add constraint "entity_code_unique" unique ("code");`);
    this.addSql(`create index "entity_kind_index" on "entity" ("kind");`);

    this.addSql(
      `create table "focal_point" ("id" serial primary key, "entity_id" int not null, "name" varchar(200) not null, "email" varchar(254) not null, "language" varchar(2) not null);`,
    );
    this.addSql(
      `alter table "focal_point" add constraint "focal_point_entity_id_email_unique" unique ("entity_id", "email");`,
    );

    this.addSql(
      `create table "entity_workflow" ("id" serial primary key, "dialogue_id" int not null, "entity_id" int not null, "state" varchar(40) not null, "escalation_level" int not null default 0, "invited_at" timestamptz null, "deadline" varchar(10) not null, "extended_deadline" varchar(10) null, "late_added" boolean not null default false, "sessions_recorded" int not null default 0, "statistics_submitted_at" timestamptz null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(
      `create index "entity_workflow_dialogue_id_state_index" on "entity_workflow" ("dialogue_id", "state");`,
    );
    this.addSql(
      `alter table "entity_workflow" add constraint "entity_workflow_dialogue_id_entity_id_unique" unique ("dialogue_id", "entity_id");`,
    );

    this.addSql(
      `create table "audit_event" ("id" serial primary key, "dialogue_id" int null, "workflow_id" int null, "entity_code" varchar(30) null, "actor" varchar(200) not null, "at" timestamptz not null, "event" varchar(50) not null, "from_state" varchar(40) null, "to_state" varchar(40) null, "reason" text null, "details" jsonb null);`,
    );
    this.addSql(`create index "audit_event_dialogue_id_id_index" on "audit_event" ("dialogue_id", "id");`);
    this.addSql(`create index "audit_event_workflow_id_id_index" on "audit_event" ("workflow_id", "id");`);

    this.addSql(
      `create table "outbox" ("id" serial primary key, "idempotency_key" varchar(200) not null, "queue" varchar(50) not null, "job" varchar(50) not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'dispatched')) not null default 'pending', "created_at" timestamptz not null, "dispatched_at" timestamptz null);`,
    );
    this.addSql(
      `alter table "outbox" add constraint "outbox_idempotency_key_unique" unique ("idempotency_key");`,
    );
    this.addSql(`create index "outbox_status_id_index" on "outbox" ("status", "id");`);

    this.addSql(
      `create table "report" ("id" serial primary key, "dialogue_id" int not null, "version" int not null, "issued_at" timestamptz not null, "issued_by" varchar(200) not null, "content" jsonb not null);`,
    );
    this.addSql(
      `alter table "report" add constraint "report_dialogue_id_version_unique" unique ("dialogue_id", "version");`,
    );

    this.addSql(
      `create table "session" ("id" serial primary key, "workflow_id" int not null, "leader_email" varchar(254) not null, "held_on" varchar(10) not null, "language" varchar(40) not null, "participants" int not null, "size_warning" varchar(200) null, "recorded_at" timestamptz not null);`,
    );

    this.addSql(
      `create table "statistics" ("id" serial primary key, "workflow_id" int not null, "revision" int not null, "eligible_staff" int not null, "staff_participated" int not null, "sessions_held" int not null, "managers_led" int not null, "non_staff_participants" int not null, "other_agency_participants" jsonb not null, "comments" text null, "submitted_by" varchar(200) not null, "submitted_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "statistics_workflow_id_revision_index" on "statistics" ("workflow_id", "revision");`,
    );

    this.addSql(
      `alter table "focal_point" add constraint "focal_point_entity_id_foreign" foreign key ("entity_id") references "entity" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "entity_workflow" add constraint "entity_workflow_dialogue_id_foreign" foreign key ("dialogue_id") references "dialogue" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "entity_workflow" add constraint "entity_workflow_entity_id_foreign" foreign key ("entity_id") references "entity" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "audit_event" add constraint "audit_event_dialogue_id_foreign" foreign key ("dialogue_id") references "dialogue" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "audit_event" add constraint "audit_event_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "report" add constraint "report_dialogue_id_foreign" foreign key ("dialogue_id") references "dialogue" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "statistics" add constraint "statistics_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "entity_workflow" drop constraint "entity_workflow_dialogue_id_foreign";`);

    this.addSql(`alter table "audit_event" drop constraint "audit_event_dialogue_id_foreign";`);

    this.addSql(`alter table "report" drop constraint "report_dialogue_id_foreign";`);

    this.addSql(`alter table "focal_point" drop constraint "focal_point_entity_id_foreign";`);

    this.addSql(`alter table "entity_workflow" drop constraint "entity_workflow_entity_id_foreign";`);

    this.addSql(`alter table "audit_event" drop constraint "audit_event_workflow_id_foreign";`);

    this.addSql(`alter table "session" drop constraint "session_workflow_id_foreign";`);

    this.addSql(`alter table "statistics" drop constraint "statistics_workflow_id_foreign";`);

    this.addSql(`drop table if exists "dialogue" cascade;`);

    this.addSql(`drop table if exists "entity" cascade;`);

    this.addSql(`drop table if exists "focal_point" cascade;`);

    this.addSql(`drop table if exists "entity_workflow" cascade;`);

    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "outbox" cascade;`);

    this.addSql(`drop table if exists "report" cascade;`);

    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`drop table if exists "statistics" cascade;`);
  }
}
