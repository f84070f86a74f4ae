import type { AnyEntity } from '@mikro-orm/core';
import {
  ADMIN_ROLES,
  AdminUser,
  AuditEvent,
  Dialogue,
  EntityWorkflow,
  ExtensionRequest,
  FocalPoint,
  MailMessage,
  MAIL_STATUSES,
  nextTimers,
  OrgEntity,
  Person,
  Report,
  ScenarioProposal,
  SeminarRequest,
  SessionQuestion,
  SessionRecord,
  StatisticsSubmission,
} from '@cascade/dialogue';
import { Timer, TIMER_STATUSES } from '@cascade/dialogue';
import { consoleActions } from './actions';
import { isAdmin, toAdminAction, type ConsoleActionSpec } from './console-action';
import { consoleResourceClass, type ResourceReading } from './console-resource';
import type { ConsoleServices } from './console-services';
import type { AdminJsModules } from './esm';

interface Who {
  currentAdmin?: { role?: string };
}

const loggedIn = ({ currentAdmin }: Who) => !!currentAdmin;
const adminOnly = ({ currentAdmin }: Who) => isAdmin(currentAdmin);
const never = { isAccessible: false, isVisible: false };

/** Nothing is created, edited or deleted through generic forms: every change goes through a domain action. */
const readOnlyActions = {
  new: never,
  edit: never,
  delete: never,
  bulkDelete: never,
  list: { isAccessible: loggedIn },
  show: { isAccessible: loggedIn },
  search: { isAccessible: loggedIn },
};

/** Resources for the admin role only, reads included (the role gate refuses them to viewers with 403). */
export const ADMIN_ONLY_RESOURCES = ['AdminUser'];

const values = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
const hidden = { isVisible: false };
const filterOnly = { isVisible: { list: false, show: false, edit: false, filter: true }, isSortable: false };
const listAndShow = { isVisible: { list: true, show: true, edit: false, filter: false }, isSortable: false };

