import { parseFocalPointCell, type LaunchStatus } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, percent, type ConsoleCell } from '../console-view';
import type { Translate } from '../locale/console-text';
import { LANGUAGE_OPTIONS, timelineLink } from './action-kit';

// The actions of a year's dialogue: launch it, add an entity after the launch, issue the report.

const launch: ConsoleActionSpec = {
  name: 'launch',
  actionType: 'record',
  icon: 'Send',
  appliesTo: (p) => !p['launchedAt'],
  async show({ queries, recordId, services, t, language }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const plan = await services.planPreview.forDialogue(dialogue.year, { language });
    const mails = plan.timers.filter((t) => t.mailTemplate).slice(0, 25);
    return {
      title: t('launch.title', { year: dialogue.year }),
      intro: dialogue.launchedAt
        ? t('launch.launchedOn', { at: iso(dialogue.launchedAt) })
        : t('launch.intro'),
      facts: [
        [t('common.statisticsDeadline'), dialogue.statisticsDeadline],
        [t('common.reportCutoff'), dialogue.reportCutoff],
        [t('launch.timersPlanned'), plan.timers.length],
      ],
      tables: [
        {
          id: 'first-mails',
          title: t('launch.firstMails'),
          columns: [
            t('common.entity'),
            t('common.mail'),
            t('launch.recipients'),
            t('launch.localTime'),
            t('launch.zone'),
            t('launch.condition'),
            t('launch.moved'),
          ],
          rows: mails.map((timer) => [
            timer.entity ?? t('common.ethicsOffice'),
            timer.mailTemplate,
            timer.recipients.join(', '),
            timer.localDueAt,
            timer.timeZone,
            timer.condition,
            timer.movedFrom ? t('launch.movedFrom', { date: timer.movedFrom, why: timer.movedFor }) : null,
          ]),
        },
      ],
      form: dialogue.launchedAt ? undefined : { fields: [], submit: t('launch.submit'), danger: true },
    };
  },
  async submit({ queries, recordId, services, actor, t }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const result = await services.dialogues.launch(dialogue.year, actor);
    const status = await services.dialogues.launchStatus(dialogue.year);
    return {
      title: t('launch.doneTitle', { year: dialogue.year }),
      success: t('launch.done', { count: result.entitiesToInvite }),
      facts: [[t('launch.launchedAt'), iso(result.launchedAt)], ...launchProgressFacts(status, t)],
    };
  },
};

/** The launch's progress as facts: invited so far as a bar, the invitation mails by status, a way to read again. */
function launchProgressFacts(status: LaunchStatus, t: Translate): [string, ConsoleCell][] {
  const mails = status.invitationMails;
  return [
    [t('launch.invited'), { bar: { value: status.invited, max: status.entitiesToInvite } }],
    [t('launch.state'), t(`launch.states.${status.state}`)],
    [t('launch.invitationMails'), t('launch.mailsByStatus', { ...mails })],
    ['', { label: t('launch.refresh'), query: { at: String(Date.now()) } }],
  ];
}

/** After the launch: how far the worker has got with the invitations (the status GET /api/dialogues/{year}/launch gives). */
const launchProgress: ConsoleActionSpec = {
  name: 'launchProgress',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  appliesTo: (p) => !!p['launchedAt'],
  async show({ queries, recordId, services, t }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const status = await services.dialogues.launchStatus(dialogue.year);
    return {
      title: t('launch.progressTitle', { year: dialogue.year }),
      intro: t('launch.launchedOn', { at: iso(dialogue.launchedAt as Date) }),
      facts: launchProgressFacts(status, t),
    };
  },
};

