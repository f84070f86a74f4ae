import { Migration } from '@mikro-orm/migrations';

/**
 * The holidays the Ethics Office adds to or removes from a duty station's library holidays (issue 20, point 4),
 * from the list the UN publishes per duty station: one change per station and day.
 */
export class Migration20261205130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`duty_station_holiday\` (\`id\` integer not null primary key autoincrement, \`duty_station\` text not null, \`date\` text not null, \`name\` text not null, \`effect\` text not null, \`created_by\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(
      `create index \`duty_station_holiday_duty_station_index\` on \`duty_station_holiday\` (\`duty_station\`);`,
    );
    this.addSql(
      `create unique index \`duty_station_holiday_duty_station_date_unique\` on \`duty_station_holiday\` (\`duty_station\`, \`date\`);`,
    );
  }
}
