import type { InstanceTimeline } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, percent, type ConsoleTable } from '../console-view';
import { instanceFacts } from './action-kit';

/** An instance's whole story on one screen: facts, audit trail, mails, timers and its cascade tree. Viewers too. */
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
    };
  },
};

function timelineTables({ audit, mails, timers, progress }: InstanceTimeline) {
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
    {
      id: 'cascade',
      title: 'Cascade tree',
      empty: 'No reporting tree imported.',
      columns: ['Person', 'Manager', 'Is a manager', 'Sessions led', 'Next to lead'],
      rows: progress.tree.map((n) => [
        `${n.name} <${n.email}>`,
        n.managerEmail,
        n.isManager ? 'yes' : 'no',
        n.isManager ? n.sessionsLed : null,
        n.next ? 'yes' : '',
      ]),
    },
  ];
  return tables;
}
