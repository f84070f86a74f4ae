import { EntityManager } from '@mikro-orm/core';
import { BaseSqlitePlatform } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import type { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { findInstance } from '../workflow-instance/instance-lookup';
import { annexEPrefillOf, type AnnexEPrefill, type AnnexERecords } from './annex-e-prefill';
import { StatisticsSubmission } from './statistics-submission.entity';

/**
 * The sums of an entity's sessions and reporting tree in one statement: the database adds them up, however many
 * sessions there are. The agencies' maps are opened with the dialect's JSON function (the one difference between
 * SQLite and PostgreSQL here) and summed per spelling; merging spellings is the pure function's.
 */
function recordsStatement(em: EntityManager): string {
  const sqlite = em.getPlatform() instanceof BaseSqlitePlatform;
  const eachEntry = sqlite ? 'json_each' : 'jsonb_each_text';
  const toObject = sqlite ? 'json_group_object' : 'jsonb_object_agg';
  return `select s.sessions, s.leaders, s.staff, s.non_staff, s.without_breakdown, t.people, t.managers,
  (select ${toObject}(a.agency, a.participants) from (
     select e.key as agency, sum(cast(e.value as integer)) as participants
     from "session" x, ${eachEntry}(x.other_agency_participants) e
     where x.workflow_id = ? group by e.key) a) as agencies
from (select count(*) as sessions, count(distinct leader_email) as leaders,
        sum(coalesce(staff_participants, participants)) as staff,
        sum(coalesce(non_staff_participants, 0)) as non_staff,
        sum(case when staff_participants is null then 1 else 0 end) as without_breakdown
      from "session" where workflow_id = ?) s
cross join (select count(*) as people, sum(case when is_manager then 1 else 0 end) as managers
      from person where entity_id = ?) t`;
}

type Count = number | string | null;
interface RecordsRow {
  sessions: Count;
  leaders: Count;
  staff: Count;
  non_staff: Count;
  without_breakdown: Count;
  people: Count;
  managers: Count;
  /** Text from SQLite, parsed already by PostgreSQL's client; null when no session names an agency. */
  agencies: string | Record<string, Count> | null;
}

function recordsOfRow(row: RecordsRow | undefined): AnnexERecords {
  const n = (value: Count | undefined) => Number(value ?? 0);
  const raw = row?.agencies ?? {};
  const agencies = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, Count>) : raw;
  return {
    sessions: n(row?.sessions),
    leaders: n(row?.leaders),
    staff: n(row?.staff),
    nonStaff: n(row?.non_staff),
    withoutBreakdown: n(row?.without_breakdown),
    agencies: Object.fromEntries(Object.entries(agencies).map(([name, count]) => [name, n(count)])),
    people: n(row?.people),
    managers: n(row?.managers),
  };
}

/** Annex E as the Focal Point's form starts it: the records' sums, or the previous submission. */
@Injectable()
export class AnnexEPrefillQueryService {
  constructor(private readonly em: EntityManager) {}

  /** One entity of one year (404 for an unknown year or entity). */
  async forEntity(year: number, code: string): Promise<AnnexEPrefill> {
    const em = this.em.fork();
    return this.ofInstance(em, await findInstance(em, year, code));
  }

  /**
   * Two statements: the sums of the records, and the latest submission (none when the caller read it already and
   * passes it, `null` included).
   */
  async ofInstance(
    em: EntityManager,
    instance: EntityWorkflow,
    latest?: StatisticsSubmission | null,
  ): Promise<AnnexEPrefill> {
    const [records, previous] = await Promise.all([
      this.recordsOf(em, instance),
      latest !== undefined
        ? latest
        : em.findOne(StatisticsSubmission, { workflow: instance }, { orderBy: { revision: 'desc' } }),
    ]);
    return annexEPrefillOf(records, previous);
  }

  /** The sums of the instance's sessions and of its entity's reporting tree, in one statement. */
  async recordsOf(em: EntityManager, instance: EntityWorkflow): Promise<AnnexERecords> {
    const rows: RecordsRow[] = await em
      .getConnection()
      .execute(
        recordsStatement(em),
        [instance.id, instance.id, instance.entity.id],
        'all',
        em.getTransactionContext(),
      );
    return recordsOfRow(rows[0]);
  }
}
