import { ValidationFailed } from '@cascade/dialogue';
import type { ConsoleActionSpec } from '../console-action';
import { percent } from '../console-view';
import { csvField, instanceFacts, reasonField, required, timelineLink } from './action-kit';
import { cascadeTree } from './cascade-tree.action';
import { extensionView, grantExtensionFlow } from './extension-grant';
import { linksAction } from './links.action';
import { timeline } from './timeline.action';
import { previewMails } from './preview-mails.action';

// The actions on one entity of a year: its timeline, its managers' cascade, an extension, an override, a
// withdrawal, its links, its tree.

const grantExtension: ConsoleActionSpec = {
  name: 'grantExtension',
  actionType: 'record',
  icon: 'Calendar',
  async show({ queries, recordId, t }) {
    const instance = await queries.instances.byId(recordId);
    return extensionView(
      t,
      { title: t('extension.title', { code: instance.entity.code }), facts: instanceFacts(t, instance) },
      {},
    );
  },
  async submit(call) {
    const { t } = call;
    const instance = await call.queries.instances.byId(call.recordId);
    const subject = {
      title: t('extension.title', { code: instance.entity.code }),
      instance,
      facts: instanceFacts(t, instance),
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
  actionType: 'record',
  icon: 'Shuffle',
  async show({ queries, recordId, services, t }) {
    const instance = await queries.instances.byId(recordId);
    const targets = services.workflows.allowedOverrides(instance);
    return {
      title: t('override.title', { code: instance.entity.code }),
      intro: targets.length ? t('override.intro') : t('override.noneAllowed', { state: instance.state }),
      facts: instanceFacts(t, instance),
      form: targets.length
        ? {
            fields: [
              {
                name: 'targetState',
                label: t('override.newState'),
                type: 'select',
                required: true,
                options: targets.map((target) => ({ value: target, label: target })),
              },
              reasonField(t),
            ],
            submit: t('override.submit'),
            danger: true,
          }
        : undefined,
    };
  },
  async submit(call) {
    const { t } = call;
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
    const { code } = instance.entity;
    return {
      title: t('override.doneTitle', { code }),
      success: t('override.done', { code, from: before, to: outcome.instance.state }),
      facts: [
        [t('common.state'), outcome.instance.state],
        [t('common.reason'), reason],
      ],
      links: [timelineLink(t, instance.id)],
    };
  },
};

const withdraw: ConsoleActionSpec = {
  name: 'withdraw',
  actionType: 'record',
  icon: 'XCircle',
  appliesTo: (p) => p['state'] !== 'withdrawn' && p['state'] !== 'reported',
  async show({ queries, recordId, t }) {
    const instance = await queries.instances.byId(recordId);
    return {
      title: t('withdraw.title', { code: instance.entity.code }),
      intro: t('withdraw.intro'),
      facts: instanceFacts(t, instance),
      form: { fields: [reasonField(t)], submit: t('withdraw.submit'), danger: true },
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
    const { code } = instance.entity;
    return {
      title: call.t('withdraw.doneTitle', { code }),
      success: call.t('withdraw.done', { code, state: outcome.instance.state }),
    };
  },
};

const importOrgTree: ConsoleActionSpec = {
  name: 'importOrgTree',
  actionType: 'record',
  icon: 'GitBranch',
  async show({ queries, recordId, t }) {
    const instance = await queries.instances.byId(recordId);
    return {
      title: t('orgTree.title', { code: instance.entity.code }),
      intro: t('orgTree.intro'),
      form: {
        fields: [csvField(t, t('orgTree.columns'))],
        submit: t('common.import'),
      },
    };
  },
  async submit(call) {
    const { t } = call;
    const instance = await call.queries.instances.byId(call.recordId);
    const result = await call.services.orgTree.importCsv(
      instance.dialogue.year,
      instance.entity.code,
      required(call, 'csv'),
      call.actor,
    );
    return {
      title: t('orgTree.doneTitle', { code: instance.entity.code }),
      success: t('orgTree.done', { added: result.added, updated: result.updated, removed: result.removed }),
      facts: [
        [t('common.managers'), result.progress.managers],
        [t('common.managersWhoLed'), result.progress.managersWhoLed],
        [t('common.cascadeProgress'), percent(result.progress.ratio, call.language)],
      ],
    };
  },
};

export const entityWorkflowActions: ConsoleActionSpec[] = [
  timeline,
  cascadeTree,
  previewMails,
  grantExtension,
  override,
  withdraw,
  linksAction,
  importOrgTree,
];
