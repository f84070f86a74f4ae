import { Migration } from '@mikro-orm/migrations';

export class Migration20261124205640 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "extension_request" ("id" serial primary key, "workflow_id" int not null, "wished_deadline" varchar(10) not null, "reason" text not null, "requested_by" varchar(254) not null, "requested_at" timestamptz not null, "status" varchar(20) not null default 'pending', "decision_reason" text null, "decided_by" varchar(200) null, "decided_at" timestamptz null);`,
    );
    this.addSql(
      `create index "extension_request_workflow_id_id_index" on "extension_request" ("workflow_id", "id");`,
    );

    this.addSql(
      `create table "person" ("id" serial primary key, "entity_id" int not null, "name" varchar(200) not null, "email" varchar(254) not null, "manager_email" varchar(254) null, "language" varchar(2) not null, "is_manager" boolean not null default false, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "person_entity_id_manager_email_index" on "person" ("entity_id", "manager_email");`,
    );
    this.addSql(
      `alter table "person" add constraint "person_entity_id_email_unique" unique ("entity_id", "email");`,
    );

    this.addSql(
      `create table "scenario_proposal" ("id" serial primary key, "workflow_id" int not null, "title" varchar(200) not null, "description" text not null, "proposed_by" varchar(254) not null, "proposed_at" timestamptz not null, "status" varchar(20) not null default 'pending', "feedback" text null, "decided_at" timestamptz null);`,
    );
    this.addSql(
      `create index "scenario_proposal_workflow_id_id_index" on "scenario_proposal" ("workflow_id", "id");`,
    );

    this.addSql(
      `create table "seminar_request" ("id" serial primary key, "workflow_id" int not null, "topic" varchar(200) not null, "preferred_period" varchar(100) not null, "expected_participants" int not null, "details" text null, "requested_by" varchar(254) not null, "requested_at" timestamptz not null, "status" varchar(20) not null default 'requested');`,
    );
    this.addSql(
      `create index "seminar_request_workflow_id_id_index" on "seminar_request" ("workflow_id", "id");`,
    );

    this.addSql(
      `create table "session_question" ("id" serial primary key, "session_id" int not null, "text" text not null, "answer" text null, "answered_by" varchar(200) null, "answered_at" timestamptz null);`,
    );

    this.addSql(
      `create table "participant_feedback" ("id" serial primary key, "session_id" int not null, "usefulness" int not null, "openness" int not null, "relevance" int not null, "comment" text null, "given_on" varchar(10) not null);`,
    );
    this.addSql(
      `create index "participant_feedback_session_id_index" on "participant_feedback" ("session_id");`,
    );

    this.addSql(
      `create table "access_token" ("id" serial primary key, "token_hash" varchar(64) not null, "workflow_id" int not null, "role" varchar(20) not null, "subject_email" varchar(254) null, "subject_name" varchar(200) null, "session_id" int null, "language" varchar(2) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "created_by" varchar(200) null);`,
    );
    this.addSql(
      `alter table "access_token" add constraint "access_token_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "access_token_workflow_id_role_index" on "access_token" ("workflow_id", "role");`,
    );

    this.addSql(
      `alter table "extension_request" add constraint "extension_request_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "person" add constraint "person_entity_id_foreign" foreign key ("entity_id") references "entity" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "scenario_proposal" add constraint "scenario_proposal_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "seminar_request" add constraint "seminar_request_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "session_question" add constraint "session_question_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "participant_feedback" add constraint "participant_feedback_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "access_token" add constraint "access_token_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "access_token" add constraint "access_token_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "entity_workflow" add column "head_confirmed_at" timestamptz null;`);

    this.addSql(
      `alter table "session" add column "duration_minutes" int null, add column "format" varchar(20) null, add column "staff_participants" int null, add column "non_staff_participants" int null, add column "other_agency_participants" jsonb null, add column "split_part" int null, add column "split_of" int null, add column "split_first_part_id" int null, add column "joint_units" jsonb null, add column "facilitator" varchar(200) null, add column "scenarios" jsonb null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "extension_request" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "scenario_proposal" cascade;`);

    this.addSql(`drop table if exists "seminar_request" cascade;`);

    this.addSql(`drop table if exists "session_question" cascade;`);

    this.addSql(`drop table if exists "participant_feedback" cascade;`);

    this.addSql(`drop table if exists "access_token" cascade;`);

    this.addSql(`alter table "entity_workflow" drop column "head_confirmed_at";`);

    this.addSql(
      `alter table "session" drop column "duration_minutes", drop column "format", drop column "staff_participants", drop column "non_staff_participants", drop column "other_agency_participants", drop column "split_part", drop column "split_of", drop column "split_first_part_id", drop column "joint_units", drop column "facilitator", drop column "scenarios";`,
    );
  }
}
