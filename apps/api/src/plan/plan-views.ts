import { writeCsv, type PlanRow } from '@cascade/dialogue';

export const planRowView = (row: PlanRow) => ({
  key: row.key,
  entity: row.entity,
  entityName: row.entityName,
  timeZone: row.timeZone,
  timer: row.timer,
  kind: row.kind,
  dueAt: row.dueAt.toISOString(),
  localDueAt: row.localDueAt,
  mail: row.mailTemplate ? { template: row.mailTemplate, to: row.recipients } : null,
  event: row.event,
  escalationLevel: row.escalationLevel,
  status: row.status,
  condition: row.condition,
  closedAt: row.closedAt?.toISOString() ?? null,
  outcome: row.outcome,
  movedFrom: row.movedFrom,
  movedBecause: row.movedBecause,
});

/** Stable column names: the README documents them. */
export const PLAN_CSV_COLUMNS = [
  'entity',
  'entity_name',
  'time_zone',
  'timer',
  'kind',
  'due_at_utc',
  'due_at_local',
  'mail_template',
  'recipients',
  'event',
  'escalation_level',
  'status',
  'condition',
  'closed_at_utc',
  'outcome',
  'key',
] as const;

/** Text that starts like a formula is neutralised by `writeCsv` (README: the CSV exports). */
export function planCsv(rows: PlanRow[]): string {
  return writeCsv(
    PLAN_CSV_COLUMNS,
    rows.map((row) => [
      row.entity ?? '',
      row.entityName ?? '',
      row.timeZone,
      row.timer,
      row.kind,
      row.dueAt.toISOString(),
      row.localDueAt,
      row.mailTemplate ?? '',
      row.recipients.join(' '),
      row.event ?? '',
      row.escalationLevel ?? '',
      row.status,
      row.condition ?? '',
      row.closedAt?.toISOString() ?? '',
      row.outcome ?? '',
      row.key ?? '',
    ]),
  );
}
