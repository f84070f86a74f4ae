import { Migration } from '@mikro-orm/migrations';

export class Migration20261204092227 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`manager_workflow\` (\`id\` integer not null primary key autoincrement, \`workflow_id\` integer not null, \`email\` text not null, \`name\` text not null, \`language\` text not null, \`manager_email\` text null, \`direct_reports\` integer not null default 0, \`state\` text not null, \`escalation_level\` integer not null default 0, \`turn_at\` datetime null, \`sessions_led\` integer not null default 0, \`session_starts_at\` datetime null, \`session_minutes\` integer null, \`session_place\` text null, \`session_url\` text null, \`session_language\` text null, \`calendar_sequence\` integer not null default 0, \`excuse_reason\` text null, \`updated_at\` datetime not null, \`events_recorded\` integer not null default 0, \`version\` integer not null default 1, constraint \`manager_workflow_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `create index \`manager_workflow_workflow_id_index\` on \`manager_workflow\` (\`workflow_id\`);`,
    );
    this.addSql(
      `create index \`manager_workflow_workflow_id_manager_email_index\` on \`manager_workflow\` (\`workflow_id\`, \`manager_email\`);`,
    );
    this.addSql(
      `create index \`manager_workflow_workflow_id_state_index\` on \`manager_workflow\` (\`workflow_id\`, \`state\`);`,
    );
    this.addSql(
      `create unique index \`manager_workflow_workflow_id_email_unique\` on \`manager_workflow\` (\`workflow_id\`, \`email\`);`,
    );

    this.addSql(
      `alter table \`dialogue\` add column \`manager_workflow_id\` text not null default 'manager-session';`,
    );
    this.addSql(
      `alter table \`dialogue\` add column \`manager_workflow_version\` integer not null default 1;`,
    );

    this.addSql(`alter table \`mail\` add column \`calendar\` text null;`);
    this.addSql(`alter table \`mail\` add column \`calendar_method\` text null;`);
    this.addSql(`alter table \`mail\` add column \`link_session_id\` integer null;`);

    this.addSql(
      `alter table \`audit_event\` add column \`manager_id\` integer null constraint \`audit_event_manager_id_foreign\` references \`manager_workflow\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(`create index \`audit_event_manager_id_index\` on \`audit_event\` (\`manager_id\`);`);
    this.addSql(
      `create index \`audit_event_manager_id_id_index\` on \`audit_event\` (\`manager_id\`, \`id\`);`,
    );

    this.addSql(
      `alter table \`timer\` add column \`manager_id\` integer null constraint \`timer_manager_id_foreign\` references \`manager_workflow\` (\`id\`) on update cascade on delete cascade;`,
    );
    this.addSql(`create index \`timer_manager_id_index\` on \`timer\` (\`manager_id\`);`);
    this.addSql(`create index \`timer_manager_id_status_index\` on \`timer\` (\`manager_id\`, \`status\`);`);
  }
}
