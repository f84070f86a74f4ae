export { MAIL_LANGUAGES, isMailLanguage, type MailLanguage } from './languages';
export {
  CalendarInvitationInvalid,
  type CalendarFieldIssue,
  MailDeliveryError,
  MailRenderError,
  MailTemplatesInvalid,
  UnknownLanguage,
  UnknownTemplate,
} from './errors';
export { headerSafe } from './header-safe';
export {
  MailRenderer,
  type MailRendererOptions,
  type RenderOptions,
  type RenderedMail,
} from './mail-renderer';
export { TEMPLATES_DIR } from './templates-dir';
export { messageIdFor, domainOf } from './message-id';
// The SMTP settings and the address parser belong to the configuration (libs/config validates them at boot).
export { parseMailAddress, type MailAddress, type SmtpConfig } from '@cascade/config';
export { SmtpMailer, type CalendarPart, type OutgoingMail, type SentMail } from './smtp-mailer';
export { buildSessionInvitation, type SessionInvitationOptions } from './calendar/session-invitation';
export {
  CALENDAR_METHODS,
  DEFAULT_SESSION_MINUTES,
  type CalendarMethod,
  type CalendarPerson,
  type SessionAttendee,
  type SessionInvitationInput,
} from './calendar/invitation-input';
