import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { SessionRecord } from '../session/session-record.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

/** A Focal Point's request for a later deadline; the Ethics Office grants (an extension) or refuses it. */
@Entity({ tableName: 'extension_request' })
@Index({ properties: ['workflow', 'id'] })
export class ExtensionRequest {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'string', length: 10 })
  wishedDeadline!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'string', length: 254 })
  requestedBy!: string;

  @Property({ type: 'Date' })
  requestedAt!: Date;

  /** pending | granted | refused */
  @Property({ type: 'string', length: 20 })
  status = 'pending';

  @Property({ type: 'text', nullable: true })
  decisionReason: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'Date', nullable: true })
  decidedAt: Date | null = null;
}

/** An additional scenario an entity proposes; the Ethics Office approves or rejects it before it is used. */
@Entity({ tableName: 'scenario_proposal' })
@Index({ properties: ['workflow', 'id'] })
export class ScenarioProposal {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'string', length: 254 })
  proposedBy!: string;

  @Property({ type: 'Date' })
  proposedAt!: Date;

  /** pending | approved | rejected */
  @Property({ type: 'string', length: 20 })
  status = 'pending';

  @Property({ type: 'text', nullable: true })
  feedback: string | null = null;

  @Property({ type: 'Date', nullable: true })
  decidedAt: Date | null = null;
}

/** A seminar asked of the Ethics Office (held jointly with expert offices), tracked until held. */
@Entity({ tableName: 'seminar_request' })
@Index({ properties: ['workflow', 'id'] })
export class SeminarRequest {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'string', length: 200 })
  topic!: string;

  @Property({ type: 'string', length: 100 })
  preferredPeriod!: string;

  @Property({ type: 'integer' })
  expectedParticipants!: number;

  @Property({ type: 'text', nullable: true })
  details: string | null = null;

  @Property({ type: 'string', length: 254 })
  requestedBy!: string;

  @Property({ type: 'Date' })
  requestedAt!: Date;

  /** requested | scheduled | held | cancelled */
  @Property({ type: 'string', length: 20 })
  status = 'requested';
}

/** A question a session could not answer; it reaches the Ethics Office, whose answer is mailed to the leader. */
@Entity({ tableName: 'session_question' })
export class SessionQuestion {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => SessionRecord)
  session!: SessionRecord;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  answeredBy: string | null = null;

  @Property({ type: 'Date', nullable: true })
  answeredAt: Date | null = null;
}

/**
 * Annex F: one participant's anonymous feedback on a session. Nothing about the person is kept — no token, no
 * address, no time of day: only the session and the day.
 */
@Entity({ tableName: 'participant_feedback' })
@Index({ properties: ['session'] })
export class ParticipantFeedback {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => SessionRecord)
  session!: SessionRecord;

  @Property({ type: 'integer' })
  usefulness!: number;

  @Property({ type: 'integer' })
  openness!: number;

  @Property({ type: 'integer' })
  relevance!: number;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  @Property({ type: 'string', length: 10 })
  givenOn!: string;
}