const addLateEntity: ConsoleActionSpec = {
  name: 'addLateEntity',
  actionType: 'record',
  icon: 'PlusCircle',
  appliesTo: (p) => !!p['launchedAt'] && !p['reportIssuedAt'],
  async show({ queries, recordId, t }) {
    const dialogue = await queries.dialogues.byId(recordId);
    return {
      title: t('lateEntity.title', { year: dialogue.year }),
      intro: t('lateEntity.intro'),
      facts: [
        [t('common.statisticsDeadline'), dialogue.statisticsDeadline],
        [t('common.reportCutoff'), dialogue.reportCutoff],
      ],
      form: {
        fields: [
          { name: 'code', label: t('lateEntity.code'), required: true },
          { name: 'name', label: t('lateEntity.name'), required: true },
          { name: 'kind', label: t('lateEntity.kind'), required: true },
          { name: 'dutyStation', label: t('lateEntity.dutyStation'), required: true },
          { name: 'timeZone', label: t('lateEntity.timeZone'), required: true },
          {
            name: 'language',
            label: t('common.language'),
            type: 'select',
            options: LANGUAGE_OPTIONS,
            required: true,
          },
          { name: 'headName', label: t('lateEntity.headName') },
          { name: 'headEmail', label: t('lateEntity.headEmail'), type: 'email' },
          {
            name: 'focalPoints',
            label: t('lateEntity.focalPoints'),
            type: 'textarea',
            rows: 3,
            help: t('lateEntity.focalPointsHelp'),
          },
          { name: 'deadline', label: t('lateEntity.deadline'), type: 'date' },
        ],
        submit: t('lateEntity.submit'),
      },
    };
  },
  async submit({ queries, recordId, services, actor, payload, t }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const focalPoints = (payload['focalPoints'] ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join('|');
    const { instance, accommodatedDeadline } = await services.invitations.addLateEntity(
      dialogue.year,
      {
        code: payload['code'],
        name: payload['name'],
        kind: payload['kind'],
        dutyStation: payload['dutyStation'],
        timeZone: payload['timeZone'],
        language: payload['language'],
        headName: payload['headName'] || undefined,
        headEmail: payload['headEmail'] || undefined,
        focalPoints: focalPoints ? parseFocalPointCell(focalPoints, payload['language']) : undefined,
        deadline: payload['deadline'] || undefined,
      },
      actor,
    );
    const { code } = instance.entity;
    return {
      title: t('lateEntity.doneTitle', { code, year: dialogue.year }),
      success: t('lateEntity.done', { code, deadline: accommodatedDeadline }),
      facts: [
        [t('common.entity'), `${code} — ${instance.entity.name}`],
        [t('common.state'), instance.state],
        [t('lateEntity.accommodatedDeadline'), accommodatedDeadline],
        [t('common.reportCutoff'), dialogue.reportCutoff],
      ],
      links: [timelineLink(t, instance.id)],
    };
  },
};

const issueReport: ConsoleActionSpec = {
  name: 'issueReport',
  actionType: 'record',
  icon: 'FileText',
  appliesTo: (p) => !!p['launchedAt'],
  async show({ queries, recordId, services, t, language }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const draft = await services.reports.draft(dialogue.year);
    const versions = await services.reports.versions(dialogue.year);
    const totals = draft.totals;
    return {
      title: t('report.title', { year: dialogue.year }),
      intro: versions.length ? t('report.introNext') : t('report.introFirst'),
      facts: [
        [t('common.entities'), totals.entities],
        [t('common.completed'), totals.completed],
        [t('report.notCompleted'), totals.notCompleted],
        [t('report.notIncluded'), totals.notIncluded],
        [t('report.withdrawn'), totals.withdrawn],
        [t('report.participationRate'), percent(totals.participationRate, language)],
        [t('report.versionsIssued'), versions.length],
      ],
      form: {
        fields: [],
        submit: versions.length ? t('report.submitNext') : t('report.submitFirst'),
        danger: true,
      },
    };
  },
  async submit({ queries, recordId, services, actor, t }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const report = await services.reports.issue(dialogue.year, actor);
    return {
      title: t('report.doneTitle', { year: dialogue.year }),
      success: t('report.done', { version: report.version }),
      facts: [
        [t('common.version'), report.version],
        [t('common.issuedAt'), iso(report.issuedAt)],
        [t('common.completed'), report.content.totals.completed],
      ],
    };
  },
};

export const dialogueActions: ConsoleActionSpec[] = [launch, launchProgress, addLateEntity, issueReport];
