import { LANGUAGES, ValidationFailed, type EntityWorkflow } from '@cascade/dialogue';
import type { ActionCall } from '../console-action';
import type { ConsoleField } from '../console-view';

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

/** Requests (extension, scenario) the Ethics Office has not decided yet. */
export const pending = (p: Record<string, unknown>) => p['status'] === 'pending';

export const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: l }));
