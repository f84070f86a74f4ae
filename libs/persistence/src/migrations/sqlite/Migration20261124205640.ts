import { Migration } from '@mikro-orm/migrations';

export class Migration20261124205640 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`extension_request\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`wished_deadline\` text not null, \`reason\` text not null, \`requested_by\` text not null, \`requested_at\` datetime not null, \`status\` text not null default 'pending', \`decision_reason\` text null, \`decided_by\` text null, \`decided_at\` datetime null, constraint \`extension_request_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`extension_request_workflow_id_index\` on \`extension_request\` (\`workflow_id\`);`,
    );
    this.addSql(
      `create index \`extension_request_workflow_id_id_index\` on \`extension_request\` (\`workflow_id\`, \`id\`);`,
    );

    this.addSql(
      `create table \`person\` (\`id\` integer not null primary key autoincrement, \`entity_id\` integer not null, \`name\` text not null, \`email\` text not null, \`manager_email\` text null, \`language\` text not null, \`is_manager\` integer not null default false, \`updated_at\` datetime not null, constraint \`person_entity_id_foreign\` foreign key(\`entity_id\`) references \`entity\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`person_entity_id_index\` on \`person\` (\`entity_id\`);`);
    this.addSql(
      `create index \`person_entity_id_manager_email_index\` on \`person\` (\`entity_id\`, \`manager_email\`);`,
    );
    this.addSql(
      `create unique index \`person_entity_id_email_unique\` on \`person\` (\`entity_id\`, \`email\`);`,
    );

    this.addSql(
      `create table \`scenario_proposal\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`title\` text not null, \`description\` text not null, \`proposed_by\` text not null, \`proposed_at\` datetime not null, \`status\` text not null default 'pending', \`feedback\` text null, \`decided_at\` datetime null, constraint \`scenario_proposal_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`scenario_proposal_workflow_id_index\` on \`scenario_proposal\` (\`workflow_id\`);`,
    );
    this.addSql(
      `create index \`scenario_proposal_workflow_id_id_index\` on \`scenario_proposal\` (\`workflow_id\`, \`id\`);`,
    );

    this.addSql(
      `create table \`seminar_request\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`topic\` text not null, \`preferred_period\` text not null, \`expected_participants\` integer not null, \`details\` text null, \`requested_by\` text not null, \`requested_at\` datetime not null, \`status\` text not null default 'requested', constraint \`seminar_request_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`seminar_request_workflow_id_index\` on \`seminar_request\` (\`workflow_id\`);`,
    );
    this.addSql(
      `create index \`seminar_request_workflow_id_id_index\` on \`seminar_request\` (\`workflow_id\`, \`id\`);`,
    );

    this.addSql(
      `create table \`session_question\` (\`id\` integer not null primary key autoincrement, \`session_id\` integer not null, \`text\` text not null, \`answer\` text null, \`answered_by\` text null, \`answered_at\` datetime null, constraint \`session_question_session_id_foreign\` foreign key(\`session_id\`) references \`session\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`session_question_session_id_index\` on \`session_question\` (\`session_id\`);`,
    );

    this.addSql(
      `create table \`participant_feedback\` (\`id\` integer not null primary key autoincrement, \`session_id\` integer not null, \`usefulness\` integer not null, \`openness\` integer not null, \`relevance\` integer not null, \`comment\` text null, \`given_on\` text not null, constraint \`participant_feedback_session_id_foreign\` foreign key(\`session_id\`) references \`session\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`participant_feedback_session_id_index\` on \`participant_feedback\` (\`session_id\`);`,
    );

    this.addSql(
      `create table \`access_token\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`workflow_id\` integer not null, \`role\` text not null, \`subject_email\` text null, \`subject_name\` text null, \`session_id\` integer null, \`language\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`created_by\` text null, constraint \`access_token_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade, constraint \`access_token_session_id_foreign\` foreign key(\`session_id\`) references \`session\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(
      `create unique index \`access_token_token_hash_unique\` on \`access_token\` (\`token_hash\`);`,
    );
    this.addSql(`create index \`access_token_workflow_id_index\` on \`access_token\` (\`workflow_id\`);`);
    this.addSql(`create index \`access_token_session_id_index\` on \`access_token\` (\`session_id\`);`);
    this.addSql(
      `create index \`access_token_workflow_id_role_index\` on \`access_token\` (\`workflow_id\`, \`role\`);`,
    );

    this.addSql(`alter table \`entity_workflow\` add column \`head_confirmed_at\` datetime null;`);

    this.addSql(`alter table \`session\` add column \`duration_minutes\` integer null;`);
    this.addSql(`alter table \`session\` add column \`format\` text null;`);
    this.addSql(`alter table \`session\` add column \`staff_participants\` integer null;`);
    this.addSql(`alter table \`session\` add column \`non_staff_participants\` integer null;`);
    this.addSql(`alter table \`session\` add column \`other_agency_participants\` json null;`);
    this.addSql(`alter table \`session\` add column \`split_part\` integer null;`);
    this.addSql(`alter table \`session\` add column \`split_of\` integer null;`);
    this.addSql(`alter table \`session\` add column \`split_first_part_id\` integer null;`);
    this.addSql(`alter table \`session\` add column \`joint_units\` json null;`);
    this.addSql(`alter table \`session\` add column \`facilitator\` text null;`);
    this.addSql(`alter table \`session\` add column \`scenarios\` json null;`);
  }
}
