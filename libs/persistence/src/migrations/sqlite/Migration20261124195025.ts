import { Migration } from '@mikro-orm/migrations';

export class Migration20261124195025 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`dialogue\` (\`id\` integer not null primary key autoincrement, \`year\` integer not null, \`topic\` json not null, \`materials\` json not null, \`statistics_deadline\` text not null, \`report_cutoff\` text not null, \`workflow_id\` text not null, \`workflow_version\` integer not null, \`created_at\` datetime not null, \`launched_at\` datetime null, \`report_issued_at\` datetime null);`,
    );
    this.addSql(`create unique index \`dialogue_year_unique\` on \`dialogue\` (\`year\`);`);

    this.addSql(
      `create table \`entity\` (\`id\` integer not null primary key autoincrement, \`code\` text not null, \`name\` text not null, \`kind\` text not null, \`duty_station\` text not null, \`time_zone\` text not null, \`language\` text not null, \`staff\` integer null, \`head_name\` text null, \`head_email\` text null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`entity_code_unique\` on \`entity\` (\`code\`);`);
    this.addSql(`create index \`entity_kind_index\` on \`entity\` (\`kind\`);`);

    this.addSql(
      `create table \`focal_point\` (\`id\` integer not null primary key autoincrement, \`entity_id\` integer not null, \`name\` text not null, \`email\` text not null, \`language\` text not null, constraint \`focal_point_entity_id_foreign\` foreign key(\`entity_id\`) references \`entity\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`focal_point_entity_id_index\` on \`focal_point\` (\`entity_id\`);`);
    this.addSql(
      `create unique index \`focal_point_entity_id_email_unique\` on \`focal_point\` (\`entity_id\`, \`email\`);`,
    );

    this.addSql(
      `create table \`entity_workflow\` (\`id\` integer not null primary key autoincrement, \`dialogue_id\` integer not null, \`entity_id\` integer not null, \`state\` text not null, \`escalation_level\` integer not null default 0, \`invited_at\` datetime null, \`deadline\` text not null, \`extended_deadline\` text null, \`late_added\` integer not null default false, \`sessions_recorded\` integer not null default 0, \`statistics_submitted_at\` datetime null, \`updated_at\` datetime not null, \`version\` integer not null default 1, constraint \`entity_workflow_dialogue_id_foreign\` foreign key(\`dialogue_id\`) references \`dialogue\`(\`id\`) on update cascade, constraint \`entity_workflow_entity_id_foreign\` foreign key(\`entity_id\`) references \`entity\`(\`id\`) on update cascade);`,
    );
    this.addSql(
      `create index \`entity_workflow_dialogue_id_index\` on \`entity_workflow\` (\`dialogue_id\`);`,
    );
    this.addSql(`create index \`entity_workflow_entity_id_index\` on \`entity_workflow\` (\`entity_id\`);`);
    this.addSql(
      `create index \`entity_workflow_dialogue_id_state_index\` on \`entity_workflow\` (\`dialogue_id\`, \`state\`);`,
    );
    this.addSql(
      `create unique index \`entity_workflow_dialogue_id_entity_id_unique\` on \`entity_workflow\` (\`dialogue_id\`, \`entity_id\`);`,
    );

    this.addSql(
      `create table \`audit_event\` (\`id\` integer not null primary key autoincrement, \`dialogue_id\` integer null, \`workflow_id\` integer null, \`entity_code\` text null, \`actor\` text not null, \`at\` datetime not null, \`event\` text not null, \`from_state\` text null, \`to_state\` text null, \`reason\` text null, \`details\` json null, constraint \`audit_event_dialogue_id_foreign\` foreign key(\`dialogue_id\`) references \`dialogue\`(\`id\`) on delete set null on update cascade, constraint \`audit_event_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create index \`audit_event_dialogue_id_index\` on \`audit_event\` (\`dialogue_id\`);`);
    this.addSql(`create index \`audit_event_workflow_id_index\` on \`audit_event\` (\`workflow_id\`);`);
    this.addSql(
      `create index \`audit_event_dialogue_id_id_index\` on \`audit_event\` (\`dialogue_id\`, \`id\`);`,
    );
    this.addSql(
      `create index \`audit_event_workflow_id_id_index\` on \`audit_event\` (\`workflow_id\`, \`id\`);`,
    );

    this.addSql(
      `create table \`outbox\` (\`id\` integer not null primary key autoincrement, \`idempotency_key\` text not null, \`queue\` text not null, \`job\` text not null, \`payload\` json not null, \`status\` text check (\`status\` in ('pending', 'dispatched')) not null default 'pending', \`created_at\` datetime not null, \`dispatched_at\` datetime null);`,
    );
    this.addSql(`create unique index \`outbox_idempotency_key_unique\` on \`outbox\` (\`idempotency_key\`);`);
    this.addSql(`create index \`outbox_status_id_index\` on \`outbox\` (\`status\`, \`id\`);`);

    this.addSql(
      `create table \`report\` (\`id\` integer not null primary key autoincrement, \`dialogue_id\` integer not null, \`version\` integer not null, \`issued_at\` datetime not null, \`issued_by\` text not null, \`content\` json not null, constraint \`report_dialogue_id_foreign\` foreign key(\`dialogue_id\`) references \`dialogue\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`report_dialogue_id_index\` on \`report\` (\`dialogue_id\`);`);
    this.addSql(
      `create unique index \`report_dialogue_id_version_unique\` on \`report\` (\`dialogue_id\`, \`version\`);`,
    );

    this.addSql(
      `create table \`session\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`leader_email\` text not null, \`held_on\` text not null, \`language\` text not null, \`participants\` integer not null, \`size_warning\` text null, \`recorded_at\` datetime not null, constraint \`session_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`session_workflow_id_index\` on \`session\` (\`workflow_id\`);`);

    this.addSql(
      `create table \`statistics\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`revision\` integer not null, \`eligible_staff\` integer not null, \`staff_participated\` integer not null, \`sessions_held\` integer not null, \`managers_led\` integer not null, \`non_staff_participants\` integer not null, \`other_agency_participants\` json not null, \`comments\` text null, \`submitted_by\` text not null, \`submitted_at\` datetime not null, constraint \`statistics_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`statistics_workflow_id_index\` on \`statistics\` (\`workflow_id\`);`);
    this.addSql(
      `create index \`statistics_workflow_id_revision_index\` on \`statistics\` (\`workflow_id\`, \`revision\`);`,
    );
  }
}
