import type { EntityManager } from '@mikro-orm/core';
import {
  AccessToken,
  AuditEvent,
  Dialogue,
  EntityWorkflow,
  ExtensionRequest,
  LANGUAGES,
  MailMessage,
  NotFound,
  parseFocalPointCell,
  ScenarioProposal,
  SessionQuestion,
  ValidationFailed,
  extensionWarnings,
} from '@cascade/dialogue';
import { Timer } from '@cascade/dialogue';
import { accountActions } from './account-actions';
import type { ActionCall, ConsoleActionSpec } from './console-action';
import { iso, percent, type ConsoleField, type ConsoleView } from './console-view';

const reasonField = (label = 'Reason (kept in the audit trail)'): ConsoleField => ({
  name: 'reason',
  label,
  type: 'textarea',
  required: true,
});

async function instanceOf(em: EntityManager, id: number | null): Promise<EntityWorkflow> {
  const instance = await em.findOne(EntityWorkflow, id ?? 0, { populate: ['entity', 'dialogue'] });
  if (!instance) throw new NotFound('entity instance', id ?? '?');
  return instance;
}

async function dialogueOf(em: EntityManager, id: number | null): Promise<Dialogue> {
  const dialogue = await em.findOne(Dialogue, id ?? 0);
  if (!dialogue) throw new NotFound('dialogue', id ?? '?');
  return dialogue;
}

const required = (call: ActionCall, field: string): string => {
  const value = call.payload[field]?.trim();
  if (!value) throw new ValidationFailed([{ field, message: 'is required' }]);
  return value;
};

const instanceFacts = (instance: EntityWorkflow): [string, unknown][] => [
  ['Entity', `${instance.entity.code} — ${instance.entity.name}`],
  ['Year', instance.dialogue.year],
  ['State', instance.state],
  ['Escalation level', instance.escalationLevel],
  ['Deadline', instance.deadline],
  ['Effective deadline', instance.effectiveDeadline],
  ['Report cutoff', instance.dialogue.reportCutoff],
];

/** The extension form, with the warning to read first when the date is after the report cutoff. */
function extensionView(
  title: string,
  facts: [string, unknown][],
  values: { deadline?: string; reason?: string },
  warnings: string[] = [],
): ConsoleView {
  const confirming = warnings.length > 0;
  return {
    title,
    intro: confirming
      ? 'Read the warning: granting this extension keeps the entity out of the completed list of the report.'
      : 'A new statistics deadline for this entity; its reminders and escalations are planned again.',
    warnings,
    facts,
    form: {
      fields: [
        {
          name: 'deadline',
          label: 'New deadline',
          type: 'date',
          required: true,
          value: values.deadline ?? '',
        },
        { ...reasonField(), value: values.reason ?? '' },
        { name: 'acknowledge', label: '', type: 'hidden', value: confirming ? 'yes' : '' },
      ],
      submit: confirming ? 'Grant anyway' : 'Grant the extension',
      danger: confirming,
    },
  };
}

const granted = (
  outcome: { instance: EntityWorkflow; warnings: string[] },
  deadline: string,
): ConsoleView => ({
  title: 'Extension granted',
  success: `Extension granted to ${outcome.instance.entity.code} until ${deadline}.`,
  warnings: outcome.warnings,
  facts: [
    ['Entity', outcome.instance.entity.code],
    ['State', outcome.instance.state],
    ['Effective deadline', outcome.instance.effectiveDeadline],
  ],
});

// ----- Dialogues ---------------------------------------------------------------------------------------

const launch: ConsoleActionSpec = {
  name: 'launch',
  actionType: 'record',
  icon: 'Send',
  appliesTo: (p) => !p['launchedAt'],
  async show({ em, recordId, services }) {
    const dialogue = await dialogueOf(em, recordId);
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
  async submit({ em, recordId, services, actor }) {
    const dialogue = await dialogueOf(em, recordId);
    const result = await services.dialogues.launch(dialogue.year, actor);
    return {
      title: `The ${dialogue.year} dialogue is launched`,
      success: `Launched: ${result.entitiesToInvite} entities are being invited.`,
      facts: [['Launched at', iso(result.launchedAt)]],
    };
  },
};

const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: l }));

