import type { InstanceTimeline } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, percent, type ConsoleTable } from '../console-view';
import { cascadeLink, instanceFacts } from './action-kit';

/**
 * An instance's whole story on one screen: facts, audit trail, mails, timers, and a link to its managers' cascade
 * (a tree of thousands of managers is read a page at a time there, never drawn here). Viewers too.
 */
export const timeline: ConsoleActionSpec = {
  name: 'timeline',
  label: 'Timeline',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  async show({ queries, recordId, services }) {
    const instance = await queries.instances.byId(recordId);
    const story = await queries.instances.timeline(instance);
    const { progress } = story;
    return {
      title: `${instance.entity.code} — ${instance.entity.name}`,
      facts: [
        ...instanceFacts(instance),
        ['Late addition', instance.lateAdded ? 'yes' : 'no'],
        ['Sessions recorded', instance.sessionsRecorded],
        ['Statistics submitted', iso(instance.statisticsSubmittedAt)],
        ['Head confirmed', iso(instance.headConfirmedAt)],
        ['Allowed overrides', services.workflows.allowedOverrides(instance).join(', ') || 'none'],
        [
          'Cascade progress',
          `${progress.managersWhoLed} / ${progress.managers} managers (${percent(progress.ratio)})`,
        ],
      ],
      tables: timelineTables(story),
      links: [cascadeLink(instance.id)],
    };
  },
};

function timelineTables({ audit, mails, timers }: InstanceTimeline) {
  const tables: ConsoleTable[] = [
    {
      id: 'audit',
      title: 'Audit trail (newest first)',
      columns: ['When', 'Who', 'Event', 'From', 'To', 'Reason'],
      rows: audit.map((a) => [iso(a.at), a.actor, a.event, a.fromState, a.toState, a.reason]),
    },
    {
      id: 'mails',
      title: 'Mails',
      columns: ['Id', 'Created', 'To', 'Template', 'Language', 'Status', 'Sent', 'Error'],
      rows: mails.map((m) => [
        m.id,
        iso(m.createdAt),
        `${m.recipientName} <${m.recipientAddress}> (${m.recipientRole})`,
        m.template,
        m.language,
        m.status,
        iso(m.sentAt),
        m.lastError,
      ]),
    },
    {
      id: 'timers',
      title: 'Timers',
      columns: ['Due (local)', 'Kind', 'Timer', 'Mail', 'Status', 'Outcome'],
      rows: timers.map((t) => [t.localDueAt, t.kind, t.timerId, t.mail?.template, t.status, t.outcome]),
    },
  ];
  return tables;
}
