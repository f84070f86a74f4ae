import type { InstanceTimeline } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, percent, type ConsoleTable } from '../console-view';
import type { Translate } from '../locale/console-text';
import { cascadeLink, instanceFacts } from './action-kit';
import { previewMailsLink } from './preview-mails.action';

/**
 * An instance's whole story on one screen: facts, audit trail, mails, timers, and a link to its managers' cascade
 * (a tree of thousands of managers is read a page at a time there, never drawn here). Viewers too.
 */
export const timeline: ConsoleActionSpec = {
  name: 'timeline',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  async show({ queries, recordId, services, t, language }) {
    const instance = await queries.instances.byId(recordId);
    const story = await queries.instances.timeline(instance);
    const { progress } = story;
    const overrides = services.workflows.allowedOverrides(instance).join(', ');
    return {
      title: `${instance.entity.code} — ${instance.entity.name}`,
      facts: [
        ...instanceFacts(t, instance),
        [t('entityTimeline.lateAddition'), instance.lateAdded ? t('common.yes') : t('common.no')],
        [t('entityTimeline.sessionsRecorded'), instance.sessionsRecorded],
        [t('entityTimeline.statisticsSubmitted'), iso(instance.statisticsSubmittedAt)],
        [t('entityTimeline.headConfirmed'), iso(instance.headConfirmedAt)],
        [t('entityTimeline.allowedOverrides'), overrides || t('common.none')],
        [
          t('common.cascadeProgress'),
          t('entityTimeline.progress', {
            led: progress.managersWhoLed,
            total: progress.managers,
            percent: percent(progress.ratio, language),
          }),
        ],
      ],
      tables: timelineTables(t, story),
      links: [cascadeLink(t, instance.id), previewMailsLink(t, instance.entity.code, instance.dialogue.year)],
    };
  },
};

/** The columns of a timers table (an instance's, a manager's). */
export const timerColumns = (t: Translate) => [
  t('common.dueLocal'),
  t('common.kind'),
  t('common.timer'),
  t('common.mail'),
  t('common.status'),
  t('common.outcome'),
];

function timelineTables(t: Translate, { audit, mails, timers }: InstanceTimeline) {
  const tables: ConsoleTable[] = [
    {
      id: 'audit',
      title: t('entityTimeline.auditTitle'),
      columns: [
        t('common.when'),
        t('common.who'),
        t('common.event'),
        t('common.from'),
        t('common.toState'),
        t('common.reason'),
      ],
      rows: audit.map((a) => [iso(a.at), a.actor, a.event, a.fromState, a.toState, a.reason]),
    },
    {
      id: 'mails',
      title: t('entityTimeline.mailsTitle'),
      columns: [
        t('common.id'),
        t('common.created'),
        t('common.to'),
        t('common.template'),
        t('common.language'),
        t('common.status'),
        t('common.sent'),
        t('common.error'),
      ],
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
      title: t('entityTimeline.timersTitle'),
      columns: timerColumns(t),
      rows: timers.map((x) => [x.localDueAt, x.kind, x.timerId, x.mail?.template, x.status, x.outcome]),
    },
  ];
  return tables;
}
