import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/** A dialogue session as its leader reported it (Annex C). The admin API may record only the core fields. */
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

  /** Everyone present: staff, non-staff and other agencies. */
  @Property({ type: 'integer' })
  participants!: number;

  @Property({ type: 'integer', nullable: true })
  durationMinutes: number | null = null;

  /** in-person | virtual */
  @Property({ type: 'string', length: 20, nullable: true })
  format: string | null = null;

  @Property({ type: 'integer', nullable: true })
  staffParticipants: number | null = null;

  @Property({ type: 'integer', nullable: true })
  nonStaffParticipants: number | null = null;

  @Property({ type: 'json', nullable: true })
  otherAgencyParticipants: Record<string, number> | null = null;

  /** Part i of n of a split session (more than 25 reports: every part led by the same manager). */
  @Property({ type: 'integer', nullable: true })
  splitPart: number | null = null;

  @Property({ type: 'integer', nullable: true })
  splitOf: number | null = null;

  /** For parts after the first: the first part's id. */
  @Property({ type: 'integer', nullable: true })
  splitFirstPartId: number | null = null;

  /** A joint session: the units joined under a higher reporting officer. */
  @Property({ type: 'json', nullable: true })
  jointUnits: string[] | null = null;

  /** Whoever ran slides or readings, recorded apart from the leader. */
  @Property({ type: 'string', length: 200, nullable: true })
  facilitator: string | null = null;

  @Property({ type: 'json', nullable: true })
  scenarios: string[] | null = null;

  /** Outside the ideal 10–25: accepted, and remembered so it can be shown. */
  @Property({ type: 'string', length: 200, nullable: true })
  sizeWarning: string | null = null;

  @Property({ type: 'Date' })
  recordedAt!: Date;
}
