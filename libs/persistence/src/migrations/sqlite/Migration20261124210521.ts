import { Migration } from '@mikro-orm/migrations';

export class Migration20261124210521 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`statistics\` add column \`late\` integer not null default false;`);
  }
}
