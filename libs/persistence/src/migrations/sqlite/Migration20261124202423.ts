import { Migration } from '@mikro-orm/migrations';

export class Migration20261124202423 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`simulated_time\` (\`id\` integer not null, \`now\` datetime not null, primary key (\`id\`));`,
    );

    this.addSql(
      `create table \`timer\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`dialogue_id\` integer not null, \`workflow_id\` integer null, \`timer_id\` text not null, \`kind\` text not null, \`due_at\` datetime not null, \`local_due_at\` text not null, \`mail\` json null, \`event\` text null, \`escalation_level\` integer null, \`status\` text not null default 'pending', \`synced\` integer not null default false, \`created_at\` datetime not null, \`closed_at\` datetime null, \`outcome\` text null);`,
    );
    this.addSql(`create unique index \`timer_key_unique\` on \`timer\` (\`key\`);`);
    this.addSql(`create index \`timer_synced_id_index\` on \`timer\` (\`synced\`, \`id\`);`);
    this.addSql(
      `create index \`timer_dialogue_id_status_due_at_index\` on \`timer\` (\`dialogue_id\`, \`status\`, \`due_at\`);`,
    );
    this.addSql(
      `create index \`timer_workflow_id_status_index\` on \`timer\` (\`workflow_id\`, \`status\`);`,
    );
    this.addSql(`create index \`timer_status_due_at_index\` on \`timer\` (\`status\`, \`due_at\`);`);
  }
}
