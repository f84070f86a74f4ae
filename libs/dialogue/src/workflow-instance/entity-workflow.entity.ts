import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import { OrgEntity } from '../entity/org-entity.entity';

/**
 * The workflow instance of one entity in one dialogue year. `version` guards against lost updates.
 * Indexes serve the console's list: its filters (state, escalation level; kind and duty station through the
 * entity) and their order by id, so a page of 10,000 instances reads a few index entries, not the table.
 */
@Entity({ tableName: 'entity_workflow' })
@Unique({ properties: ['dialogue', 'entity'] })
@Index({ properties: ['dialogue', 'state'] })
@Index({ properties: ['dialogue', 'escalationLevel'] })
@Index({ properties: ['state', 'id'] })
@Index({ properties: ['escalationLevel', 'id'] })
@Index({ properties: ['entity'] })
export class EntityWorkflow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Dialogue)
  dialogue!: Dialogue;

  @ManyToOne(() => OrgEntity)
  entity!: OrgEntity;

  @Property({ type: 'string', length: 40 })
  state!: string;

  @Property({ type: 'integer' })
  escalationLevel = 0;

  @Property({ type: 'Date', nullable: true })
  invitedAt: Date | null = null;

  /** The entity's own statistics deadline: the dialogue's, or an accommodated one for a late addition. */
  @Property({ type: 'string', length: 10 })
  deadline!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  extendedDeadline: string | null = null;

  @Property({ type: 'boolean' })
  lateAdded = false;

  @Property({ type: 'integer' })
  sessionsRecorded = 0;

  @Property({ type: 'Date', nullable: true })
  statisticsSubmittedAt: Date | null = null;

  /** The Head of Entity's confirmation that every manager completed their session. */
  @Property({ type: 'Date', nullable: true })
  headConfirmedAt: Date | null = null;

  @Property({ type: 'Date' })
  updatedAt!: Date;

  /**
   * Events recorded on this instance, each with its audit row. Counting them makes every event change the row, so
   * the version moves even when nothing else does (a second revision of the statistics at the same instant of the
   * simulated clock), and the version before an event keys that event's mail uniquely.
   */
  @Property({ type: 'integer' })
  eventsRecorded = 0;

  @Property({ type: 'integer', version: true })
  version!: number;

  get effectiveDeadline(): string {
    return this.extendedDeadline ?? this.deadline;
  }
}
