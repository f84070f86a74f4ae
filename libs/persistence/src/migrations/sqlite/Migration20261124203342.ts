import { Migration } from '@mikro-orm/migrations';

export class Migration20261124203342 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`mail\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`source\` text not null, \`dialogue_id\` integer not null, \`workflow_id\` integer null, \`entity_code\` text null, \`template\` text not null, \`language\` text not null, \`recipient_role\` text not null, \`recipient_name\` text not null, \`recipient_address\` text not null, \`subject\` text not null, \`html\` text not null, \`text\` text not null, \`message_id\` text not null, \`status\` text not null default 'queued', \`attempts\` integer not null default 0, \`last_error\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`timer_key\` text null, \`resent_from\` integer null, constraint \`mail_dialogue_id_foreign\` foreign key(\`dialogue_id\`) references \`dialogue\`(\`id\`) on update cascade, constraint \`mail_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create unique index \`mail_key_unique\` on \`mail\` (\`key\`);`);
    this.addSql(`create index \`mail_source_index\` on \`mail\` (\`source\`);`);
    this.addSql(`create index \`mail_dialogue_id_index\` on \`mail\` (\`dialogue_id\`);`);
    this.addSql(`create index \`mail_workflow_id_index\` on \`mail\` (\`workflow_id\`);`);
    this.addSql(`create index \`mail_workflow_id_id_index\` on \`mail\` (\`workflow_id\`, \`id\`);`);
    this.addSql(
      `create index \`mail_dialogue_id_status_id_index\` on \`mail\` (\`dialogue_id\`, \`status\`, \`id\`);`,
    );
  }
}
