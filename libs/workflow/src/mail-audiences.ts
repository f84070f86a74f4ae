import type { WorkflowDefinition } from './definition.schema';

/**
 * Whom each mail template of a definition is addressed to, across its transitions, timers, escalation and digest:
 * what a preview needs to address a mail as the workflow would. A template sent from several places to different
 * audiences gets all of them, each once, in the order the definition first names them.
 */
export function mailAudiences(definition: WorkflowDefinition): Map<string, string[]> {
  const audiences = new Map<string, string[]>();
  const add = (template: string, to: readonly string[]) => {
    const known = audiences.get(template) ?? [];
    audiences.set(template, [...known, ...to.filter((who) => !known.includes(who))]);
  };
  for (const transition of definition.transitions) {
    for (const effect of transition.effects) if (effect.type === 'mail') add(effect.template, effect.to);
  }
  for (const timer of definition.timers) if (timer.mail) add(timer.mail.template, timer.mail.to);
  for (const step of definition.escalation?.steps ?? []) add(step.mail.template, step.mail.to);
  const repeat = definition.escalation?.repeat;
  if (repeat) add(repeat.mail.template, repeat.mail.to);
  if (definition.digest) add(definition.digest.template, definition.digest.to);
  return audiences;
}
