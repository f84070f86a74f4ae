import { Migration } from '@mikro-orm/migrations';

/**
 * SQLite cannot add a foreign key to a table: the table is rebuilt the way MikroORM's schema generator rebuilds
 * one (its `getAlterTable`): a new table with the constraints, every row copied, the old table dropped, the new
 * one renamed, its indexes created again. (The generator's own diff skips foreign keys on SQLite, so it wrote
 * only the two indexes below.) `pragma foreign_keys` cannot change inside the migration's transaction, so the
 * copy is checked against the new constraints: rows that could never satisfy them go first.
 */
export class Migration20261204053510 extends Migration {
  override async up(): Promise<void> {
    // A timer whose dialogue or instance is gone could never fire (its firing finds no instance and fails for
    // good); every other row is copied as it is.
    this.addSql(`delete from \`timer\` where \`dialogue_id\` not in (select \`id\` from \`dialogue\`);`);
    this.addSql(
      `delete from \`timer\` where \`workflow_id\` is not null and \`workflow_id\` not in (select \`id\` from \`entity_workflow\`);`,
    );
    this.addSql(
      `create table \`timer__temp_alter\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`dialogue_id\` integer not null, \`workflow_id\` integer null, \`timer_id\` text not null, \`kind\` text not null, \`due_at\` datetime not null, \`local_due_at\` text not null, \`mail\` json null, \`event\` text null, \`escalation_level\` integer null, \`status\` text not null default 'pending', \`synced\` integer not null default false, \`created_at\` datetime not null, \`closed_at\` datetime null, \`outcome\` text null, constraint \`timer_dialogue_id_foreign\` foreign key(\`dialogue_id\`) references \`dialogue\`(\`id\`) on update cascade, constraint \`timer_workflow_id_foreign\` foreign key(\`workflow_id\`) references \`entity_workflow\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(
      `insert into \`timer__temp_alter\` select \`id\`, \`key\`, \`dialogue_id\`, \`workflow_id\`, \`timer_id\`, \`kind\`, \`due_at\`, \`local_due_at\`, \`mail\`, \`event\`, \`escalation_level\`, \`status\`, \`synced\`, \`created_at\`, \`closed_at\`, \`outcome\` from \`timer\`;`,
    );
    this.addSql(`drop table \`timer\`;`);
    this.addSql(`alter table \`timer__temp_alter\` rename to \`timer\`;`);
    this.addSql(`create unique index \`timer_key_unique\` on \`timer\` (\`key\`);`);
    this.addSql(`create index \`timer_dialogue_id_index\` on \`timer\` (\`dialogue_id\`);`);
    this.addSql(`create index \`timer_workflow_id_index\` on \`timer\` (\`workflow_id\`);`);
    this.addSql(`create index "timer_unsynced_id_index" on "timer" ("id") where "synced" = false;`);
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
