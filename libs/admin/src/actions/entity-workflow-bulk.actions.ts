import { extensionWarnings, ValidationFailed, type EntityWorkflow } from '@cascade/dialogue';
import { BulkRefusal, eachEntity, summaryView, type BulkActionSpec, type BulkCall } from '../bulk-action';
import type { ConsoleView } from '../console-view';
import { reasonField, required } from './action-kit';

// What the Ethics Office does to several entities of a year at once, selected in the list: remind them, grant
// them the same extension, withdraw them. Each entity is one transaction of the domain's own service, audited
// there, exactly as the single-entity actions do.

async function selectedInstances(call: BulkCall): Promise<EntityWorkflow[]> {
  if (call.recordIds.length === 0) {
    throw new ValidationFailed([
      { field: 'recordIds', code: 'required', message: 'select at least one entity' },
    ]);
  }
  const instances: EntityWorkflow[] = [];
  for (const id of call.recordIds) instances.push(await call.queries.instances.byId(id));
  return instances;
}

/** The screen of a bulk action before it runs: what it does, to whom, and its form. */
async function bulkForm(
  call: BulkCall,
  title: string,
  intro: string,
  form: ConsoleView['form'],
): Promise<ConsoleView> {
  const instances = await selectedInstances(call);
  const codes = instances.map((i) => i.entity.code).join(', ');
  return {
    title,
    intro,
    facts: [[call.t('common.entity'), call.t('bulk.selected', { count: instances.length, codes })]],
    form,
  };
}

const bulkRemind: BulkActionSpec = {
  name: 'bulkRemind',
  icon: 'Bell',
  show: (call) =>
    bulkForm(call, call.t('bulk.remindTitle'), call.t('bulk.remindIntro'), {
      fields: [],
      submit: call.t('bulk.remindSubmit'),
    }),
  async submit(call) {
    const outcomes = await eachEntity(call, await selectedInstances(call), async (instance) => {
      const sent = await call.services.remindNow.remindNow(
        instance.dialogue.year,
        instance.entity.code,
        call.actor,
      );
      return call.t('bulk.reminded', { template: sent.template });
    });
    return summaryView(call, 'bulkRemind', outcomes);
  },
};

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const bulkExtend: BulkActionSpec = {
  name: 'bulkExtend',
  icon: 'Calendar',
  show: (call) =>
    bulkForm(call, call.t('bulk.extendTitle'), call.t('bulk.extendIntro'), {
      fields: [
        { name: 'deadline', label: call.t('extension.newDeadline'), type: 'date', required: true },
        reasonField(call.t),
        { name: 'confirmPastCutoff', label: call.t('bulk.confirmPastCutoff'), type: 'checkbox' },
      ],
      submit: call.t('bulk.extendSubmit'),
    }),
  async submit(call) {
    // The form is checked once, before any entity: a bad date or no reason refuses the whole, nothing written.
    const deadline = required(call, 'deadline');
    if (!CALENDAR_DAY.test(deadline) || Number.isNaN(Date.parse(`${deadline}T00:00:00Z`))) {
      throw new ValidationFailed([{ field: 'deadline', code: 'date', message: 'must be a date YYYY-MM-DD' }]);
    }
    const reason = required(call, 'reason');
    const confirmed = call.payload['confirmPastCutoff'] === 'yes';
    const outcomes = await eachEntity(call, await selectedInstances(call), async (instance) => {
      if (!confirmed && extensionWarnings(instance, deadline).length > 0) {
        throw new BulkRefusal(call.t('bulk.pastCutoff', { cutoff: instance.dialogue.reportCutoff }));
      }
      const outcome = await call.services.workflows.grantExtension(
        instance.dialogue.year,
        instance.entity.code,
        deadline,
        reason,
        call.actor,
      );
      return call.t('bulk.extended', { deadline: outcome.instance.effectiveDeadline });
    });
    return summaryView(call, 'bulkExtend', outcomes);
  },
};

const bulkWithdraw: BulkActionSpec = {
  name: 'bulkWithdraw',
  icon: 'Archive',
  show: (call) =>
    bulkForm(call, call.t('bulk.withdrawTitle'), call.t('bulk.withdrawIntro'), {
      fields: [reasonField(call.t)],
      submit: call.t('bulk.withdrawSubmit'),
      danger: true,
    }),
  async submit(call) {
    const reason = required(call, 'reason');
    const outcomes = await eachEntity(call, await selectedInstances(call), async (instance) => {
      await call.services.workflows.withdraw(
        instance.dialogue.year,
        instance.entity.code,
        reason,
        call.actor,
      );
      return call.t('bulk.withdrawn');
    });
    return summaryView(call, 'bulkWithdraw', outcomes);
  },
};

export const entityWorkflowBulkActions: BulkActionSpec[] = [bulkRemind, bulkExtend, bulkWithdraw];

/** Every bulk action of the console, by the resource it belongs to. */
export const consoleBulkActions: Record<string, BulkActionSpec[]> = {
  EntityWorkflow: entityWorkflowBulkActions,
};