/** The console's resources: every table the Ethics Office reads, with the actions that apply to each. */
export function consoleResources(
  modules: AdminJsModules,
  services: ConsoleServices,
  components: { action: string },
) {
  const ConsoleResource = consoleResourceClass(modules);
  const states = [...new Set(services.registry.all().flatMap((d) => Object.keys(d.states)))];

  const actionsOf = (specs: ConsoleActionSpec[] = []) =>
    Object.fromEntries(specs.map((spec) => [spec.name, toAdminAction(spec, components.action, services)]));

  const resource = (
    model: { name: string },
    reading: ResourceReading,
    options: Record<string, unknown> & { navigation: { name: string; icon: string } },
  ) => ({
    resource: new ConsoleResource({ model, orm: services.orm }, reading),
    options: {
      ...options,
      actions: {
        ...readOnlyActions,
        ...actionsOf((consoleActions as Record<string, ConsoleActionSpec[]>)[model.name]),
      },
    },
  });

  const dialogue = { name: 'Leadership Dialogue', icon: 'Compass' };
  const requests = { name: 'Requests', icon: 'Inbox' };
  const reporting = { name: 'Sessions and statistics', icon: 'BarChart2' };
  const operations = { name: 'Operations', icon: 'Settings' };

  return [
    resource(
      Dialogue,
      { defaultSort: { sortBy: 'year', direction: 'desc' } },
      {
        navigation: dialogue,
        titleProperty: 'year',
        listProperties: [
          'year',
          'statisticsDeadline',
          'reportCutoff',
          'launchedAt',
          'reportIssuedAt',
          'workflowVersion',
        ],
        filterProperties: ['year'],
        properties: { topic: { type: 'mixed' }, materials: { type: 'mixed' } },
      },
    ),
    resource(
      EntityWorkflow,
      {
        populate: ['entity'],
        exact: ['state'],
        virtualFilters: {
          kind: (kind) => ({ entity: { kind } }),
          // Exact (as in the entity list), so that the index on the entity's duty station serves it.
          dutyStation: (dutyStation) => ({ entity: { dutyStation: dutyStation.trim() } }),
          code: (code) => ({ entity: { code: code.toUpperCase() } }),
        },
        extras: async (em, rows: AnyEntity[]) => {
          const instances = rows as EntityWorkflow[];
          const byDialogue = new Map<number, number[]>();
          for (const i of instances) {
            byDialogue.set(i.dialogue.id, [...(byDialogue.get(i.dialogue.id) ?? []), i.id]);
          }
          const next = new Map<number, Timer>();
          for (const [dialogueId, ids] of byDialogue) {
            for (const [id, timer] of await nextTimers(em, dialogueId, ids)) next.set(id, timer);
          }
          return instances.map((i) => {
            const timer = next.get(i.id);
            return {
              code: i.entity.code,
              effectiveDeadline: i.effectiveDeadline,
              nextTimer: timer ? `${timer.kind} ${timer.localDueAt}` : '',
              kind: i.entity.kind,
              dutyStation: i.entity.dutyStation,
            };
          });
        },
      },
      {
        id: 'EntityWorkflow',
        navigation: dialogue,
        titleProperty: 'code',
        // The entity list's order; AdminJS would otherwise sort by the first sortable column (the state).
        sort: { sortBy: 'id', direction: 'asc' },
        listProperties: [
          'code',
          'entity',
          'dialogue',
          'state',
          'escalationLevel',
          'effectiveDeadline',
          'nextTimer',
          'lateAdded',
        ],
        filterProperties: [
          'dialogue',
          'code',
          'state',
          'escalationLevel',
          'kind',
          'dutyStation',
          'lateAdded',
        ],
        showProperties: [
          'code',
          'entity',
          'dialogue',
          'state',
          'escalationLevel',
          'invitedAt',
          'deadline',
          'extendedDeadline',
          'effectiveDeadline',
          'nextTimer',
          'lateAdded',
          'sessionsRecorded',
          'statisticsSubmittedAt',
          'headConfirmedAt',
          'updatedAt',
        ],
        properties: {
          state: { availableValues: values(states) },
          code: {
            type: 'string',
            ...listAndShow,
            isVisible: { list: true, show: true, edit: false, filter: true },
          },
          effectiveDeadline: { type: 'string', ...listAndShow },
          nextTimer: { type: 'string', ...listAndShow },
          kind: { type: 'string', ...filterOnly },
          dutyStation: { type: 'string', ...filterOnly },
          version: hidden,
        },
      },
    ),
    resource(
      OrgEntity,
      { exact: ['kind', 'code'], defaultSort: { sortBy: 'code', direction: 'asc' } },
      {
        navigation: dialogue,
        titleProperty: 'code',
        listProperties: ['code', 'name', 'kind', 'dutyStation', 'timeZone', 'language', 'headEmail'],
        filterProperties: ['code', 'name', 'kind', 'dutyStation', 'language'],
        properties: { language: { availableValues: values(['en', 'fr', 'es']) } },
      },
    ),
    resource(
      FocalPoint,
      {},
      {
        navigation: dialogue,
        listProperties: ['entity', 'name', 'email', 'language'],
        filterProperties: ['entity', 'email', 'name'],
      },
    ),
    resource(
      Person,
      { exact: ['email'] },
      {
        navigation: dialogue,
        listProperties: ['entity', 'name', 'email', 'managerEmail', 'isManager', 'language'],
        filterProperties: ['entity', 'email', 'managerEmail', 'isManager'],
      },
    ),
    resource(
      ExtensionRequest,
      { exact: ['status'] },
      {
        navigation: requests,
        listProperties: [
          'id',
          'workflow',
          'wishedDeadline',
          'status',
          'requestedBy',
          'requestedAt',
          'decidedBy',
        ],
        filterProperties: ['workflow', 'status'],
        properties: { status: { availableValues: values(['pending', 'granted', 'refused']) } },
      },
    ),
    resource(
      SessionQuestion,
      {},
      {
        navigation: requests,
        listProperties: ['id', 'session', 'text', 'answer', 'answeredBy', 'answeredAt'],
        filterProperties: ['session', 'answeredBy'],
      },
    ),
    resource(
      ScenarioProposal,
      { exact: ['status'] },
      {
        navigation: requests,
        listProperties: ['id', 'workflow', 'title', 'status', 'proposedBy', 'proposedAt'],
        filterProperties: ['workflow', 'status'],
        properties: { status: { availableValues: values(['pending', 'approved', 'rejected']) } },
      },
    ),
    resource(
      SeminarRequest,
      { exact: ['status'] },
      {
        navigation: requests,
        listProperties: [
          'id',
          'workflow',
          'topic',
          'preferredPeriod',
          'expectedParticipants',
          'status',
          'requestedAt',
        ],
        filterProperties: ['workflow', 'status'],
        properties: { status: { availableValues: values(['requested', 'scheduled', 'held', 'cancelled']) } },
      },
    ),
    resource(
      SessionRecord,
      { exact: ['leaderEmail', 'language'] },
      {
        navigation: reporting,
        listProperties: [
          'id',
          'workflow',
          'leaderEmail',
          'heldOn',
          'language',
          'participants',
          'sizeWarning',
        ],
        filterProperties: ['workflow', 'leaderEmail', 'language'],
      },
    ),
    resource(
      StatisticsSubmission,
      {},
      {
        navigation: reporting,
        listProperties: [
          'id',
          'workflow',
          'revision',
          'eligibleStaff',
          'staffParticipated',
          'sessionsHeld',
          'submittedAt',
        ],
        filterProperties: ['workflow'],
      },
    ),
    resource(
      Report,
      {},
      {
        navigation: reporting,
        listProperties: ['id', 'dialogue', 'version', 'issuedAt', 'issuedBy'],
        filterProperties: ['dialogue'],
        properties: { content: { type: 'mixed', isVisible: false } },
      },
    ),
    resource(
      MailMessage,
      { exact: ['status', 'template', 'entityCode', 'recipientAddress'] },
      {
        navigation: operations,
        titleProperty: 'subject',
        listProperties: [
          'id',
          'entityCode',
          'recipientAddress',
          'template',
          'language',
          'status',
          'attempts',
          'sentAt',
        ],
        filterProperties: ['dialogue', 'entityCode', 'status', 'template', 'recipientAddress'],
        showProperties: [
          'id',
          'dialogue',
          'entityCode',
          'recipientName',
          'recipientAddress',
          'recipientRole',
          'template',
          'language',
          'subject',
          'text',
          'status',
          'attempts',
          'lastError',
          'messageId',
          'createdAt',
          'sentAt',
          'resentFrom',
        ],
        properties: { status: { availableValues: values(MAIL_STATUSES) } },
      },
    ),
    resource(
      Timer,
      { exact: ['status', 'kind', 'timerId'], defaultSort: { sortBy: 'dueAt', direction: 'asc' } },
      {
        navigation: operations,
        titleProperty: 'key',
        listProperties: [
          'id',
          'workflowId',
          'timerId',
          'kind',
          'localDueAt',
          'status',
          'escalationLevel',
          'outcome',
        ],
        filterProperties: ['dialogueId', 'workflowId', 'kind', 'status', 'dueAt'],
        properties: {
          status: { availableValues: values(TIMER_STATUSES) },
          mail: { type: 'mixed' },
        },
      },
    ),
    resource(
      AuditEvent,
      { exact: ['event', 'entityCode'] },
      {
        navigation: operations,
        titleProperty: 'event',
        listProperties: ['id', 'at', 'actor', 'entityCode', 'event', 'fromState', 'toState', 'reason'],
        filterProperties: ['dialogue', 'entityCode', 'event', 'actor', 'at'],
        properties: { details: { type: 'mixed' } },
      },
    ),
    resource(
      AdminUser,
      { exact: ['email', 'role'] },
      {
        navigation: operations,
        titleProperty: 'email',
        listProperties: ['id', 'email', 'role', 'disabledAt', 'createdAt', 'lastLoginAt'],
        showProperties: ['id', 'email', 'role', 'disabledAt', 'createdAt', 'lastLoginAt'],
        filterProperties: ['email', 'role'],
        properties: {
          passwordHash: { isVisible: false },
          role: { availableValues: values(ADMIN_ROLES) },
        },
      },
    ),
  ].map((r) => (ADMIN_ONLY_RESOURCES.includes(r.resource.id()) ? adminOnlyResource(r) : r));
}

/**
 * Console accounts: for admins only, every action of the resource included (list, show, search and the account
 * actions); AdminJS refuses a viewer's request (403) whatever the menu shows.
 */
function adminOnlyResource<T extends { options: { actions: Record<string, unknown> } }>(r: T): T {
  const actions = { ...r.options.actions };
  // The account actions are admin-only by themselves (console-action.ts); AdminJS's own reads are made so here.
  for (const name of ['list', 'show', 'search']) {
    actions[name] = { ...(actions[name] as object), isAccessible: adminOnly, isVisible: adminOnly };
  }
  return { ...r, options: { ...r.options, actions } };
}
