import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/** A dialogue session as its leader reported it (the minimal record; Annex C's full form extends it). */
@Entity({ tableName: 'session' })
export class SessionRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'string', length: 254 })
  leaderEmail!: string;

  @Property({ type: 'string', length: 10 })
  heldOn!: string;

  /** Free: multilingual sessions are encouraged, so this is not limited to the three working languages. */
  @Property({ type: 'string', length: 40 })
  language!: string;

  @Property({ type: 'integer' })
  participants!: number;

  /** Outside the ideal 10–25: accepted, and remembered so it can be shown. */
  @Property({ type: 'string', length: 200, nullable: true })
  sizeWarning: string | null = null;

  @Property({ type: 'datetime' })
  recordedAt!: Date;
}
