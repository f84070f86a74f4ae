import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { ManagerWorkflow } from '../cascade/manager-workflow.entity';

export const TIMER_STATUSES = ['pending', 'fired', 'skipped', 'cancelled'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/**
 * One planned timer: the truth about what is due, mirrored in Redis as a delayed BullMQ job whose id is `key`.
 * `synced` is false until the mirror matches the row (a pending row has its job, a closed one has none), so a
 * crash between commit and Redis is repaired by the next sync. Entity timers carry their workflow instance;
 * dialogue-wide ones (the digest) carry only the dialogue. Both are foreign keys mapped to the bare id
 * (`mapToPk`): the planner, the firing and the views work with ids, and thousands of rows are written at a
 * launch without loading a reference each.
 */
@Entity({ tableName: 'timer' })
@Index({ properties: ['status', 'dueAt'] })
@Index({ properties: ['workflowId', 'status'] })
@Index({ properties: ['managerId', 'status'] })
@Index({ properties: ['dialogueId', 'status', 'dueAt'] })
@Index({ properties: ['synced', 'id'] })
// The mirror's work list: only the rows Redis does not match yet, a few among hundreds of thousands. A partial index
// holds just those, so the mirror's page is read from it whatever the planner's statistics say (stale ones, taken
// mid-launch when half the rows were unsynced, had it filter the whole table through the primary key: 1.1 s a
// page at 950,000 timers).
@Index({
  name: 'timer_unsynced_id_index',
  expression: 'create index "timer_unsynced_id_index" on "timer" ("id") where "synced" = false',
})
export class Timer {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** BullMQ job id: no ':' (BullMQ's key separator). */
  @Property({ type: 'string', length: 200, unique: true })
  key!: string;

  @ManyToOne(() => Dialogue, { fieldName: 'dialogue_id', mapToPk: true })
  dialogueId!: number;

  // A timer means nothing without its instance: deleting the instance deletes its timers (the reconciler then
  // drops their jobs). A null must never be left behind: it would read as a dialogue-wide timer.
  @ManyToOne(() => EntityWorkflow, {
    fieldName: 'workflow_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'cascade',
  })
  workflowId: number | null = null;

  /** A manager workflow's timer carries its manager instance instead (and no entity instance). */
  @ManyToOne(() => ManagerWorkflow, {
    fieldName: 'manager_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'cascade',
  })
  managerId: number | null = null;

  /** The definition's timer id: reminder-30, nudge-head, deadline, escalation-2, digest, ... */
  @Property({ type: 'string', length: 60 })
  timerId!: string;

  @Property({ type: 'string', length: 20 })
  kind!: string;

  @Property({ type: 'Date' })
  dueAt!: Date;

  /** The due time in the recipient's zone, with its offset, as planned. */
  @Property({ type: 'string', length: 40 })
  localDueAt!: string;

  /** `timeZone`: the zone a per-zone digest reports on (the managers' digest is one timer per zone). */
  @Property({ type: 'json', nullable: true })
  mail: { template: string; to: string[]; timeZone?: string; dutyStation?: string } | null = null;

  @Property({ type: 'string', length: 50, nullable: true })
  event: string | null = null;

  @Property({ type: 'integer', nullable: true })
  escalationLevel: number | null = null;

  // A plain column (no CHECK): MikroORM's SQLite introspection misreads this enum's constraint as a change.
  @Property({ type: 'string', length: 20 })
  status: TimerStatus = 'pending';

  @Property({ type: 'boolean' })
  synced = false;

  @Property({ type: 'Date' })
  createdAt!: Date;

  /** When it fired, was skipped or was cancelled (by the clock of that moment). */
  @Property({ type: 'Date', nullable: true })
  closedAt: Date | null = null;

  /** Why it was skipped or cancelled. */
  @Property({ type: 'string', length: 300, nullable: true })
  outcome: string | null = null;
}
