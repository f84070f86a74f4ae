export * from './config';
export { parseMailAddress, type MailAddress } from './mail-address';
export type { SmtpConfig } from './smtp.config';
export * from './secrets';
