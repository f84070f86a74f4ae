import type { EntityManager } from '@mikro-orm/core';
import { Timer } from './timer.entity';

/** The earliest pending timer of each instance (two queries, whatever the number of instances). */
export async function nextTimers(em: EntityManager, dialogueId: number, workflowIds?: number[]) {
  const only = workflowIds ? ` and workflow_id in (${workflowIds.map(() => '?').join(',') || 'null'})` : '';
  const rows: { id: number }[] = await em.getConnection().execute(
    `select t.id from timer t join (
       select workflow_id, min(due_at) as due_at from timer
       where dialogue_id = ? and status = 'pending' and workflow_id is not null${only}
       group by workflow_id
     ) firsts on firsts.workflow_id = t.workflow_id and firsts.due_at = t.due_at
     where t.status = 'pending'`,
    [dialogueId, ...(workflowIds ?? [])],
  );
  const timers = await em.find(Timer, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'asc' } });
  const byWorkflow = new Map<number, Timer>();
  for (const timer of timers) {
    if (!byWorkflow.has(timer.workflowId as number)) byWorkflow.set(timer.workflowId as number, timer);
  }
  return byWorkflow;
}
