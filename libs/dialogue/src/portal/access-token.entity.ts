import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { SessionRecord } from '../session/session-record.entity';
import type { Language } from '../shared/languages';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import type { TokenRole } from './portal.types';

/**
 * A token link: the random token itself is never stored, only its SHA-256. Scoped to one entity's instance and
 * one role (and, for leaders and participants, one person or one session); expires at the end of the report
 * cutoff; revocable.
 */
@Entity({ tableName: 'access_token' })
@Index({ properties: ['workflow', 'role'] })
@Index({ properties: ['issuedFrom'] })
export class AccessToken {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne(() => EntityWorkflow)
  workflow!: EntityWorkflow;

  @Property({ type: 'string', length: 20 })
  role!: TokenRole;

  /** The Focal Point's, Head's or leader's address; null for a session's participants. */
  @Property({ type: 'string', length: 254, nullable: true })
  subjectEmail: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  subjectName: string | null = null;

  @ManyToOne(() => SessionRecord, { nullable: true })
  session: SessionRecord | null = null;

  @Property({ type: 'string', length: 2 })
  language!: Language;

  @Property({ type: 'Date' })
  createdAt!: Date;

  @Property({ type: 'Date' })
  expiresAt!: Date;

  @Property({ type: 'Date', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  createdBy: string | null = null;

  /**
   * The link this one was made from: a leader's link from the Focal Point's or the Head's, a session's
   * participants' link from the link that reported the session; null for a link the Ethics Office issued.
   * Revoking a link can revoke the links made from it, and theirs.
   */
  @ManyToOne(() => AccessToken, { nullable: true })
  issuedFrom: AccessToken | null = null;
}
