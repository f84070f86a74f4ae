import type { ConsoleIdentity, EntityWorkflow } from '@cascade/dialogue';
import {
  actionAnswer,
  actionCall,
  errorsOf,
  isAdmin,
  type ActionCall,
  type ActionDeps,
} from './console-action';
import type { ConsoleView } from './console-view';
import { actionLabel } from './locale/console-text';

/** One call of a bulk action: the instances the person selected in the list, besides what any action gets. */
export interface BulkCall extends ActionCall {
  recordIds: number[];
}

/**
 * An action on the entities selected in a list (AdminJS's bulk actions): `show` describes the form, `submit`
 * checks it once and then acts on each entity in its own transaction, so that one refusal leaves the others done.
 */
export interface BulkActionSpec {
  /** Also the key of its button's label in each catalogue (`adminjs.actions.<name>`). */
  name: string;
  icon: string;
  show(call: BulkCall): Promise<ConsoleView>;
  submit(call: BulkCall): Promise<ConsoleView>;
}

/** What happened to one selected entity. */
export interface BulkOutcome {
  code: string;
  done: boolean;
  /** What was done, or why it was refused, in the account's language. */
  message: string;
}

/** A refusal the console decides itself (a confirmation not given), said as it is. */
export class BulkRefusal extends Error {}

/**
 * Runs `act` for each instance in turn, each one its own transaction (the domain service's): a refusal is kept
 * with its reason, in the account's language, and the next entity is tried.
 */
export async function eachEntity(
  call: Pick<ActionCall, 'language'>,
  instances: EntityWorkflow[],
  act: (instance: EntityWorkflow) => Promise<string>,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const instance of instances) {
    const code = instance.entity.code;
    try {
      outcomes.push({ code, done: true, message: await act(instance) });
    } catch (error) {
      const message = error instanceof BulkRefusal ? error.message : errorsOf(error, call.language).join(' ');
      outcomes.push({ code, done: false, message });
    }
  }
  return outcomes;
}

/** The summary screen: how many were done and refused, then each entity with what happened and why. */
export function summaryView(call: Pick<ActionCall, 't' | 'language'>, name: string, outcomes: BulkOutcome[]) {
  const { t } = call;
  const done = outcomes.filter((o) => o.done).length;
  const refused = outcomes.length - done;
  const view: ConsoleView = {
    title: t('bulk.summaryTitle', { action: actionLabel(call.language, name), done, refused }),
    tables: [
      {
        id: 'bulk-outcomes',
        title: t('bulk.result'),
        columns: [t('common.entity'), t('bulk.result'), t('bulk.why')],
        rows: outcomes.map((o) => [o.code, o.done ? t('bulk.succeeded') : t('bulk.refused'), o.message]),
      },
    ],
  };
  if (done > 0) view.success = view.title;
  if (refused > 0) view.warnings = outcomes.filter((o) => !o.done).map((o) => `${o.code}: ${o.message}`);
  return view;
}

interface BulkContext {
  currentAdmin?: ConsoleIdentity;
  records?: { params: Record<string, unknown>; toJSON(admin?: unknown): unknown }[];
}

interface BulkRequest {
  method: string;
  payload?: unknown;
  query?: unknown;
}

/**
 * The AdminJS bulk action for a spec: offered to admins only and checked again in the handler, as the record
 * actions are (console-action.ts); a form refused as a whole (a missing reason) comes back as it was typed.
 */
export function toBulkAdminAction(spec: BulkActionSpec, component: string, deps: ActionDeps) {
  const allowed = ({ currentAdmin }: BulkContext) => isAdmin(currentAdmin);
  return {
    actionType: 'bulk' as const,
    icon: spec.icon,
    component,
    isAccessible: allowed,
    isVisible: allowed,
    handler: async (request: BulkRequest, _response: unknown, context: BulkContext) => {
      const admin = context.currentAdmin as ConsoleIdentity;
      const records = (context.records ?? []).map((r) => r.toJSON(admin));
      const call: BulkCall = {
        ...actionCall(admin, request, deps, null),
        recordIds: (context.records ?? []).map((r) => Number(r.params['id'])),
      };
      if (!isAdmin(admin)) {
        const title = actionLabel(call.language, spec.name);
        return { records, console: { title, errors: [call.t('refusals.viewerMayNotAct')] } };
      }
      return { records, console: await actionAnswer(spec, call, request.method) };
    },
  };
}
