import { parseFocalPointCell } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { iso, percent } from '../console-view';
import { LANGUAGE_OPTIONS, timelineLink } from './action-kit';

// The actions of a year's dialogue: launch it, add an entity after the launch, issue the report.

const launch: ConsoleActionSpec = {
  name: 'launch',
  label: 'Launch',
  actionType: 'record',
  icon: 'Send',
  appliesTo: (p) => !p['launchedAt'],
  async show({ queries, recordId, services }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const plan = await services.planPreview.forDialogue(dialogue.year);
    const mails = plan.timers.filter((t) => t.mailTemplate).slice(0, 25);
    return {
      title: `Launch the ${dialogue.year} dialogue`,
      intro: dialogue.launchedAt
        ? `Launched on ${iso(dialogue.launchedAt)}.`
        : 'Launching invites every entity of the list (the worker sends the invitations in batches) and plans their reminders. The first mails it will send:',
      facts: [
        ['Statistics deadline', dialogue.statisticsDeadline],
        ['Report cutoff', dialogue.reportCutoff],
        ['Timers planned', plan.timers.length],
      ],
      tables: [
        {
          id: 'first-mails',
          title: 'First mails',
          columns: ['Entity', 'Mail', 'Recipients', 'Local time', 'Zone', 'Condition'],
          rows: mails.map((t) => [
            t.entity ?? 'Ethics Office',
            t.mailTemplate,
            t.recipients.join(', '),
            t.localDueAt,
            t.timeZone,
            t.condition,
          ]),
        },
      ],
      form: dialogue.launchedAt ? undefined : { fields: [], submit: 'Launch the dialogue', danger: true },
    };
  },
  async submit({ queries, recordId, services, actor }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const result = await services.dialogues.launch(dialogue.year, actor);
    return {
      title: `The ${dialogue.year} dialogue is launched`,
      success: `Launched: ${result.entitiesToInvite} entities are being invited.`,
      facts: [['Launched at', iso(result.launchedAt)]],
    };
  },
};

const addLateEntity: ConsoleActionSpec = {
  name: 'addLateEntity',
  label: 'Add a late entity',
  actionType: 'record',
  icon: 'PlusCircle',
  appliesTo: (p) => !!p['launchedAt'] && !p['reportIssuedAt'],
  async show({ queries, recordId }) {
    const dialogue = await queries.dialogues.byId(recordId);
    return {
      title: `Add a late entity to ${dialogue.year}`,
      intro:
        'The entity is invited at once and gets an accommodated deadline (the runway the others had, never after the report cutoff), unless a deadline is given.',
      facts: [
        ['Statistics deadline', dialogue.statisticsDeadline],
        ['Report cutoff', dialogue.reportCutoff],
      ],
      form: {
        fields: [
          { name: 'code', label: 'Code', required: true },
          { name: 'name', label: 'Name', required: true },
          { name: 'kind', label: 'Kind (e.g. department, political-mission)', required: true },
          { name: 'dutyStation', label: 'Duty station', required: true },
          { name: 'timeZone', label: 'Time zone (IANA, e.g. America/New_York)', required: true },
          { name: 'language', label: 'Language', type: 'select', options: LANGUAGE_OPTIONS, required: true },
          { name: 'headName', label: 'Head of Entity: name' },
          { name: 'headEmail', label: 'Head of Entity: email', type: 'email' },
          {
            name: 'focalPoints',
            label: 'Focal Points',
            type: 'textarea',
            rows: 3,
            help: 'One per line: Name <email>',
          },
          { name: 'deadline', label: 'Deadline (leave empty for the accommodated one)', type: 'date' },
        ],
        submit: 'Add and invite',
      },
    };
  },
  async submit({ queries, recordId, services, actor, payload }) {
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
    return {
      title: `${instance.entity.code} added to ${dialogue.year}`,
      success: `${instance.entity.code} is invited; its deadline is ${accommodatedDeadline}.`,
      facts: [
        ['Entity', `${instance.entity.code} — ${instance.entity.name}`],
        ['State', instance.state],
        ['Accommodated deadline', accommodatedDeadline],
        ['Report cutoff', dialogue.reportCutoff],
      ],
      links: [timelineLink(instance.id)],
    };
  },
};

const issueReport: ConsoleActionSpec = {
  name: 'issueReport',
  label: 'Issue the report',
  actionType: 'record',
  icon: 'FileText',
  appliesTo: (p) => !!p['launchedAt'],
  async show({ queries, recordId, services }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const draft = await services.reports.draft(dialogue.year);
    const versions = await services.reports.versions(dialogue.year);
    const t = draft.totals;
    return {
      title: `Issue the ${dialogue.year} report`,
      intro: versions.length
        ? 'A new version is frozen and lists what changed since the previous one.'
        : 'The first version closes the year: every open entity moves to its final state.',
      facts: [
        ['Entities', t.entities],
        ['Completed', t.completed],
        ['Not completed', t.notCompleted],
        ['Not included (late)', t.notIncluded],
        ['Withdrawn', t.withdrawn],
        ['Participation rate (completed)', percent(t.participationRate)],
        ['Versions issued', versions.length],
      ],
      form: {
        fields: [],
        submit: versions.length ? 'Issue a new version' : 'Issue the report',
        danger: true,
      },
    };
  },
  async submit({ queries, recordId, services, actor }) {
    const dialogue = await queries.dialogues.byId(recordId);
    const report = await services.reports.issue(dialogue.year, actor);
    return {
      title: `The ${dialogue.year} report`,
      success: `Version ${report.version} issued.`,
      facts: [
        ['Version', report.version],
        ['Issued at', iso(report.issuedAt)],
        ['Completed', report.content.totals.completed],
      ],
    };
  },
};

export const dialogueActions: ConsoleActionSpec[] = [launch, addLateEntity, issueReport];
