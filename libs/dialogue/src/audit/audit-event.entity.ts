import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { ManagerWorkflow } from '../cascade/manager-workflow.entity';

/** One row per state change or administrative act: who, when, from, to, which event, why. Never updated. */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['workflow', 'id'] })
@Index({ properties: ['dialogue', 'id'] })
@Index({ properties: ['entityCode', 'id'] }) // the console's audit trail filtered by entity
@Index({ properties: ['managerId', 'id'] }) // a manager's timeline
export class AuditEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Dialogue, { nullable: true })
  dialogue: Dialogue | null = null;

  @ManyToOne(() => EntityWorkflow, { nullable: true })
  workflow: EntityWorkflow | null = null;

  /** A manager workflow's event: which manager (the entity's instance is `workflow`). */
  @ManyToOne(() => ManagerWorkflow, {
    fieldName: 'manager_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'set null',
  })
  managerId: number | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  entityCode: string | null = null;

  @Property({ type: 'string', length: 200 })
  actor!: string;

  @Property({ type: 'Date' })
  at!: Date;

  @Property({ type: 'string', length: 50 })
  event!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  fromState: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  toState: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;
}
