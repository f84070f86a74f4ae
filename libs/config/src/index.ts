export * from './config';
export * from './clock';
export { parseMailAddress, type MailAddress } from './mail-address';
export type { SmtpConfig } from './smtp.config';