const addLateEntity: ConsoleActionSpec = {
  name: 'addLateEntity',
  actionType: 'record',
  icon: 'PlusCircle',
  appliesTo: (p) => !!p['launchedAt'] && !p['reportIssuedAt'],
  async show({ em, recordId }) {
    const dialogue = await dialogueOf(em, recordId);
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
  async submit({ em, recordId, services, actor, payload }) {
    const dialogue = await dialogueOf(em, recordId);
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
      links: [
        {
          label: 'Open its timeline',
          href: `/admin/resources/EntityWorkflow/records/${instance.id}/timeline`,
        },
      ],
    };
  },
};

const issueReport: ConsoleActionSpec = {
  name: 'issueReport',
  actionType: 'record',
  icon: 'FileText',
  appliesTo: (p) => !!p['launchedAt'],
  async show({ em, recordId, services }) {
    const dialogue = await dialogueOf(em, recordId);
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
  async submit({ em, recordId, services, actor }) {
    const dialogue = await dialogueOf(em, recordId);
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

// ----- Organisation entities ----------------------------------------------------------------------------

const importEntities: ConsoleActionSpec = {
  name: 'importEntities',
  actionType: 'resource',
  icon: 'Upload',
  async show() {
    return {
      title: 'Import the entity list',
      intro:
        'All or nothing: a file with one bad row imports nothing and names the row. Existing codes are updated in place.',
      form: {
        fields: [
          {
            name: 'csv',
            label: 'CSV',
            type: 'textarea',
            rows: 12,
            required: true,
            help: 'Columns: code,name,kind,duty_station,timezone,language and optionally illustrative_staff, head_name, head_email, focal_points (Name <email>|Name <email>)',
          },
        ],
        submit: 'Import',
      },
    };
  },
  async submit(call) {
    const result = await call.services.entityImport.importCsv(required(call, 'csv'), call.actor);
    return {
      title: 'Entities imported',
      success: `${result.total} entities: ${result.created} created, ${result.updated} updated.`,
    };
  },
};

// ----- Entity instances ---------------------------------------------------------------------------------

const grantExtension: ConsoleActionSpec = {
  name: 'grantExtension',
  actionType: 'record',
  icon: 'Calendar',
  async show({ em, recordId }) {
    const instance = await instanceOf(em, recordId);
    return extensionView(`Grant ${instance.entity.code} an extension`, instanceFacts(instance), {});
  },
  async submit(call) {
    const instance = await instanceOf(call.em, call.recordId);
    const deadline = required(call, 'deadline');
    const reason = required(call, 'reason');
    const warnings = extensionWarnings(instance, deadline);
    if (warnings.length > 0 && call.payload['acknowledge'] !== 'yes') {
      return extensionView(
        `Grant ${instance.entity.code} an extension`,
        instanceFacts(instance),
        { deadline, reason },
        warnings,
      );
    }
    const outcome = await call.services.workflows.grantExtension(
      instance.dialogue.year,
      instance.entity.code,
      deadline,
      reason,
      call.actor,
    );
    return granted(outcome, deadline);
  },
};

const override: ConsoleActionSpec = {
  name: 'override',
  actionType: 'record',
  icon: 'Shuffle',
  async show({ em, recordId, services }) {
    const instance = await instanceOf(em, recordId);
    const targets = services.workflows.allowedOverrides(instance);
    return {
      title: `Override the state of ${instance.entity.code}`,
      intro: targets.length
        ? 'Only the states the workflow allows from the current one are offered.'
        : `The workflow allows no override from ${instance.state}.`,
      facts: instanceFacts(instance),
      form: targets.length
        ? {
            fields: [
              {
                name: 'targetState',
                label: 'New state',
                type: 'select',
                required: true,
                options: targets.map((t) => ({ value: t, label: t })),
              },
              reasonField(),
            ],
            submit: 'Override',
            danger: true,
          }
        : undefined,
    };
  },
  async submit(call) {
    const instance = await instanceOf(call.em, call.recordId);
    const target = required(call, 'targetState');
    const reason = required(call, 'reason');
    if (!call.services.workflows.allowedOverrides(instance).includes(target)) {
      throw new ValidationFailed([
        {
          field: 'targetState',
          message: `the workflow allows no override from ${instance.state} to ${target}`,
        },
      ]);
    }
    const before = instance.state;
    const outcome = await call.services.workflows.override(
      instance.dialogue.year,
      instance.entity.code,
      target,
      reason,
      call.actor,
    );
    return {
      title: `${instance.entity.code}: state overridden`,
      success: `${instance.entity.code} moved from ${before} to ${outcome.instance.state}.`,
      facts: [
        ['State', outcome.instance.state],
        ['Reason', reason],
      ],
      links: [
        {
          label: 'Open its timeline',
          href: `/admin/resources/EntityWorkflow/records/${instance.id}/timeline`,
        },
      ],
    };
  },
};

const withdraw: ConsoleActionSpec = {
  name: 'withdraw',
  actionType: 'record',
  icon: 'XCircle',
  appliesTo: (p) => p['state'] !== 'withdrawn' && p['state'] !== 'reported',
  async show({ em, recordId }) {
    const instance = await instanceOf(em, recordId);
    return {
      title: `Withdraw ${instance.entity.code}`,
      intro: 'A withdrawn entity gets no more reminders and is reported as withdrawn.',
      facts: instanceFacts(instance),
      form: { fields: [reasonField()], submit: 'Withdraw', danger: true },
    };
  },
  async submit(call) {
    const instance = await instanceOf(call.em, call.recordId);
    const outcome = await call.services.workflows.withdraw(
      instance.dialogue.year,
      instance.entity.code,
      required(call, 'reason'),
      call.actor,
    );
    return {
      title: `${instance.entity.code} withdrawn`,
      success: `${instance.entity.code} is now ${outcome.instance.state}.`,
    };
  },
};

const reissueLinks: ConsoleActionSpec = {
  name: 'reissueLinks',
  actionType: 'record',
  icon: 'Link',
  async show({ em, recordId, services }) {
    const instance = await instanceOf(em, recordId);
    const links = await services.tokens.list(instance.dialogue.year, instance.entity.code);
    const active = links.filter((l) => !l.revokedAt && l.subjectEmail);
    return {
      title: `Links of ${instance.entity.code}`,
      intro:
        'Re-issuing revokes the link and makes a new one for the same person, shown here once. Give it to the person yourself.',
      form: active.length
        ? {
            fields: [
              {
                name: 'link',
                label: 'Link to re-issue',
                type: 'select',
                required: true,
                options: active.map((l) => ({ value: String(l.id), label: `${l.role}: ${l.subjectEmail}` })),
              },
            ],
            submit: 'Revoke and issue a new link',
          }
        : undefined,
      tables: [linksTable(links)],
    };
  },
  async submit(call) {
    const instance = await instanceOf(call.em, call.recordId);
    const id = Number(required(call, 'link'));
    // One transaction: revoke, issue and both audit rows; a failure leaves the old link valid.
    const { revoked, token, expiresAt } = await call.services.tokens.reissue(id, call.actor, {
      workflowId: instance.id,
    });
    return {
      title: `New link for ${revoked.subjectEmail}`,
      success: `Link ${id} revoked and a new one issued for ${revoked.subjectEmail}.`,
      facts: [['Expires', iso(expiresAt)]],
      texts: [
        {
          id: 'new-link',
          title: 'The new link (shown once)',
          text: `${call.services.publicUrl}/p/${token}`,
        },
      ],
    };
  },
};

function linksTable(links: AccessToken[]) {
  return {
    id: 'links',
    title: 'Links',
    columns: ['Id', 'Role', 'Person', 'Created', 'Expires', 'Revoked', 'By'],
    rows: links.map((l) => [
      l.id,
      l.role,
      l.subjectEmail,
      iso(l.createdAt),
      iso(l.expiresAt),
      iso(l.revokedAt),
      l.createdBy,
    ]),
  };
}

const importOrgTree: ConsoleActionSpec = {
  name: 'importOrgTree',
  actionType: 'record',
  icon: 'GitBranch',
  async show({ em, recordId }) {
    const instance = await instanceOf(em, recordId);
    return {
      title: `Import the reporting tree of ${instance.entity.code}`,
      intro:
        'All or nothing; a re-import updates people in place, adds new ones and removes those not in the file.',
      form: {
        fields: [
          {
            name: 'csv',
            label: 'CSV',
            type: 'textarea',
            rows: 12,
            required: true,
            help: 'Columns: name,email,manager_email,language,is_manager',
          },
        ],
        submit: 'Import',
      },
    };
  },
  async submit(call) {
    const instance = await instanceOf(call.em, call.recordId);
    const result = await call.services.orgTree.importCsv(
      instance.dialogue.year,
      instance.entity.code,
      required(call, 'csv'),
      call.actor,
    );
    return {
      title: `Reporting tree of ${instance.entity.code}`,
      success: `${result.added} added, ${result.updated} updated, ${result.removed} removed.`,
      facts: [
        ['Managers', result.progress.managers],
        ['Managers who led a session', result.progress.managersWhoLed],
        ['Cascade progress', percent(result.progress.ratio)],
      ],
    };
  },
};

const timeline: ConsoleActionSpec = {
  name: 'timeline',
  actionType: 'record',
  icon: 'Activity',
  readOnly: true,
  async show({ em, recordId, services }) {
    const instance = await instanceOf(em, recordId);
    const [audit, mails, timers, progress] = await Promise.all([
      em.find(AuditEvent, { workflow: instance }, { orderBy: { id: 'desc' }, limit: 200 }),
      em.find(MailMessage, { workflow: instance }, { orderBy: { id: 'desc' }, limit: 200 }),
      em.find(Timer, { workflowId: instance.id }, { orderBy: { dueAt: 'asc' }, limit: 300 }),
      services.orgTree.progressOf(em, instance),
    ]);
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
      tables: [
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
      ],
    };
  },
};

// ----- Requests -----------------------------------------------------------------------------------------

const pending = (p: Record<string, unknown>) => p['status'] === 'pending';

async function extensionRequestOf(em: EntityManager, id: number | null) {
  const request = await em.findOne(ExtensionRequest, id ?? 0, {
    populate: ['workflow', 'workflow.entity', 'workflow.dialogue'],
  });
  if (!request) throw new NotFound('extension request', id ?? '?');
  return request;
}

const requestFacts = (request: ExtensionRequest): [string, unknown][] => [
  ...instanceFacts(request.workflow),
  ['Wished deadline', request.wishedDeadline],
  ['Their reason', request.reason],
  ['Asked by', `${request.requestedBy} on ${iso(request.requestedAt)}`],
];

const grantRequest: ConsoleActionSpec = {
  name: 'grant',
  actionType: 'record',
  icon: 'CheckCircle',
  appliesTo: pending,
  async show({ em, recordId }) {
    const request = await extensionRequestOf(em, recordId);
    return extensionView(`Grant the request of ${request.workflow.entity.code}`, requestFacts(request), {
      deadline: request.wishedDeadline,
    });
  },
  async submit(call) {
    const request = await extensionRequestOf(call.em, call.recordId);
    const deadline = required(call, 'deadline');
    const reason = required(call, 'reason');
    const warnings = extensionWarnings(request.workflow, deadline);
    if (warnings.length > 0 && call.payload['acknowledge'] !== 'yes') {
      return extensionView(
        `Grant the request of ${request.workflow.entity.code}`,
        requestFacts(request),
        { deadline, reason },
        warnings,
      );
    }
    const outcome = await call.services.requests.grantExtensionRequest(
      request.id,
      { deadline, reason },
      call.actor,
    );
    return granted(outcome, deadline);
  },
};

const refuseRequest: ConsoleActionSpec = {
  name: 'refuse',
  actionType: 'record',
  icon: 'Slash',
  appliesTo: pending,
  async show({ em, recordId }) {
    const request = await extensionRequestOf(em, recordId);
    return {
      title: `Refuse the request of ${request.workflow.entity.code}`,
      intro: 'The Focal Points receive the reason by mail.',
      facts: requestFacts(request),
      form: { fields: [reasonField('Reason (mailed to the Focal Points)')], submit: 'Refuse', danger: true },
    };
  },
  async submit(call) {
    const request = await call.services.requests.refuseExtensionRequest(
      call.recordId ?? 0,
      required(call, 'reason'),
      call.actor,
    );
    return { title: 'Request refused', success: `Extension request ${request.id} refused.` };
  },
};

const answerQuestion: ConsoleActionSpec = {
  name: 'answer',
  actionType: 'record',
  icon: 'MessageCircle',
  appliesTo: (p) => !p['answer'],
  async show({ em, recordId }) {
    const question = await em.findOne(SessionQuestion, recordId ?? 0, {
      populate: ['session', 'session.workflow.entity'],
    });
    if (!question) throw new NotFound('question', recordId ?? '?');
    return {
      title: `Answer a question from ${question.session.workflow.entity.code}`,
      facts: [
        ['Question', question.text],
        ['Session', `${question.session.heldOn}, led by ${question.session.leaderEmail}`],
      ],
      form: {
        fields: [{ name: 'answer', label: 'Answer', type: 'textarea', rows: 6, required: true }],
        submit: 'Answer',
      },
    };
  },
  async submit(call) {
    const question = await call.services.requests.answerQuestion(
      call.recordId ?? 0,
      required(call, 'answer'),
      call.actor,
    );
    return { title: 'Question answered', success: `Question ${question.id} answered.` };
  },
};

const decideScenario = (approve: boolean): ConsoleActionSpec => ({
  name: approve ? 'approve' : 'reject',
  actionType: 'record',
  icon: approve ? 'ThumbsUp' : 'ThumbsDown',
  appliesTo: pending,
  async show({ em, recordId }) {
    const proposal = await em.findOne(ScenarioProposal, recordId ?? 0, { populate: ['workflow.entity'] });
    if (!proposal) throw new NotFound('scenario proposal', recordId ?? '?');
    return {
      title: `${approve ? 'Approve' : 'Reject'} the scenario of ${proposal.workflow.entity.code}`,
      facts: [
        ['Title', proposal.title],
        ['Description', proposal.description],
        ['Proposed by', proposal.proposedBy],
      ],
      form: {
        fields: [{ name: 'feedback', label: 'Feedback to the entity', type: 'textarea', required: true }],
        submit: approve ? 'Approve' : 'Reject',
        danger: !approve,
      },
    };
  },
  async submit(call) {
    const proposal = await call.services.requests.decideScenario(
      call.recordId ?? 0,
      approve,
      required(call, 'feedback'),
      call.actor,
    );
    return { title: 'Scenario decided', success: `Scenario proposal ${proposal.id} ${proposal.status}.` };
  },
});

// ----- Mails --------------------------------------------------------------------------------------------

const resendMail: ConsoleActionSpec = {
  name: 'resend',
  actionType: 'record',
  icon: 'RotateCw',
  async show({ em, recordId }) {
    const mail = await em.findOne(MailMessage, recordId ?? 0);
    if (!mail) throw new NotFound('mail', recordId ?? '?');
    return {
      title: `Resend mail ${mail.id}`,
      intro: 'The same content is sent again as a new mail, with its own delivery.',
      facts: [
        ['To', `${mail.recipientName} <${mail.recipientAddress}>`],
        ['Subject', mail.subject],
        ['Template', mail.template],
        ['Status', mail.status],
        ['Last error', mail.lastError],
      ],
      form: { fields: [], submit: 'Resend' },
    };
  },
  async submit(call) {
    const copy = await call.services.mails.resend(call.recordId ?? 0, call.actor);
    return { title: 'Mail resent', success: `Queued again as mail ${copy.id}.` };
  },
};

/** Every action of the console, by the resource it belongs to. */
export const consoleActions = {
  Dialogue: [launch, addLateEntity, issueReport],
  OrgEntity: [importEntities],
  EntityWorkflow: [timeline, grantExtension, override, withdraw, reissueLinks, importOrgTree],
  ExtensionRequest: [grantRequest, refuseRequest],
  SessionQuestion: [answerQuestion],
  ScenarioProposal: [decideScenario(true), decideScenario(false)],
  MailMessage: [resendMail],
  AdminUser: accountActions,
} satisfies Record<string, ConsoleActionSpec[]>;
