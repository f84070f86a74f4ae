import { z } from 'zod';
import { parseMailAddress, type MailAddress } from './mail-address';

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps, usually port 465). */
  secure: boolean;
  /** On a plain connection, refuse to send unless STARTTLS succeeds. */
  requireTLS?: boolean;
  /** Never upgrade with STARTTLS, even when offered: only for local sinks and tests. */
  ignoreTLS?: boolean;
  auth?: { user: string; pass: string };
  from: MailAddress;
  /** Messages per second across all pooled connections; unlimited when absent. */
  rateLimitPerSecond?: number;
  /** Simultaneous connections of the pool (nodemailer's default is 5). */
  maxConnections?: number;
  /** Accept a certificate that does not verify (a self-signed relay): false only on purpose. */
  tlsRejectUnauthorized?: boolean;
}

/** The SMTP variables of the one schema (MAIL_FROM is the schema's own: it also names the Message-ID domain). */
export const smtpVariables = {
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+\/?$/i, 'must be smtp://[user:password@]host[:port] or smtps://…')
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: z.stringbool().optional(),
  SMTP_REQUIRE_TLS: z.stringbool().default(false),
  SMTP_IGNORE_TLS: z.stringbool().default(false),
  SMTP_TLS_REJECT_UNAUTHORIZED: z.stringbool().default(true),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_RATE_LIMIT: z.coerce.number().int().min(1, 'must be at least 1 message per second').optional(),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
};

type SmtpVariables = z.infer<z.ZodObject<typeof smtpVariables>> & { MAIL_FROM?: string };
type Issue = { variable: string; message: string };

/** Where the server is and who logs in: from SMTP_URL, or from SMTP_HOST and the separate variables. */
function serverOf(raw: SmtpVariables): {
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
} {
  if (!raw.SMTP_URL) {
    const { SMTP_HOST: host, SMTP_PORT: port, SMTP_SECURE: secure } = raw;
    return { host, port, secure, user: raw.SMTP_USER, pass: raw.SMTP_PASSWORD };
  }
  // Refinements may run beside a format issue of SMTP_URL, which is then reported on its own.
  if (!URL.canParse(raw.SMTP_URL)) return {};
  const url = new URL(raw.SMTP_URL);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === 'smtps:',
    user: url.username ? decodeURIComponent(url.username) : undefined,
    pass: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

/**
 * The SMTP settings, or undefined when no server is named (neither SMTP_URL nor SMTP_HOST): mail is then
 * composed and logged, not sent. A named server needs MAIL_FROM; the rules between variables are checked here.
 */
export function smtpConfigOf(raw: SmtpVariables): { smtp?: SmtpConfig; issues: Issue[] } {
  if (!raw.SMTP_URL && !raw.SMTP_HOST) return { issues: [] };
  const issues: Issue[] = [];
  const fail = (variable: string, message: string) => issues.push({ variable, message });
  const from = raw.MAIL_FROM === undefined ? undefined : parseMailAddress(raw.MAIL_FROM);
  if (raw.MAIL_FROM === undefined)
    fail('MAIL_FROM', 'is required, e.g. "Ethics Office <ethics@example.org>"');
  else if (!from)
    fail('MAIL_FROM', 'must be an address, optionally with a name: "Ethics Office <ethics@example.org>"');
  const server = serverOf(raw);
  if (raw.SMTP_URL && raw.SMTP_HOST) fail('SMTP_URL', 'give SMTP_URL or SMTP_HOST, not both');
  else if (!server.host) fail('SMTP_URL', 'has no host');
  if (server.user && !server.pass) fail('SMTP_PASSWORD', 'is required when a user is given');
  if (server.pass && !server.user) fail('SMTP_USER', 'is required when a password is given');
  if (raw.SMTP_REQUIRE_TLS && raw.SMTP_IGNORE_TLS) fail('SMTP_IGNORE_TLS', 'contradicts SMTP_REQUIRE_TLS');
  if (issues.length > 0 || !from || !server.host) return { issues };
  const secure = server.secure ?? false;
  return {
    issues,
    smtp: {
      host: server.host,
      port: server.port ?? (secure ? 465 : 587),
      secure,
      requireTLS: raw.SMTP_REQUIRE_TLS,
      ignoreTLS: raw.SMTP_IGNORE_TLS,
      auth: server.user && server.pass ? { user: server.user, pass: server.pass } : undefined,
      from,
      rateLimitPerSecond: raw.SMTP_RATE_LIMIT,
      maxConnections: raw.SMTP_MAX_CONNECTIONS,
      tlsRejectUnauthorized: raw.SMTP_TLS_REJECT_UNAUTHORIZED,
    },
  };
}
