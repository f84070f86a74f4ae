import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';

export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * One mail to one recipient, exactly as rendered: the proof of what was sent, when and to whom. Written when
 * the mail is composed; its delivery job's id is derived from the row, and so is its Message-ID.
 */
@Entity({ tableName: 'mail' })
@Index({ properties: ['dialogue', 'status', 'id'] })
@Index({ properties: ['workflow', 'id'] })
@Index({ properties: ['entityCode', 'id'] }) // the console's mail list filtered by entity
export class MailMessage {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** `<source>#<recipient address>`: composing the same cause twice writes nothing new. */
  @Property({ type: 'string', length: 500, unique: true })
  key!: string;

  /** What caused it: the id of the compose job (a transition's or a timer's mail), or a resend. */
  @Property({ type: 'string', length: 250, index: true })
  source!: string;

  @ManyToOne(() => Dialogue)
  dialogue!: Dialogue;

  @ManyToOne(() => EntityWorkflow, { nullable: true })
  workflow: EntityWorkflow | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  entityCode: string | null = null;

  @Property({ type: 'string', length: 60 })
  template!: string;

  @Property({ type: 'string', length: 2 })
  language!: string;

  @Property({ type: 'string', length: 30 })
  recipientRole!: string;

  @Property({ type: 'string', length: 200 })
  recipientName!: string;

  @Property({ type: 'string', length: 254 })
  recipientAddress!: string;

  @Property({ type: 'string', length: 500 })
  subject!: string;

  @Property({ type: 'text' })
  html!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'string', length: 300 })
  messageId!: string;

  // A plain column: see Timer.status on MikroORM's SQLite enum introspection.
  @Property({ type: 'string', length: 20 })
  status: MailStatus = 'queued';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** A calendar invitation (RFC 5545) composed with the mail, and its method (REQUEST or CANCEL). */
  @Property({ type: 'text', nullable: true })
  calendar: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  calendarMethod: string | null = null;

  /** The session whose participants' feedback link this mail carries (made at delivery, like every link). */
  @Property({ type: 'integer', nullable: true })
  linkSessionId: number | null = null;

  @Property({ type: 'Date' })
  createdAt!: Date;

  @Property({ type: 'Date', nullable: true })
  sentAt: Date | null = null;

  /** The timer that caused it, if one did. */
  @Property({ type: 'string', length: 200, nullable: true })
  timerKey: string | null = null;

  /** For a resend: the mail it repeats. */
  @Property({ type: 'integer', nullable: true })
  resentFrom: number | null = null;
}
