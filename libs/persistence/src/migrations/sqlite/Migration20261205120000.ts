import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`outbox\` add column \`trace_id\` text null;`);
  }
}
