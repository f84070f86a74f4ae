import { Migration } from '@mikro-orm/migrations';

/**
 * The holidays the Ethics Office adds to or removes from a duty station's library holidays (issue 20, point 4),
 * from the list the UN publishes per duty station: one change per station and day.
 */
export class Migration20261205130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "duty_station_holiday" ("id" serial primary key, "duty_station" varchar(100) not null, "date" varchar(10) not null, "name" varchar(200) not null, "effect" varchar(6) not null, "created_by" varchar(254) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "duty_station_holiday_duty_station_index" on "duty_station_holiday" ("duty_station");`,
    );
    this.addSql(
      `alter table "duty_station_holiday" add constraint "duty_station_holiday_duty_station_date_unique" unique ("duty_station", "date");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "duty_station_holiday" cascade;`);
  }
}
