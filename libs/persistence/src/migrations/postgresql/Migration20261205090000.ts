import { Migration } from '@mikro-orm/migrations';

/**
 * Statistics checked against the records (issue 21, point 4): a submission whose figures differ from the recorded
 * sessions or the reporting tree keeps the differences (entered, recorded) and the Focal Point's confirmation.
 * Null for every existing submission: they were never compared.
 */
export class Migration20261205090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "statistics" add column "cross_check" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "statistics" drop column "cross_check";`);
  }
}
