import type { FactType, WorkflowDefinition } from './definition.schema';
import type { FactValue, InstanceSnapshot } from './instance';
import { isIsoDate } from './local-time';

function fits(type: FactType, value: FactValue): boolean {
  if (value === null) return true;
  switch (type) {
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'instant':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0;
    case 'flag':
      return typeof value === 'boolean';
    case 'text':
      return typeof value === 'string';
  }
}

/**
 * A snapshot that lacks a declared fact, or carries one of the wrong type, is a programming error of the caller:
 * refusing it here names the fact, where a wrong plan would only show weeks later as a missing reminder.
 */
export function assertFacts(def: WorkflowDefinition, instance: InstanceSnapshot): void {
  const problems: string[] = [];
  for (const [name, fact] of Object.entries(def.facts)) {
    if (!Object.prototype.hasOwnProperty.call(instance.facts, name)) problems.push(`${name} is missing`);
    else if (!fits(fact.type, instance.facts[name])) problems.push(`${name} is not a ${fact.type}`);
  }
  if (problems.length > 0) {
    throw new TypeError(`${def.id} v${def.version} snapshot: ${problems.join('; ')}`);
  }
}

/** Typed reads for guards, which declare the facts they read (so the loader has checked their types). */
export const factOf = {
  count: (i: InstanceSnapshot, name: string): number => (i.facts[name] as number | null) ?? 0,
  flag: (i: InstanceSnapshot, name: string): boolean => (i.facts[name] as boolean | null) ?? false,
  date: (i: InstanceSnapshot, name: string): string | null => (i.facts[name] as string | null) ?? null,
  instant: (i: InstanceSnapshot, name: string): Date | null => (i.facts[name] as Date | null) ?? null,
};
