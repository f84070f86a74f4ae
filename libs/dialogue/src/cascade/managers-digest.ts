import type { EntityManager } from '@mikro-orm/core';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { localDateOf, nextDigest, type WorkflowDefinition } from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { daysBetween } from '../shared/dates';
import { cancel, timerKey } from '../timers/timer-planner';
import { Timer } from '../timers/timer.entity';
import { ManagerWorkflow } from './manager-workflow.entity';

/** The timer id of the managers' digest: one pending timer per zone of the dialogue's entities. */
export const MANAGERS_DIGEST = 'managers-digest';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps exactly one pending managers' digest for each of `zones`: the next slot after `after` in that zone (none
 * once the report is issued or the cutoff has passed). Digests of other zones are left alone.
 */
export async function planManagersDigests(
  em: EntityManager,
  dialogue: Dialogue,
  definition: WorkflowDefinition,
  zones: readonly string[],
  after: Date,
  now: Date,
  reason: string,
): Promise<void> {
  const digest = definition.digest;
  if (!digest || zones.length === 0) return;
  const pending = await em.find(Timer, {
    dialogueId: dialogue.id,
    workflowId: null,
    managerId: null,
    timerId: MANAGERS_DIGEST,
    status: 'pending',
  });
  for (const zone of new Set(zones)) {
    const next = dialogue.reportIssuedAt ? null : nextDigest(definition, after, dialogue.reportCutoff, zone);
    let kept = false;
    for (const timer of pending.filter((t) => t.mail?.timeZone === zone)) {
      if (next && !kept && timer.dueAt.getTime() === next.dueAt.getTime()) kept = true;
      else cancel(timer, now, reason);
    }
    if (kept || !next) continue;
    em.persist(
      em.create(Timer, {
        key: timerKey(`d${dialogue.id}`, MANAGERS_DIGEST, next.dueAt),
        dialogueId: dialogue.id,
        workflowId: null,
        managerId: null,
        timerId: MANAGERS_DIGEST,
        kind: 'digest',
        dueAt: next.dueAt,
        localDueAt: next.localDueAt,
        mail: { template: next.template, to: next.to, timeZone: zone },
        event: null,
        escalationLevel: null,
        status: 'pending',
        synced: false,
        createdAt: now,
        closedAt: null,
        outcome: null,
      }),
    );
  }
}

export interface LaggingManager {
  name: string;
  email: string;
  state: string;
  turnOn: string;
  daysSinceTurn: number;
}

/**
 * Fires one zone's digest: for each entity of the zone with lagging managers (their turn came more than the
 * definition's `laggingAfterDays` ago and they have not scheduled or held their session), one mail to its Focal
 * Points with the list frozen as of now; then plans the zone's next digest. Returns how many entities had one.
 */
export async function fireManagersDigest(
  em: EntityManager,
  timer: Timer,
  dialogue: Dialogue,
  definition: WorkflowDefinition,
  now: Date,
): Promise<number> {
  const zone = timer.mail?.timeZone as string;
  const lagAfter = definition.parameters['laggingAfterDays'] ?? 14;
  const lagging = await em.find(
    ManagerWorkflow,
    {
      workflow: { dialogue: dialogue.id, entity: { timeZone: zone } },
      state: 'your-turn',
      turnAt: { $lte: new Date(now.getTime() - lagAfter * DAY_MS) },
    },
    { orderBy: { workflow: 'asc', turnAt: 'asc', name: 'asc' } },
  );
  const today = localDateOf(now, zone);
  const byInstance = new Map<number, LaggingManager[]>();
  for (const m of lagging) {
    const turnOn = localDateOf(m.turnAt as Date, zone);
    const list = byInstance.get(m.workflow.id) ?? [];
    list.push({
      name: m.name,
      email: m.email,
      state: m.state,
      turnOn,
      daysSinceTurn: daysBetween(turnOn, today),
    });
    byInstance.set(m.workflow.id, list);
  }
  const counts = await countsByInstance(em, [...byInstance.keys()]);
  for (const [workflowId, managers] of byInstance) {
    enqueueInOutbox(
      em,
      JobName.SendMail,
      {
        workflowId,
        template: timer.mail?.template as string,
        audience: [...(timer.mail?.to ?? [])],
        timerKey: timer.key,
        at: timer.dueAt.toISOString(),
        data: { managers, counts: { ...counts.get(workflowId), lagging: managers.length } },
      },
      `mail.timer.${timer.key}.${workflowId}`,
      now,
    );
  }
  // After an outage the missed digests are not replayed: the next one is the next slot from now.
  const after = new Date(Math.max(now.getTime(), timer.dueAt.getTime()));
  await planManagersDigests(em, dialogue, definition, [zone], after, now, 'superseded by the next digest');
  return byInstance.size;
}

async function countsByInstance(em: EntityManager, ids: number[]) {
  const out = new Map<number, { managers: number; held: number; scheduled: number }>();
  if (ids.length === 0) return out;
  const rows = (await em
    .getConnection()
    .execute(
      `select workflow_id, state, count(*) as n from manager_workflow where workflow_id in (${ids.map(() => '?').join(',')}) and state <> 'withdrawn' group by workflow_id, state`,
      ids,
      'all',
      em.getTransactionContext(),
    )) as { workflow_id: number; state: string; n: number }[];
  for (const r of rows) {
    const id = Number(r.workflow_id);
    const c = out.get(id) ?? { managers: 0, held: 0, scheduled: 0 };
    c.managers += Number(r.n);
    if (r.state === 'held') c.held += Number(r.n);
    if (r.state === 'scheduled') c.scheduled += Number(r.n);
    out.set(id, c);
  }
  return out;
}
