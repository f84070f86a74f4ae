import { ValidationFailed } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { percent } from '../console-view';
import { csvField, instanceFacts, reasonField, required, timelineLink } from './action-kit';
import { cascadeTree } from './cascade-tree.action';
import { extensionView, grantExtensionFlow } from './extension-grant';
import { linksAction } from './links.action';
import { timeline } from './timeline.action';

// The actions on one entity of a year: its timeline, its managers' cascade, an extension, an override, a
// withdrawal, its links, its tree.

const grantExtension: ConsoleActionSpec = {
  name: 'grantExtension',
  label: 'Extension',
  actionType: 'record',
  icon: 'Calendar',
  async show({ queries, recordId }) {
    const instance = await queries.instances.byId(recordId);
    return extensionView(
      { title: `Grant ${instance.entity.code} an extension`, facts: instanceFacts(instance) },
      {},
    );
  },
  async submit(call) {
    const instance = await call.queries.instances.byId(call.recordId);
    const subject = {
      title: `Grant ${instance.entity.code} an extension`,
      instance,
      facts: instanceFacts(instance),
    };
    return grantExtensionFlow(call, subject, (deadline, reason) =>
      call.services.workflows.grantExtension(
        instance.dialogue.year,
        instance.entity.code,
        deadline,
        reason,
        call.actor,
      ),
    );
  },
};

const override: ConsoleActionSpec = {
  name: 'override',
  label: 'Override',
  actionType: 'record',
  icon: 'Shuffle',
  async show({ queries, recordId, services }) {
    const instance = await queries.instances.byId(recordId);
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
    const instance = await call.queries.instances.byId(call.recordId);
    const target = required(call, 'targetState');
    const reason = required(call, 'reason');
    if (!call.services.workflows.allowedOverrides(instance).includes(target)) {
      throw new ValidationFailed([
        {
          field: 'targetState',
          code: 'override-not-allowed',
          message: `the workflow allows no override from ${instance.state} to ${target}`,
          params: { from: instance.state, to: target },
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
      links: [timelineLink(instance.id)],
    };
  },
};

const withdraw: ConsoleActionSpec = {
  name: 'withdraw',
  label: 'Withdraw',
  actionType: 'record',
  icon: 'XCircle',
  appliesTo: (p) => p['state'] !== 'withdrawn' && p['state'] !== 'reported',
  async show({ queries, recordId }) {
    const instance = await queries.instances.byId(recordId);
    return {
      title: `Withdraw ${instance.entity.code}`,
      intro: 'A withdrawn entity gets no more reminders and is reported as withdrawn.',
      facts: instanceFacts(instance),
      form: { fields: [reasonField()], submit: 'Withdraw', danger: true },
    };
  },
  async submit(call) {
    const instance = await call.queries.instances.byId(call.recordId);
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

const importOrgTree: ConsoleActionSpec = {
  name: 'importOrgTree',
  label: 'Org tree',
  actionType: 'record',
  icon: 'GitBranch',
  async show({ queries, recordId }) {
    const instance = await queries.instances.byId(recordId);
    return {
      title: `Import the reporting tree of ${instance.entity.code}`,
      intro:
        'All or nothing; a re-import updates people in place, adds new ones and removes those not in the file.',
      form: {
        fields: [csvField('Columns: name,email,manager_email,language,is_manager')],
        submit: 'Import',
      },
    };
  },
  async submit(call) {
    const instance = await call.queries.instances.byId(call.recordId);
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

export const entityWorkflowActions: ConsoleActionSpec[] = [
  timeline,
  cascadeTree,
  grantExtension,
  override,
  withdraw,
  linksAction,
  importOrgTree,
];
