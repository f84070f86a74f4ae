import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { StatisticsCrossCheck } from './statistics-cross-check';

/** Annex E figures. Every submission is kept; the highest revision is the entity's current one. */
@Entity({ tableName: 'statistics' })
@Index({ properties: ['workflow', 'revision'] })
export class StatisticsSubmission {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'integer' })
  eligibleStaff!: number;

  @Property({ type: 'integer' })
  staffParticipated!: number;

  @Property({ type: 'integer' })
  sessionsHeld!: number;

  @Property({ type: 'integer' })
  managersLed!: number;

  @Property({ type: 'integer' })
  nonStaffParticipants!: number;

  @Property({ type: 'json' })
  otherAgencyParticipants!: Record<string, number>;

  @Property({ type: 'text', nullable: true })
  comments: string | null = null;

  @Property({ type: 'string', length: 200 })
  submittedBy!: string;

  @Property({ type: 'Date' })
  submittedAt!: Date;

  /**
   * The figures that differed from the records when it was submitted (entered and recorded, with the records'
   * counts) and whether the submitter confirmed them; null when they agreed with the records.
   */
  @Property({ type: 'json', nullable: true })
  crossCheck: StatisticsCrossCheck | null = null;

  /** Came after the report was issued or the cutoff passed: kept, but it changes no issued report. */
  @Property({ type: 'boolean' })
  late = false;
}
