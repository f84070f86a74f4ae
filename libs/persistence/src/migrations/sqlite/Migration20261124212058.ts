import { Migration } from '@mikro-orm/migrations';

export class Migration20261124212058 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`admin_user\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`password_hash\` text not null, \`role\` text not null, \`created_at\` datetime not null, \`last_login_at\` datetime null);`,
    );
    this.addSql(`create unique index \`admin_user_email_unique\` on \`admin_user\` (\`email\`);`);

    this.addSql(`create index \`entity_duty_station_index\` on \`entity\` (\`duty_station\`);`);

    this.addSql(
      `create index \`entity_workflow_dialogue_id_escalation_level_index\` on \`entity_workflow\` (\`dialogue_id\`, \`escalation_level\`);`,
    );
  }
}
