import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Translated } from '../shared/languages';

export interface Materials {
  leadersGuide: Translated;
  participantsGuide: Translated;
  presentation: Translated;
}

/** One year's Leadership Dialogue. Dates are calendar days (YYYY-MM-DD), read in each entity's time zone. */
@Entity({ tableName: 'dialogue' })
export class Dialogue {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', unique: true })
  year!: number;

  @Property({ type: 'json' })
  topic!: Translated;

  @Property({ type: 'json' })
  materials!: Materials;

  @Property({ type: 'string', length: 10 })
  statisticsDeadline!: string;

  @Property({ type: 'string', length: 10 })
  reportCutoff!: string;

  /** The definition this year pinned when it was created; later versions never change a running year. */
  @Property({ type: 'string', length: 100 })
  workflowId!: string;

  @Property({ type: 'integer' })
  workflowVersion!: number;

  /** The managers' definition, pinned with the entities' one. */
  @Property({ type: 'string', length: 100, default: 'manager-session' })
  managerWorkflowId!: string;

  @Property({ type: 'integer', default: 1 })
  managerWorkflowVersion!: number;

  @Property({ type: 'Date' })
  createdAt!: Date;

  @Property({ type: 'Date', nullable: true })
  launchedAt: Date | null = null;

  @Property({ type: 'Date', nullable: true })
  reportIssuedAt: Date | null = null;
}
