import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';
import type { ReportContent } from './report-model';

/** An issued report: a frozen, numbered record (re-issuing adds a version, never changes one). */
@Entity({ tableName: 'report' })
@Unique({ properties: ['dialogue', 'version'] })
export class Report {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Dialogue)
  dialogue!: Dialogue;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'Date' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 200 })
  issuedBy!: string;

  @Property({ type: 'json' })
  content!: ReportContent;
}
