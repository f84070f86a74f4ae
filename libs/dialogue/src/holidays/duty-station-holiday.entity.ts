import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export const HOLIDAY_EFFECTS = ['add', 'remove'] as const;
export type HolidayEffect = (typeof HOLIDAY_EFFECTS)[number];

/**
 * A change the Ethics Office makes to a duty station's public holidays, from the list the UN publishes for it each
 * year: `add` a holiday the library does not know there, or `remove` one of the library's that the UN does not
 * observe there. One change per station and day.
 */
@Entity({ tableName: 'duty_station_holiday' })
@Unique({ properties: ['dutyStation', 'date'] })
export class DutyStationHoliday {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100, index: true })
  dutyStation!: string;

  /** The local calendar day at the duty station, 'YYYY-MM-DD'. */
  @Property({ type: 'string', length: 10 })
  date!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 6 })
  effect!: HolidayEffect;

  @Property({ type: 'string', length: 254 })
  createdBy!: string;

  @Property({ type: 'Date' })
  createdAt!: Date;
}
