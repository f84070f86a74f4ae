import { Migration } from '@mikro-orm/migrations';

/**
 * Each link remembers the link it was made from (issue 22: revoking a link can revoke the links made from it).
 * Links made before this migration have none: their maker stays named in `created_by` only.
 */
export class Migration20261204092432 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`access_token\` add column \`issued_from_id\` integer null constraint \`access_token_issued_from_id_foreign\` references \`access_token\` (\`id\`) on update cascade on delete set null;`,
    );
    this.addSql(
      `create index \`access_token_issued_from_id_index\` on \`access_token\` (\`issued_from_id\`);`,
    );
  }
}
