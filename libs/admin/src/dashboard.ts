import { Dialogue, EntityWorkflow, laggingEntities, MailMessage, nextTimers } from '@cascade/dialogue';
import { toMermaid } from '@cascade/workflow';
import type { ConsoleServices } from './console-services';
import { iso, percent, type ConsoleView } from './console-view';

export interface DashboardView extends ConsoleView {
  year: number | null;
  years: number[];
}

/**
 * The year at a glance: entities per state, participation so far (the latest statistics of each entity),
 * lagging entities with their escalation level and next timer, failed mails, and the pinned workflow diagram
 * (drawn in the browser from its Mermaid text).
 */
export async function dashboardView(
  services: ConsoleServices,
  requestedYear?: unknown,
): Promise<DashboardView> {
  const em = services.orm.em.fork();
  const dialogues = await em.find(Dialogue, {}, { orderBy: { year: 'desc' } });
  const years = dialogues.map((d) => d.year);
  const dialogue = dialogues.find((d) => String(d.year) === String(requestedYear)) ?? dialogues[0];
  if (!dialogue) {
    return {
      title: 'Cascade — the Ethics Office console',
      intro: 'No dialogue yet: create one (POST /api/dialogues) and import the entity list.',
      year: null,
      years,
    };
  }
  const definition = services.registry.get(dialogue.workflowId, dialogue.workflowVersion);
  const now = services.clock.now();
  const [summary, lagging, failedCount, failed, statistics] = await Promise.all([
    services.dialogues.summary(dialogue.year),
    laggingEntities(em, dialogue, definition, now),
    em.count(MailMessage, { dialogue, status: 'failed' }),
    em.find(MailMessage, { dialogue, status: 'failed' }, { orderBy: { id: 'desc' }, limit: 20 }),
    participationSoFar(services, dialogue.id),
  ]);
  const shown = lagging.slice(0, 50);
  const instances = shown.length
    ? await em.find(
        EntityWorkflow,
        { dialogue, entity: { code: { $in: shown.map((l) => l.code) } } },
        {
          populate: ['entity'],
        },
      )
    : [];
  const idOf = new Map(instances.map((i) => [i.entity.code, i.id]));
  const next = await nextTimers(
    em,
    dialogue.id,
    instances.map((i) => i.id),
  );
  const states = Object.keys(definition.states);
  return {
    title: `Leadership Dialogue ${dialogue.year}`,
    intro: dialogue.launchedAt
      ? `Launched ${iso(dialogue.launchedAt)}; statistics due ${dialogue.statisticsDeadline}; report cutoff ${dialogue.reportCutoff}.`
      : `Not launched yet (Dialogues → ${dialogue.year} → Launch). Statistics due ${dialogue.statisticsDeadline}.`,
    year: dialogue.year,
    years,
    facts: [
      ['Entities', summary.entities],
      ['Statistics received', `${statistics.entities} entities`],
      ['Participation rate so far', percent(statistics.rate)],
      ['Staff who participated / eligible', `${statistics.participated} / ${statistics.eligible}`],
      ['Lagging entities', lagging.length],
      ['Failed mails', failedCount],
      ['Report issued', iso(dialogue.reportIssuedAt) ?? 'not yet'],
      ['Workflow', `${definition.id} v${definition.version}`],
    ],
    tables: [
      {
        id: 'states',
        title: 'Entities per state',
        columns: ['State', 'Entities'],
        rows: [
          ...states.map((s) => [s, summary.byState[s] ?? 0]),
          ...Object.keys(summary.byState)
            .filter((s) => !states.includes(s))
            .map((s) => [s, summary.byState[s]]),
        ],
      },
      {
        id: 'lagging',
        title: `Lagging entities${lagging.length > shown.length ? ` (the ${shown.length} most escalated)` : ''}`,
        empty: 'No entity is lagging.',
        columns: ['Entity', 'State', 'Escalation level', 'Effective deadline', 'Days overdue', 'Next timer'],
        rows: shown.map((l) => {
          const timer = next.get(idOf.get(l.code) ?? -1);
          return [
            `${l.code} — ${l.name}`,
            l.state,
            l.escalationLevel,
            l.effectiveDeadline,
            l.daysOverdue,
            timer ? `${timer.kind} (${timer.timerId}) at ${timer.localDueAt}` : null,
          ];
        }),
      },
      {
        id: 'failed-mails',
        title: 'Failed mails (latest 20)',
        empty: 'No mail failed.',
        columns: ['Id', 'Entity', 'To', 'Template', 'Attempts', 'Error'],
        rows: failed.map((m) => [
          m.id,
          m.entityCode,
          m.recipientAddress,
          m.template,
          m.attempts,
          m.lastError,
        ]),
      },
    ],
    diagram: {
      id: 'diagram',
      title: `Workflow diagram (${definition.id} v${definition.version})`,
      mermaid: toMermaid(definition),
    },
    links: [{ label: 'Queues', href: '/admin/queues' }],
  };
}

/** Participation from the latest statistics revision of each entity of the year, in one query. */
async function participationSoFar(services: ConsoleServices, dialogueId: number) {
  const em = services.orm.em.fork();
  const rows: {
    entities: number | string;
    eligible: number | string | null;
    participated: number | string | null;
  }[] = await em.getConnection().execute(
    `select count(*) as entities, sum(s.eligible_staff) as eligible, sum(s.staff_participated) as participated
       from statistics s join entity_workflow w on w.id = s.workflow_id
       where w.dialogue_id = ? and s.revision = (select max(s2.revision) from statistics s2 where s2.workflow_id = s.workflow_id)`,
    [dialogueId],
  );
  const eligible = Number(rows[0]?.eligible ?? 0);
  const participated = Number(rows[0]?.participated ?? 0);
  return {
    entities: Number(rows[0]?.entities ?? 0),
    eligible,
    participated,
    rate: eligible > 0 ? participated / eligible : null,
  };
}
