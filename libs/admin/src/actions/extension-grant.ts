import { extensionWarnings, type EntityWorkflow } from '@cascade/dialogue';
import type { ActionCall } from '../console-action';
import type { ConsoleView } from '../console-view';
import type { Translate } from '../locale/console-text';
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
  t: Translate,
  subject: Omit<ExtensionSubject, 'instance'>,
  values: { deadline?: string; reason?: string },
  warnings: string[] = [],
): ConsoleView {
  const confirming = warnings.length > 0;
  return {
    title: subject.title,
    intro: confirming ? t('extension.introConfirm') : t('extension.intro'),
    warnings,
    facts: subject.facts,
    form: {
      fields: [
        {
          name: 'deadline',
          label: t('extension.newDeadline'),
          type: 'date',
          required: true,
          value: values.deadline ?? '',
        },
        { ...reasonField(t), value: values.reason ?? '' },
        { name: 'acknowledge', label: '', type: 'hidden', value: confirming ? 'yes' : '' },
      ],
      submit: confirming ? t('extension.submitAnyway') : t('extension.submit'),
      danger: confirming,
    },
  };
}

/**
 * The domain's warning about a deadline after the report cutoff (its only one), said in the account's language:
 * the domain decides whether there is one, the catalogue says it.
 */
function cutoffWarnings(t: Translate, instance: EntityWorkflow, deadline: string): string[] {
  if (extensionWarnings(instance, deadline).length === 0) return [];
  const { reportCutoff, year } = instance.dialogue;
  return [t('extension.afterCutoff', { cutoff: reportCutoff, code: instance.entity.code, year })];
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
  const { t } = call;
  const deadline = required(call, 'deadline');
  const reason = required(call, 'reason');
  const warnings = cutoffWarnings(t, subject.instance, deadline);
  if (warnings.length > 0 && call.payload['acknowledge'] !== 'yes') {
    return extensionView(t, subject, { deadline, reason }, warnings);
  }
  const outcome = await grant(deadline, reason);
  return {
    title: t('extension.doneTitle'),
    success: t('extension.done', { code: outcome.instance.entity.code, deadline }),
    warnings: outcome.warnings.length ? cutoffWarnings(t, outcome.instance, deadline) : [],
    facts: [
      [t('common.entity'), outcome.instance.entity.code],
      [t('common.state'), outcome.instance.state],
      [t('common.effectiveDeadline'), outcome.instance.effectiveDeadline],
    ],
  };
}
