import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Language } from '../shared/languages';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/**
 * The manager workflow's instance for one manager of an entity's reporting tree in one dialogue year
 * (workflows/manager-session.v*.yaml). It copies the manager's name, address, language and place in the tree at
 * each import, so that it outlives the person's row when a re-import drops them (then it is `withdrawn`).
 */
@Entity({ tableName: 'manager_workflow' })
@Unique({ properties: ['workflow', 'email'] })
@Index({ properties: ['workflow', 'state'] })
@Index({ properties: ['workflow', 'managerEmail'] })
export class ManagerWorkflow {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The entity's instance of the same year. */
  @ManyToOne(() => EntityWorkflow, { deleteRule: 'cascade' })
  workflow!: EntityWorkflow;

  /** Lower-cased. */
  @Property({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 2 })
  language!: Language;

  /** Their own manager's address as the tree had it; null at the top. */
  @Property({ type: 'string', length: 254, nullable: true })
  managerEmail: string | null = null;

  /** Direct reports in the tree at the last import: the team that the session is for. */
  @Property({ type: 'integer' })
  directReports = 0;

  @Property({ type: 'string', length: 40 })
  state!: string;

  @Property({ type: 'integer' })
  escalationLevel = 0;

  /** When the manager's turn came: their manager's session was recorded, or the launch. */
  @Property({ type: 'Date', nullable: true })
  turnAt: Date | null = null;

  @Property({ type: 'integer' })
  sessionsLed = 0;

  /** The scheduled session: its start, length, place or link and language. */
  @Property({ type: 'Date', nullable: true })
  sessionStartsAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  sessionMinutes: number | null = null;

  @Property({ type: 'string', length: 300, nullable: true })
  sessionPlace: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  sessionUrl: string | null = null;

  @Property({ type: 'string', length: 2, nullable: true })
  sessionLanguage: Language | null = null;

  /** RFC 5545 SEQUENCE of the team's invitation: raised by every change, so calendars apply the latest. */
  @Property({ type: 'integer' })
  calendarSequence = 0;

  @Property({ type: 'text', nullable: true })
  excuseReason: string | null = null;

  @Property({ type: 'Date' })
  updatedAt!: Date;

  /** As on the entity's instance: every event moves the version, which keys its mails uniquely. */
  @Property({ type: 'integer' })
  eventsRecorded = 0;

  @Property({ type: 'integer', version: true })
  version!: number;
}
