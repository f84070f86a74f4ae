import type {
  Dialogue,
  EntityEngagement,
  LaggingWithTimers,
  LaunchPreview,
  MailMessage,
  ParticipationByKind,
  ParticipationSoFar,
  ReportContent,
} from '@cascade/dialogue';
import { toMermaid, type WorkflowDefinition } from '@cascade/workflow';
import { cascadeLink } from './actions/action-kit';
import type { ConsoleLanguage } from '@cascade/dialogue';
import type { ActionDeps } from './console-action';
import { bar, iso, percent, queryLink, type ConsoleTable, type ConsoleView } from './console-view';
import {
  managersEngagedChart,
  participationByKindChart,
  statesOverTimeChart,
  type DashboardChart,
} from './dashboard-charts';
import { translator, type Translate } from './locale/console-text';

export interface DashboardView extends ConsoleView {
  year: number | null;
  years: number[];
  /** Drawn by Chart.js in the browser, above the tables. */
  charts?: DashboardChart[];
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
  /** Once launched: entities per state week by week, and participation per kind of entity, as of now. */
  trends: { statesOverTime: ReportContent['statesOverTime']; byKind: ParticipationByKind[] } | null;
  /** Before the launch: whom launching will invite. */
  launch: LaunchPreview | null;
  /** Whether the account may act (the lagging entities' "Remind now"). */
  mayAct: boolean;
}

/**
 * The year at a glance, in the account's language: entities per state, participation so far (the latest
 * statistics of each entity), managers engaged per entity with a reporting tree, lagging entities with their
 * escalation level and next timer, failed mails, and the pinned workflow diagram (drawn in the browser from its
 * Mermaid text).
 */
export async function dashboardView(
  { services, queries }: ActionDeps,
  requestedYear?: unknown,
  language: ConsoleLanguage = 'en',
  mayAct = false,
): Promise<DashboardView> {
  const t = translator(language);
  const dialogues = await queries.dialogues.newestFirst();
  const years = dialogues.map((d) => d.year);
  const dialogue = dialogues.find((d) => String(d.year) === String(requestedYear)) ?? dialogues[0];
  if (!dialogue) {
    return {
      title: t('dashboard.noDialogueTitle'),
      intro: t('dashboard.noDialogueIntro'),
      year: null,
      years,
    };
  }
  const definition = services.registry.get(dialogue.workflowId, dialogue.workflowVersion);
  const launched = !!dialogue.launchedAt;
  const [summary, lagging, failed, participation, engagement, statesOverTime, byKind, launch] =
    await Promise.all([
      services.dialogues.summary(dialogue.year),
      queries.instances.lagging(dialogue, definition, services.clock.now(), LAGGING_SHOWN),
      queries.mails.failed(dialogue, FAILED_SHOWN),
      queries.participation.soFar(dialogue.id),
      queries.cascade.engagement(dialogue.id),
      launched ? services.reports.statesOverTime(dialogue.year) : null,
      launched ? queries.participation.byKind(dialogue.id) : null,
      launched ? null : queries.launchPreview.forDialogue(dialogue.id),
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
    trends: statesOverTime && byKind ? { statesOverTime, byKind } : null,
    launch,
    mayAct,
  };
  return { ...yearView(t, figures, language), years };
}

function yearView(t: Translate, f: YearFigures, language: ConsoleLanguage): Omit<DashboardView, 'years'> {
  const { dialogue, definition, participation, engagement } = f;
  const managers = engagement.reduce((sum, e) => sum + e.managers, 0);
  const engaged = engagement.reduce((sum, e) => sum + e.engaged, 0);
  const { year, statisticsDeadline: deadline, reportCutoff: cutoff } = dialogue;
  return {
    title: t('dashboard.title', { year }),
    intro: dialogue.launchedAt
      ? t('dashboard.launched', { at: iso(dialogue.launchedAt), deadline, cutoff })
      : t('dashboard.notLaunched', { year, deadline }),
    year,
    facts: [
      ...(f.launch ? launchFacts(t, f.launch) : [[t('dashboard.entities'), f.entities] as [string, unknown]]),
      [
        t('dashboard.statisticsReceived'),
        t('dashboard.statisticsReceivedValue', { count: participation.entities }),
      ],
      [t('dashboard.statisticsReceivedProgress'), bar(participation.entities, f.entities)],
      [t('dashboard.participationSoFar'), percent(participation.rate, language)],
      [t('dashboard.staffParticipated'), bar(participation.participated, participation.eligible)],
      [t('dashboard.managersEngaged'), bar(engaged, managers)],
      [t('dashboard.laggingEntities'), f.lagging.lagging.length],
      [t('dashboard.failedMails'), f.failed.count],
      [t('dashboard.reportIssued'), iso(dialogue.reportIssuedAt) ?? t('dashboard.notYet')],
      [t('dashboard.workflow'), `${definition.id} v${definition.version}`],
    ],
    charts: f.trends ? chartsOf(t, f.trends, f.engagement, Object.keys(definition.states)) : [],
    tables: [
      ...(f.launch ? [launchTable(t, f.launch)] : []),
      statesTable(t, definition, f.byState),
      engagementTable(t, engagement),
      laggingTable(t, f.lagging, f.mayAct ? dialogue.year : null),
      failedTable(t, f.failed.latest),
    ],
    diagram: {
      id: 'diagram',
      title: t('dashboard.diagram', { id: definition.id, version: definition.version }),
      mermaid: toMermaid(definition),
    },
    links: [{ label: t('dashboard.queues'), href: '/admin/queues' }],
  };
}

/** The definition's states in its order, then any state only the data knows (an older version's). */
function statesTable(
  t: Translate,
  definition: WorkflowDefinition,
  byState: Record<string, number>,
): ConsoleTable {
  const states = Object.keys(definition.states);
  return {
    id: 'states',
    title: t('dashboard.statesTitle'),
    columns: [t('dashboard.state'), t('dashboard.entities')],
    rows: [
      ...states.map((s) => [s, byState[s] ?? 0]),
      ...Object.keys(byState)
        .filter((s) => !states.includes(s))
        .map((s) => [s, byState[s]]),
    ],
  };
}

/** Entities by code; when there are too many to show, the least engaged (the ones to look at) by code. */
function engagementTable(t: Translate, engagement: EntityEngagement[]): ConsoleTable {
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
    title:
      shown.length < engagement.length
        ? t('dashboard.engagementTitleSome', { shown: shown.length, total: engagement.length })
        : t('dashboard.engagementTitle'),
    empty: t('dashboard.engagementEmpty'),
    columns: [t('dashboard.entity'), t('dashboard.managersWhoLed')],
    rows: shown.map((e) => [
      { ...cascadeLink(t, e.workflowId), label: `${e.code} — ${e.name}` },
      bar(e.engaged, e.managers),
    ]),
  };
}

