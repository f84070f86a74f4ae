import type { WorkflowDefinition } from '../definition.schema';
import { COMMON_GUARDS, type Guard, type GuardSet } from './guard';
import { LEADERSHIP_DIALOGUE_GUARDS } from './leadership-dialogue.guards';
import { MANAGER_SESSION_GUARDS } from './manager-session.guards';

/**
 * The guards each kind of definition may name, by definition id. A new kind of workflow registers its set here;
 * a definition whose id has no set may use only the common guards.
 */
const GUARD_SETS: Readonly<Record<string, GuardSet>> = {
  'leadership-dialogue': { ...COMMON_GUARDS, ...LEADERSHIP_DIALOGUE_GUARDS },
  'manager-session': { ...COMMON_GUARDS, ...MANAGER_SESSION_GUARDS },
};

export function guardsFor(def: Pick<WorkflowDefinition, 'id'>): GuardSet {
  return Object.prototype.hasOwnProperty.call(GUARD_SETS, def.id) ? GUARD_SETS[def.id] : COMMON_GUARDS;
}

export function guardOf(def: Pick<WorkflowDefinition, 'id'>, name: string): Guard | undefined {
  const set = guardsFor(def);
  return Object.prototype.hasOwnProperty.call(set, name) ? set[name] : undefined;
}
