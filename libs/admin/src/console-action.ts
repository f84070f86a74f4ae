import { Logger } from '@nestjs/common';
import { classifyError, consoleActor, type ConsoleIdentity, type ConsoleLanguage } from '@cascade/dialogue';
import type { ConsoleQueries, ConsoleServices } from './console-services';
import { withValues, type ConsoleView } from './console-view';
import { actionLabel, languageOf, translator, type Translate } from './locale/console-text';
import { refusalIn } from './locale/refusals';

/** One call of an action: who, on which record, with what the form sent. */
export interface ActionCall {
  admin: ConsoleIdentity;
  /** `admin: <email>`, as the audit trail names the person. */
  actor: string;
  recordId: number | null;
  payload: Record<string, string>;
  /** The screen's parameters (a search, a page), read from the query string of a GET. */
  query: Record<string, string>;
  services: ConsoleServices;
  queries: ConsoleQueries;
  /** The account's language, and the server's texts in it (locale/<language>.json). */
  language: ConsoleLanguage;
  t: Translate;
}

/** What every action is given besides the call: the domain's services and reads. */
export type ActionDeps = Pick<ActionCall, 'services' | 'queries'>;

/** A console action: `show` describes the screen (GET), `submit` acts (POST) and describes the result. */
export interface ConsoleActionSpec {
  /** Also the key of its button's label in each catalogue (`adminjs.actions.<name>`). */
  name: string;
  actionType: 'record' | 'resource';
  icon: string;
  /** Read-only actions (timelines) are open to viewers; every other action is for the admin role only. */
  readOnly?: boolean;
  /** Whether the action applies to this record (e.g. a request still pending). */
  appliesTo?: (params: Record<string, unknown>) => boolean;
  show(call: ActionCall): Promise<ConsoleView>;
  submit?(call: ActionCall): Promise<ConsoleView>;
}

export const isAdmin = (admin: { role?: string } | null | undefined): boolean => admin?.role === 'admin';

const logger = new Logger('Console');

/**
 * What a refused action tells the person, in their language: each field's problem, or the rule that was broken.
 * English says the domain's own message (as the REST API does) with the field's name; French says the error's
 * code in French (locale/errors-fr.json) with the field's label on the form (`labels`, by field name). The
 * server's own failures are logged and said without their details.
 */
export function errorsOf(
  error: unknown,
  language: ConsoleLanguage = 'en',
  labels: Record<string, string> = {},
): string[] {
  const t = translator(language);
  const refused = classifyError(error);
  if (refused.category === 'internal' || refused.category === 'unavailable') {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [t('refusals.internal')];
  }
  if (refused.code === 'validation-failed') {
    return refused.issues.map((i) => {
      const english = language === 'en';
      const field = english ? i.field : labels[i.field] || i.field;
      const message = refusalIn(language, i.code, i.params ?? {}, i.message);
      return i.row
        ? t('refusals.rowIssue', { row: i.row, field, message })
        : t('refusals.issue', { field, message });
    });
  }
  return [refusalIn(language, refused.code, refused.params, refused.message)];
}

/** Flat string values of a posted form (AdminJS sends JSON or multipart fields). */
export function payloadOf(raw: unknown): Record<string, string> {
  const payload: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return payload;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') payload[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') payload[key] = String(value);
  }
  return payload;
}

interface AdminJsContext {
  currentAdmin?: ConsoleIdentity & { title?: string };
  record?: { params: Record<string, unknown>; toJSON(admin?: unknown): unknown };
}

interface AdminJsRequest {
  method: string;
  payload?: unknown;
  query?: unknown;
  params?: { recordId?: string };
}

/** The call an action handler hands a spec: who acts, in which language, what was posted, the services. */
export function actionCall(
  admin: ConsoleIdentity,
  request: { payload?: unknown; query?: unknown },
  deps: ActionDeps,
  recordId: number | null,
): ActionCall {
  const language = languageOf(admin);
  return {
    admin,
    actor: consoleActor(admin),
    recordId,
    payload: payloadOf(request.payload),
    query: payloadOf(request.query),
    ...deps,
    language,
    t: translator(language),
  };
}

/**
 * What a console action answers: its screen on a GET (or when it has no form); on a POST what its submission
 * says, or, when it is refused, the form again with what was typed and why, each field by its label.
 */
export async function actionAnswer<C extends ActionCall>(
  spec: { name: string; show(call: C): Promise<ConsoleView>; submit?(call: C): Promise<ConsoleView> },
  call: C,
  method: string,
): Promise<ConsoleView> {
  const failed = (error: unknown): ConsoleView => ({
    title: actionLabel(call.language, spec.name),
    errors: errorsOf(error, call.language),
  });
  if (method !== 'post' || !spec.submit) return spec.show(call).catch(failed);
  try {
    return await spec.submit(call);
  } catch (error) {
    const again = await spec.show(call).catch(failed);
    const labels = Object.fromEntries((again.form?.fields ?? []).map((f) => [f.name, f.label]));
    return { ...withValues(again, call.payload), errors: errorsOf(error, call.language, labels) };
  }
}

/**
 * The AdminJS action for a spec: visible and accessible to admins (and to viewers for read-only ones), with the
 * role checked again in the handler; a refused submission shows the form again with what was typed.
 */
export function toAdminAction(spec: ConsoleActionSpec, component: string, deps: ActionDeps) {
  const allowed = ({ currentAdmin }: AdminJsContext) =>
    spec.readOnly ? !!currentAdmin : isAdmin(currentAdmin);
  return {
    actionType: spec.actionType,
    icon: spec.icon,
    component,
    isAccessible: allowed,
    isVisible: (context: AdminJsContext) =>
      allowed(context) && (!spec.appliesTo || !context.record || spec.appliesTo(context.record.params)),
    handler: async (request: AdminJsRequest, _response: unknown, context: AdminJsContext) => {
      const admin = context.currentAdmin as ConsoleIdentity;
      const record = context.record?.toJSON(context.currentAdmin);
      const call = actionCall(
        admin,
        request,
        deps,
        context.record ? Number(context.record.params['id']) : null,
      );
      const writes = request.method === 'post' && !!spec.submit;
      if (writes && !spec.readOnly && !isAdmin(admin)) {
        const title = actionLabel(call.language, spec.name);
        return { record, console: { title, errors: [call.t('refusals.viewerMayNotAct')] } };
      }
      const view = await actionAnswer(spec, call, request.method);
      const notice = writes && view.success ? { message: view.success, type: 'success' } : undefined;
      return { record, console: view, notice };
    },
  };
}
