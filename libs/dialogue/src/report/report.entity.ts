import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Dialogue } from '../dialogue/dialogue.entity';

export interface ReportRow {
  code: string;
  name: string;
  kind: string;
  state: string;
  completed: boolean;
  eligibleStaff: number | null;
  staffParticipated: number | null;
  sessionsHeld: number | null;
  managersLed: number | null;
}

export interface ReportContent {
  rows: ReportRow[];
  totals: {
    entities: number;
    completed: number;
    eligibleStaff: number;
    staffParticipated: number;
    sessionsHeld: number;
  };
}

/** An issued report: a frozen, numbered record. */
@Entity({ tableName: 'report' })
@Unique({ properties: ['dialogue', 'version'] })
export class Report {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Dialogue)
  dialogue!: Dialogue;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'datetime' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 200 })
  issuedBy!: string;

  @Property({ type: 'json' })
  content!: ReportContent;
}
