import type { EntityManager } from '@mikro-orm/core';
import { enqueueInOutbox, JobName } from '@cascade/scheduling';
import { localDateOf, nextDigest, type WorkflowDefinition } from '@cascade/workflow';
import type { Dialogue } from '../dialogue/dialogue.entity';
import { daysBetween } from '../shared/dates';
import { cancel, timerKey } from '../timers/timer-planner';
import { Timer } from '../timers/timer.entity';
import { loadStationCalendars } from '../holidays/station-calendars';
import { EntityWorkflow } from '../workflow-instance/entity-workflow.entity';
import { ManagerWorkflow } from './manager-workflow.entity';

/** The timer id of the managers' digest: one pending timer per duty station of the dialogue's entities. */
export const MANAGERS_DIGEST = 'managers-digest';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A duty station and its zone: where a managers' digest goes, and on whose working days. */
export interface DigestStation {
  dutyStation: string;
  timeZone: string;
}

/**
 * Whether a pending managers' digest is the station's: its own, or one planned per zone (before digests followed
 * holidays) in the station's zone.
 */
export function digestCovers(timer: Timer, { dutyStation, timeZone }: DigestStation): boolean {
  const mail = timer.mail;
  return mail?.dutyStation ? mail.dutyStation === dutyStation : mail?.timeZone === timeZone;
}

/**
 * Keeps exactly one pending managers' digest for each of `stations`: the next slot after `after` in the station's
 * zone, past its public holidays (none once the report is issued or the cutoff has passed). Digests of other
 * stations are left alone. A digest planned per zone (before digests followed holidays) is replaced.
 */
export async function planManagersDigests(
  em: EntityManager,
  dialogue: Dialogue,
  definition: WorkflowDefinition,
  stations: readonly DigestStation[],
  after: Date,
  now: Date,
  reason: string,
): Promise<void> {
  const digest = definition.digest;
  if (!digest || stations.length === 0) return;
  const pending = await em.find(Timer, {
    dialogueId: dialogue.id,
    workflowId: null,
    managerId: null,
    timerId: MANAGERS_DIGEST,
    status: 'pending',
  });
  const unique = [...new Map(stations.map((s) => [s.dutyStation, s])).values()];
  const calendarOf = await loadStationCalendars(
    em,
    unique.map((s) => s.dutyStation),
  );
  for (const station of unique) {
    const { dutyStation, timeZone: zone } = station;
    const next = dialogue.reportIssuedAt
      ? null
      : nextDigest(definition, after, dialogue.reportCutoff, zone, calendarOf(dutyStation));
    let kept = false;
    for (const timer of pending.filter((t) => digestCovers(t, station))) {
      const same = next && timer.mail?.dutyStation && timer.dueAt.getTime() === next.dueAt.getTime();
      if (same && !kept) kept = true;
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
        mail: { template: next.template, to: next.to, timeZone: zone, dutyStation },
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
 * Fires one duty station's digest: for each entity of the station with lagging managers (their turn came more than the
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
  const dutyStation = timer.mail?.dutyStation;
  const lagAfter = definition.parameters['laggingAfterDays'] ?? 14;
  // A digest planned per zone (before digests followed holidays) still covers its whole zone once.
  const place = dutyStation ? { dutyStation } : { timeZone: zone };
  const lagging = await em.find(
    ManagerWorkflow,
    {
      workflow: { dialogue: dialogue.id, entity: place },
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
  const stations = dutyStation ? [{ dutyStation, timeZone: zone }] : await stationsOfZone(em, dialogue, zone);
  await planManagersDigests(em, dialogue, definition, stations, after, now, 'superseded by the next digest');
  return byInstance.size;
}

/** The duty stations of the dialogue's entities in a zone: what a digest planned per zone is replaced by. */
async function stationsOfZone(em: EntityManager, dialogue: Dialogue, zone: string): Promise<DigestStation[]> {
  const instances = await em.find(
    EntityWorkflow,
    { dialogue: dialogue.id, entity: { timeZone: zone } },
    { populate: ['entity'], fields: ['entity.dutyStation', 'entity.timeZone'] },
  );
  return instances.map((i) => ({ dutyStation: i.entity.dutyStation, timeZone: zone }));
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