function chartsOf(
  t: Translate,
  trends: NonNullable<YearFigures['trends']>,
  engagement: EntityEngagement[],
  stateOrder: string[],
): DashboardChart[] {
  return [
    statesOverTimeChart(t, trends.statesOverTime, stateOrder),
    participationByKindChart(t, trends.byKind),
    ...(engagement.length > 0 ? [managersEngagedChart(t, engagement)] : []),
  ];
}

/** Before the launch, the entities are loaded but none is invited yet: say what launching will do. */
function launchFacts(t: Translate, launch: LaunchPreview): [string, unknown][] {
  return [
    [t('dashboard.entitiesToInvite'), launch.entities],
    [t('dashboard.invitationMails'), launch.mails],
  ];
}

/** Launch previews past this many entities show the first ones by code (the counts above cover all). */
const INVITATIONS_SHOWN = 200;

function launchTable(t: Translate, launch: LaunchPreview): ConsoleTable {
  const shown = launch.invitations.slice(0, INVITATIONS_SHOWN);
  return {
    id: 'launch-invitations',
    title:
      shown.length < launch.invitations.length
        ? t('dashboard.launchInvitationsSome', { shown: shown.length, total: launch.invitations.length })
        : t('dashboard.launchInvitations'),
    empty: t('dashboard.launchInvitationsEmpty'),
    columns: [t('dashboard.entity'), t('dashboard.kind'), t('dashboard.invitationTo')],
    rows: shown.map((i) => [
      `${i.code} — ${i.name}`,
      i.kind,
      i.recipients.length > 0 ? i.recipients.join(', ') : t('dashboard.noRecipient'),
    ]),
  };
}

/** `remindYear`: the year whose entities the account may remind now (null: a viewer, no button). */
function laggingTable(
  t: Translate,
  { lagging, nextTimerOf }: LaggingWithTimers,
  remindYear: number | null,
): ConsoleTable {
  const shown = lagging.slice(0, LAGGING_SHOWN);
  return {
    id: 'lagging',
    title:
      lagging.length > shown.length
        ? t('dashboard.laggingTitleSome', { shown: shown.length })
        : t('dashboard.laggingTitle'),
    empty: t('dashboard.laggingEmpty'),
    columns: [
      t('dashboard.entity'),
      t('dashboard.state'),
      t('common.escalationLevel'),
      t('common.effectiveDeadline'),
      t('dashboard.daysOverdue'),
      t('dashboard.nextTimer'),
      ...(remindYear !== null ? [t('dashboard.remind')] : []),
    ],
    rows: shown.map((l) => {
      const timer = nextTimerOf.get(l.code);
      return [
        `${l.code} — ${l.name}`,
        l.state,
        l.escalationLevel,
        l.effectiveDeadline,
        l.daysOverdue,
        timer
          ? t('dashboard.nextTimerValue', { kind: timer.kind, timerId: timer.timerId, due: timer.localDueAt })
          : null,
        // Read by the dashboard's component as a click to send (components/dashboard.jsx), not as a search.
        ...(remindYear !== null
          ? [queryLink(t('dashboard.remindNow'), { remind: l.code, year: String(remindYear) })]
          : []),
      ];
    }),
  };
}

function failedTable(t: Translate, failed: MailMessage[]): ConsoleTable {
  return {
    id: 'failed-mails',
    title: t('dashboard.failedTitle', { count: FAILED_SHOWN }),
    empty: t('dashboard.failedEmpty'),
    columns: [
      t('common.id'),
      t('dashboard.entity'),
      t('common.to'),
      t('common.template'),
      t('dashboard.attempts'),
      t('common.error'),
    ],
    rows: failed.map((m) => [m.id, m.entityCode, m.recipientAddress, m.template, m.attempts, m.lastError]),
  };
}
