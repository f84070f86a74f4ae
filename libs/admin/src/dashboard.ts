import type {
  Dialogue,
  EntityEngagement,
  LaggingWithTimers,
  MailMessage,
  ParticipationSoFar,
} from '@cascade/dialogue';
import { toMermaid, type WorkflowDefinition } from '@cascade/workflow';
import { cascadeLink } from './actions/action-kit';
import type { ActionDeps } from './console-action';
import { bar, iso, percent, type ConsoleTable, type ConsoleView } from './console-view';

export interface DashboardView extends ConsoleView {
  year: number | null;
  years: number[];
}

/** The lagging entities shown with their next timer (the most escalated). */
const LAGGING_SHOWN = 50;
const FAILED_SHOWN = 20;
/** Entities shown with their managers engaged; beyond this many, the least engaged. */
const ENGAGEMENT_SHOWN = 100;

/** What the dashboard of one year is made of, read from the domain. */
interface YearFigures {
  dialogue: Dialogue;
  definition: WorkflowDefinition;
  byState: Record<string, number>;
  entities: number;
  lagging: LaggingWithTimers;
  failed: { count: number; latest: MailMessage[] };
  participation: ParticipationSoFar;
  engagement: EntityEngagement[];
}

/**
 * The year at a glance: entities per state, participation so far (the latest statistics of each entity), managers
 * engaged per entity with a reporting tree, lagging entities with their escalation level and next timer, failed
 * mails, and the pinned workflow diagram (drawn in the browser from its Mermaid text).
 */
export async function dashboardView(
  { services, queries }: ActionDeps,
  requestedYear?: unknown,
): Promise<DashboardView> {
  const dialogues = await queries.dialogues.newestFirst();
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
  const [summary, lagging, failed, participation, engagement] = await Promise.all([
    services.dialogues.summary(dialogue.year),
    queries.instances.lagging(dialogue, definition, services.clock.now(), LAGGING_SHOWN),
    queries.mails.failed(dialogue, FAILED_SHOWN),
    queries.participation.soFar(dialogue.id),
    queries.cascade.engagement(dialogue.id),
  ]);
  const figures: YearFigures = {
    dialogue,
    definition,
    byState: summary.byState,
    entities: summary.entities,
    lagging,
    failed,
    participation,
    engagement,
  };
  return { ...yearView(figures), years };
}

function yearView(f: YearFigures): Omit<DashboardView, 'years'> {
  const { dialogue, definition, participation, engagement } = f;
  const managers = engagement.reduce((sum, e) => sum + e.managers, 0);
  const engaged = engagement.reduce((sum, e) => sum + e.engaged, 0);
  return {
    title: `Leadership Dialogue ${dialogue.year}`,
    intro: dialogue.launchedAt
      ? `Launched ${iso(dialogue.launchedAt)}; statistics due ${dialogue.statisticsDeadline}; report cutoff ${dialogue.reportCutoff}.`
      : `Not launched yet (Dialogues → ${dialogue.year} → Launch). Statistics due ${dialogue.statisticsDeadline}.`,
    year: dialogue.year,
    facts: [
      ['Entities', f.entities],
      ['Statistics received', `${participation.entities} entities`],
      ['Participation rate so far', percent(participation.rate)],
      ['Staff who participated / eligible', `${participation.participated} / ${participation.eligible}`],
      ['Managers engaged (led a session)', bar(engaged, managers)],
      ['Lagging entities', f.lagging.lagging.length],
      ['Failed mails', f.failed.count],
      ['Report issued', iso(dialogue.reportIssuedAt) ?? 'not yet'],
      ['Workflow', `${definition.id} v${definition.version}`],
    ],
    tables: [
      statesTable(definition, f.byState),
      engagementTable(engagement),
      laggingTable(f.lagging),
      failedTable(f.failed.latest),
    ],
    diagram: {
      id: 'diagram',
      title: `Workflow diagram (${definition.id} v${definition.version})`,
      mermaid: toMermaid(definition),
    },
    links: [{ label: 'Queues', href: '/admin/queues' }],
  };
}

/** The definition's states in its order, then any state only the data knows (an older version's). */
function statesTable(definition: WorkflowDefinition, byState: Record<string, number>): ConsoleTable {
  const states = Object.keys(definition.states);
  return {
    id: 'states',
    title: 'Entities per state',
    columns: ['State', 'Entities'],
    rows: [
      ...states.map((s) => [s, byState[s] ?? 0]),
      ...Object.keys(byState)
        .filter((s) => !states.includes(s))
        .map((s) => [s, byState[s]]),
    ],
  };
}

/** Entities by code; when there are too many to show, the least engaged (the ones to look at) by code. */
function engagementTable(engagement: EntityEngagement[]): ConsoleTable {
  const ratio = (e: EntityEngagement) => (e.managers > 0 ? e.engaged / e.managers : 1);
  const shown =
    engagement.length > ENGAGEMENT_SHOWN
      ? [...engagement]
          .sort((a, b) => ratio(a) - ratio(b) || a.code.localeCompare(b.code))
          .slice(0, ENGAGEMENT_SHOWN)
          .sort((a, b) => a.code.localeCompare(b.code))
      : engagement;
  return {
    id: 'managers-engaged',
    title: `Managers engaged per entity${shown.length < engagement.length ? ` (the ${shown.length} least engaged of ${engagement.length})` : ''}`,
    empty: 'No reporting tree imported yet.',
    columns: ['Entity', 'Managers who led a session'],
    rows: shown.map((e) => [
      { ...cascadeLink(e.workflowId), label: `${e.code} — ${e.name}` },
      bar(e.engaged, e.managers),
    ]),
  };
}

function laggingTable({ lagging, nextTimerOf }: LaggingWithTimers): ConsoleTable {
  const shown = lagging.slice(0, LAGGING_SHOWN);
  return {
    id: 'lagging',
    title: `Lagging entities${lagging.length > shown.length ? ` (the ${shown.length} most escalated)` : ''}`,
    empty: 'No entity is lagging.',
    columns: ['Entity', 'State', 'Escalation level', 'Effective deadline', 'Days overdue', 'Next timer'],
    rows: shown.map((l) => {
      const timer = nextTimerOf.get(l.code);
      return [
        `${l.code} — ${l.name}`,
        l.state,
        l.escalationLevel,
        l.effectiveDeadline,
        l.daysOverdue,
        timer ? `${timer.kind} (${timer.timerId}) at ${timer.localDueAt}` : null,
      ];
    }),
  };
}

function failedTable(failed: MailMessage[]): ConsoleTable {
  return {
    id: 'failed-mails',
    title: `Failed mails (latest ${FAILED_SHOWN})`,
    empty: 'No mail failed.',
    columns: ['Id', 'Entity', 'To', 'Template', 'Attempts', 'Error'],
    rows: failed.map((m) => [m.id, m.entityCode, m.recipientAddress, m.template, m.attempts, m.lastError]),
  };
}
