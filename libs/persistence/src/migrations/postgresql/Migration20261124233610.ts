import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233610 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "admin_user" add column "disabled_at" timestamptz null;`);

    this.addSql(`create index "entity_workflow_entity_id_index" on "entity_workflow" ("entity_id");`);
    this.addSql(
      `create index "entity_workflow_escalation_level_id_index" on "entity_workflow" ("escalation_level", "id");`,
    );
    this.addSql(`create index "entity_workflow_state_id_index" on "entity_workflow" ("state", "id");`);

    this.addSql(`create index "mail_entity_code_id_index" on "mail" ("entity_code", "id");`);

    this.addSql(`create index "audit_event_entity_code_id_index" on "audit_event" ("entity_code", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "admin_user" drop column "disabled_at";`);

    this.addSql(`drop index "audit_event_entity_code_id_index";`);

    this.addSql(`drop index "entity_workflow_entity_id_index";`);
    this.addSql(`drop index "entity_workflow_escalation_level_id_index";`);
    this.addSql(`drop index "entity_workflow_state_id_index";`);

    this.addSql(`drop index "mail_entity_code_id_index";`);
  }
}
