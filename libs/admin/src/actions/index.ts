import type { ConsoleActionSpec } from '../console-action';
import { adminUserActions } from './admin-user.actions';
import { dialogueActions } from './dialogue.actions';
import { dutyStationHolidayActions } from './duty-station-holiday.actions';
import { entityWorkflowActions } from './entity-workflow.actions';
import { consoleBulkActions } from './entity-workflow-bulk.actions';
import { extensionRequestActions } from './extension-request.actions';
import { mailMessageActions } from './mail-message.actions';
import { managerWorkflowActions } from './manager-workflow.actions';
import { orgEntityActions } from './org-entity.actions';
import { remindNow } from './remind-now.action';
import { scenarioProposalActions } from './scenario-proposal.actions';
import { sessionQuestionActions } from './session-question.actions';

/** Every action of the console, by the resource (entity class name) it belongs to. */
export const consoleActions: Record<string, ConsoleActionSpec[]> = {
  Dialogue: dialogueActions,
  OrgEntity: orgEntityActions,
  EntityWorkflow: [...entityWorkflowActions, remindNow],
  ManagerWorkflow: managerWorkflowActions,
  ExtensionRequest: extensionRequestActions,
  SessionQuestion: sessionQuestionActions,
  ScenarioProposal: scenarioProposalActions,
  MailMessage: mailMessageActions,
  AdminUser: adminUserActions,
  DutyStationHoliday: dutyStationHolidayActions,
};

/** Every action's name (the bulk actions' too): its button's label is `adminjs.actions.<name>` in each catalogue (locale/<language>.json). */
export const actionNames = (): string[] => [
  ...new Set(
    [...Object.values(consoleActions), ...Object.values(consoleBulkActions)].flatMap((specs) =>
      specs.map((s) => s.name),
    ),
  ),
];
