import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The simulation's virtual "now", shared by the api and every worker (one row, id 1). */
@Entity({ tableName: 'simulated_time' })
export class SimulatedTime {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'Date' })
  now!: Date;
}
