import { actionLabels } from './actions';

/** The console's English labels (AdminJS's i18n keys). */
export const consoleTranslations = {
  components: {
    Login: {
      welcomeHeader: 'Leadership Dialogue',
      welcomeMessage:
        'The Ethics Office console: every entity of the year, its managers’ cascade, requests, mails, timers and audit trail. Log in with the account made for you.',
    },
  },
  labels: {
    Dialogue: 'Dialogues',
    EntityWorkflow: 'Entities (per year)',
    ManagerWorkflow: 'Managers (per year)',
    OrgEntity: 'Organisation entities',
    FocalPoint: 'Focal points',
    Person: 'People (reporting trees)',
    ExtensionRequest: 'Extension requests',
    SessionQuestion: 'Questions',
    ScenarioProposal: 'Scenario proposals',
    SeminarRequest: 'Seminar requests',
    SessionRecord: 'Sessions',
    StatisticsSubmission: 'Statistics',
    Report: 'Reports',
    MailMessage: 'Mails',
    Timer: 'Timers',
    AuditEvent: 'Audit trail',
    AdminUser: 'Console accounts',
  },
  // Each action's label is declared with the action (actions/<resource>.actions.ts).
  actions: actionLabels(),
  resources: {
    ManagerWorkflow: {
      properties: {
        q: 'Name or address',
        code: 'Entity',
        workflow: 'Entity (year)',
        managerEmail: 'Reports to',
        turnAt: 'Turn came at',
        turnOn: 'Turn came',
        sessionsLed: 'Sessions led',
        scheduledSession: 'Scheduled session',
        sessionLanguage: 'Session language',
        calendarSequence: 'Invitation version',
        directReports: 'Direct reports',
        excuseReason: 'Excused because',
      },
    },
  },
};
