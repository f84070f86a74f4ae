import { extensionWarnings, type EntityWorkflow } from '@cascade/dialogue';
import type { ActionCall } from '../console-action';
import type { ConsoleView } from '../console-view';
import { reasonField, required } from './action-kit';

/** What the extension form is about: its title, the instance it extends and the facts shown above it. */
export interface ExtensionSubject {
  title: string;
  instance: EntityWorkflow;
  facts: [string, unknown][];
}

type Grant = (deadline: string, reason: string) => Promise<{ instance: EntityWorkflow; warnings: string[] }>;

/** The extension form, with the warning to read first when the date is after the report cutoff. */
export function extensionView(
  subject: Omit<ExtensionSubject, 'instance'>,
  values: { deadline?: string; reason?: string },
  warnings: string[] = [],
): ConsoleView {
  const confirming = warnings.length > 0;
  return {
    title: subject.title,
    intro: confirming
      ? 'Read the warning: granting this extension keeps the entity out of the completed list of the report.'
      : 'A new statistics deadline for this entity; its reminders and escalations are planned again.',
    warnings,
    facts: subject.facts,
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

/**
 * Both ways of granting an extension (an instance's Extension action, the Grant of an entity's request): a date
 * after the report cutoff shows its warning and asks again before `grant` runs; the result is the same screen.
 */
export async function grantExtensionFlow(
  call: ActionCall,
  subject: ExtensionSubject,
  grant: Grant,
): Promise<ConsoleView> {
  const deadline = required(call, 'deadline');
  const reason = required(call, 'reason');
  const warnings = extensionWarnings(subject.instance, deadline);
  if (warnings.length > 0 && call.payload['acknowledge'] !== 'yes') {
    return extensionView(subject, { deadline, reason }, warnings);
  }
  const outcome = await grant(deadline, reason);
  return {
    title: 'Extension granted',
    success: `Extension granted to ${outcome.instance.entity.code} until ${deadline}.`,
    warnings: outcome.warnings,
    facts: [
      ['Entity', outcome.instance.entity.code],
      ['State', outcome.instance.state],
      ['Effective deadline', outcome.instance.effectiveDeadline],
    ],
  };
}
