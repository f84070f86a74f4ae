import { LANGUAGES, ValidationFailed, type EntityWorkflow, type ManagerWorkflow } from '@cascade/dialogue';
import { localDateOf } from '@cascade/workflow';
import type { ActionCall } from '../console-action';
import type { ConsoleField } from '../console-view';
import type { Translate } from '../locale/console-text';
import { scheduledSessionOf } from '../resources/manager-workflow.resource';

/**
 * Pieces the actions of several resources share: the reason field, required values, an instance's facts. Each
 * takes the account's texts (`t`), as every screen speaks the account's language.
 */

export const reasonField = (t: Translate, label = t('common.reasonField')): ConsoleField => ({
  name: 'reason',
  label,
  type: 'textarea',
  required: true,
});

/** A pasted CSV file, all or nothing. */
export const csvField = (t: Translate, help: string): ConsoleField => ({
  name: 'csv',
  label: t('common.csv'),
  type: 'textarea',
  rows: 12,
  required: true,
  help,
});

export const required = (call: ActionCall, field: string): string => {
  const value = call.payload[field]?.trim();
  if (!value) throw new ValidationFailed([{ field, code: 'required', message: 'is required' }]);
  return value;
};

export const instanceFacts = (t: Translate, instance: EntityWorkflow): [string, unknown][] => [
  [t('common.entity'), `${instance.entity.code} — ${instance.entity.name}`],
  [t('common.year'), instance.dialogue.year],
  [t('common.state'), instance.state],
  [t('common.escalationLevel'), instance.escalationLevel],
  [t('common.deadline'), instance.deadline],
  [t('common.effectiveDeadline'), instance.effectiveDeadline],
  [t('common.reportCutoff'), instance.dialogue.reportCutoff],
];

export const timelineLink = (t: Translate, instanceId: number) => ({
  label: t('common.entityTimeline'),
  href: `/admin/resources/EntityWorkflow/records/${instanceId}/timeline`,
});

/** A manager of a reporting tree (their instance with its entity's, dialogue and entity loaded). */
export const managerFacts = (t: Translate, m: ManagerWorkflow): [string, unknown][] => [
  [t('common.manager'), `${m.name} <${m.email}>`],
  [t('common.entity'), `${m.workflow.entity.code} — ${m.workflow.entity.name}`],
  [t('common.year'), m.workflow.dialogue.year],
  [t('common.state'), m.state],
  [t('common.reportsTo'), m.managerEmail ?? t('common.nobodyInTree')],
  [t('common.directReports'), m.directReports],
  [t('common.turnCame'), m.turnAt ? localDateOf(m.turnAt, m.workflow.entity.timeZone) : t('common.notYet')],
  [t('common.sessionsLed'), m.sessionsLed],
  [t('common.scheduledSession'), scheduledSessionOf(m) || t('common.none')],
  ...(m.excuseReason ? [[t('common.excusedBecause'), m.excuseReason] as [string, unknown]] : []),
];

export const managerLink = (t: Translate, managerId: number, action: 'timeline' | 'show' = 'timeline') => ({
  label: action === 'timeline' ? t('common.managerTimeline') : t('common.managerShow'),
  href: `/admin/resources/ManagerWorkflow/records/${managerId}/${action}`,
});

export const cascadeLink = (t: Translate, instanceId: number, label = t('common.cascade')) => ({
  label,
  href: `/admin/resources/EntityWorkflow/records/${instanceId}/cascade`,
});

/** Requests (extension, scenario) the Ethics Office has not decided yet. */
export const pending = (p: Record<string, unknown>) => p['status'] === 'pending';

export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: l }));
