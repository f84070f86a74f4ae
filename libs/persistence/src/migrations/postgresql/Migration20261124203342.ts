import { Migration } from '@mikro-orm/migrations';

export class Migration20261124203342 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mail" ("id" serial primary key, "key" varchar(500) not null, "source" varchar(250) not null, "dialogue_id" int not null, "workflow_id" int null, "entity_code" varchar(30) null, "template" varchar(60) not null, "language" varchar(2) not null, "recipient_role" varchar(30) not null, "recipient_name" varchar(200) not null, "recipient_address" varchar(254) not null, "subject" varchar(500) not null, "html" text not null, "text" text not null, "message_id" varchar(300) not null, "status" varchar(20) not null default 'queued', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, "timer_key" varchar(200) null, "resent_from" int null);`,
    );
    this.addSql(`alter table "mail" add constraint "mail_key_unique" unique ("key");`);
    this.addSql(`create index "mail_source_index" on "mail" ("source");`);
    this.addSql(`create index "mail_workflow_id_id_index" on "mail" ("workflow_id", "id");`);
    this.addSql(`create index "mail_dialogue_id_status_id_index" on "mail" ("dialogue_id", "status", "id");`);

    this.addSql(
      `alter table "mail" add constraint "mail_dialogue_id_foreign" foreign key ("dialogue_id") references "dialogue" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "mail" add constraint "mail_workflow_id_foreign" foreign key ("workflow_id") references "entity_workflow" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail" cascade;`);
  }
}
