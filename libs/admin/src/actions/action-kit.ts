import { LANGUAGES, ValidationFailed, type EntityWorkflow, type ManagerWorkflow } from '@cascade/dialogue';
import { localDateOf } from '@cascade/workflow';
import type { ActionCall } from '../console-action';
import type { ConsoleField } from '../console-view';
import { scheduledSessionOf } from '../resources/manager-workflow.resource';

/** Pieces the actions of several resources share: the reason field, required values, an instance's facts. */

export const reasonField = (label = 'Reason (kept in the audit trail)'): ConsoleField => ({
  name: 'reason',
  label,
  type: 'textarea',
  required: true,
});

/** A pasted CSV file, all or nothing. */
export const csvField = (help: string): ConsoleField => ({
  name: 'csv',
  label: 'CSV',
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

export const instanceFacts = (instance: EntityWorkflow): [string, unknown][] => [
  ['Entity', `${instance.entity.code} — ${instance.entity.name}`],
  ['Year', instance.dialogue.year],
  ['State', instance.state],
  ['Escalation level', instance.escalationLevel],
  ['Deadline', instance.deadline],
  ['Effective deadline', instance.effectiveDeadline],
  ['Report cutoff', instance.dialogue.reportCutoff],
];

export const timelineLink = (instanceId: number) => ({
  label: 'Open its timeline',
  href: `/admin/resources/EntityWorkflow/records/${instanceId}/timeline`,
});

/** A manager of a reporting tree (their instance with its entity's, dialogue and entity loaded). */
export const managerFacts = (m: ManagerWorkflow): [string, unknown][] => [
  ['Manager', `${m.name} <${m.email}>`],
  ['Entity', `${m.workflow.entity.code} — ${m.workflow.entity.name}`],
  ['Year', m.workflow.dialogue.year],
  ['State', m.state],
  ['Reports to', m.managerEmail ?? 'nobody in the tree'],
  ['Direct reports', m.directReports],
  ['Turn came', m.turnAt ? localDateOf(m.turnAt, m.workflow.entity.timeZone) : 'not yet'],
  ['Sessions led', m.sessionsLed],
  ['Scheduled session', scheduledSessionOf(m) || 'none'],
  ...(m.excuseReason ? [['Excused because', m.excuseReason] as [string, unknown]] : []),
];

export const managerLink = (managerId: number, action: 'timeline' | 'show' = 'timeline') => ({
  label: action === 'timeline' ? 'Open their timeline' : 'Open the manager',
  href: `/admin/resources/ManagerWorkflow/records/${managerId}/${action}`,
});

export const cascadeLink = (instanceId: number, label = 'Open the cascade') => ({
  label,
  href: `/admin/resources/EntityWorkflow/records/${instanceId}/cascade`,
});

/** Requests (extension, scenario) the Ethics Office has not decided yet. */
export const pending = (p: Record<string, unknown>) => p['status'] === 'pending';

export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: l }));
