export { MAIL_LANGUAGES, isMailLanguage, type MailLanguage } from './languages';
export {
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
export { TEMPLATES_DIR, resolveTemplatesDir } from './templates-dir';
export { messageIdFor, domainOf } from './message-id';
export {
  smtpConfigFromEnv,
  isSmtpConfigured,
  parseMailAddress,
  type MailAddress,
  type SmtpConfig,
} from './smtp-config';
export { SmtpMailer, type OutgoingMail, type SentMail } from './smtp-mailer';
