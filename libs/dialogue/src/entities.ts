import { AdminUser } from './admin/admin-user.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { ManagerWorkflow } from './cascade/manager-workflow.entity';
import { Dialogue } from './dialogue/dialogue.entity';
import { FocalPoint } from './entity/focal-point.entity';
import { OrgEntity } from './entity/org-entity.entity';
import { MailMessage } from './mail/mail-message.entity';
import { Person } from './org/person.entity';
import { AccessToken } from './portal/access-token.entity';
import {
  ExtensionRequest,
  ParticipantFeedback,
  ScenarioProposal,
  SeminarRequest,
  SessionQuestion,
} from './portal/requests.entity';
import { Report } from './report/report.entity';
import { SimulatedTime } from './simulation/simulated-time.entity';
import { SessionRecord } from './session/session-record.entity';
import { StatisticsSubmission } from './statistics/statistics-submission.entity';
import { DutyStationHoliday } from './holidays/duty-station-holiday.entity';
import { Timer } from './timers/timer.entity';
import { EntityWorkflow } from './workflow-instance/entity-workflow.entity';

/** Every MikroORM entity the domain owns, for the ORM configuration. */
export const dialogueEntities = [
  Dialogue,
  OrgEntity,
  FocalPoint,
  EntityWorkflow,
  ManagerWorkflow,
  AuditEvent,
  SessionRecord,
  StatisticsSubmission,
  MailMessage,
  Person,
  AccessToken,
  ExtensionRequest,
  ScenarioProposal,
  SeminarRequest,
  SessionQuestion,
  ParticipantFeedback,
  Report,
  SimulatedTime,
  AdminUser,
  Timer,
  DutyStationHoliday,
];
