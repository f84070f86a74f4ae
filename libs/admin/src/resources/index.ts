import type { MikroORM } from '@mikro-orm/core';
import { toAdminAction, type ActionDeps } from '../console-action';
import { consoleActions } from '../actions';
import { consoleBulkActions } from '../actions/entity-workflow-bulk.actions';
import { toBulkAdminAction } from '../bulk-action';
import type { AdminJsModules } from '../esm';
import { adminUserResource } from './admin-user.resource';
import { auditEventResource } from './audit-event.resource';
import { consoleResourceClass } from './console-resource';
import { dialogueResource } from './dialogue.resource';
import { dutyStationHolidayResource } from './duty-station-holiday.resource';
import { entityWorkflowResource } from './entity-workflow.resource';
import { extensionRequestResource } from './extension-request.resource';
import { focalPointResource } from './focal-point.resource';
import { mailMessageResource } from './mail-message.resource';
import { managerWorkflowResource } from './manager-workflow.resource';
import { orgEntityResource } from './org-entity.resource';
import { personResource } from './person.resource';
import { withListSearch } from './list-search';
import { reportResource } from './report.resource';
import {
  ADMIN_ONLY_RESOURCES,
  adminOnlyResource,
  readOnlyActions,
  type ResourceDefinition,
} from './resource-kit';
import { scenarioProposalResource } from './scenario-proposal.resource';
import { seminarRequestResource } from './seminar-request.resource';
import { sessionQuestionResource } from './session-question.resource';
import { sessionRecordResource } from './session-record.resource';
import { statisticsSubmissionResource } from './statistics-submission.resource';
import { timerResource } from './timer.resource';

export { ADMIN_ONLY_RESOURCES } from './resource-kit';

/** The console's resources, in the menu's order: every table the Ethics Office reads, each list with its search box. */
export function consoleResourceDefinitions({ services, queries }: ActionDeps): ResourceDefinition[] {
  const statesOf = (subject: string) => [
    ...new Set(services.registry.ofSubject(subject).flatMap((d) => Object.keys(d.states))),
  ];
  return [
    dialogueResource,
    entityWorkflowResource(statesOf('entity'), queries.instances),
    managerWorkflowResource(statesOf('manager'), queries.records),
    orgEntityResource,
    focalPointResource,
    personResource,
    extensionRequestResource,
    sessionQuestionResource,
    scenarioProposalResource,
    seminarRequestResource,
    sessionRecordResource,
    statisticsSubmissionResource,
    reportResource,
    mailMessageResource,
    timerResource,
    dutyStationHolidayResource,
    auditEventResource,
    adminUserResource,
  ].map((definition) => withListSearch(queries.records, definition));
}

/**
 * The AdminJS resources, each with the actions that apply to it (actions/<resource>.actions.ts). The ORM is
 * given to AdminJS's adapter for the entities' metadata only; the rows come from the domain's record reader.
 */
export function consoleResources(
  modules: AdminJsModules,
  orm: MikroORM,
  deps: ActionDeps,
  components: { action: string; bulk: string },
) {
  const ConsoleResource = consoleResourceClass(modules, deps.queries.records);
  return consoleResourceDefinitions(deps)
    .map(({ model, reading, options }) => ({
      resource: new ConsoleResource({ model, orm }, reading),
      options: {
        ...options,
        actions: {
          ...readOnlyActions,
          ...Object.fromEntries(
            (consoleActions[model.name] ?? []).map((spec) => [
              spec.name,
              toAdminAction(spec, components.action, deps),
            ]),
          ),
          ...Object.fromEntries(
            (consoleBulkActions[model.name] ?? []).map((spec) => [
              spec.name,
              toBulkAdminAction(spec, components.bulk, deps),
            ]),
          ),
        },
      },
    }))
    .map((r) => (ADMIN_ONLY_RESOURCES.includes(r.resource.id()) ? adminOnlyResource(r) : r));
}
