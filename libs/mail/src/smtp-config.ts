import { ConfigInvalid } from '@cascade/config';
import { z } from 'zod';
import { headerSafe } from './header-safe';

export interface MailAddress {
  name: string;
  address: string;
}

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

const email = z.email();
const FROM = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>\s]+)>|([^<>\s"]+))\s*$/;

/** "Ethics Office <ethics@example.org>" or a bare address (whose display name is then empty). */
export function parseMailAddress(value: string): MailAddress | undefined {
  const m = FROM.exec(value);
  if (!m) return undefined;
  const address = m[2] ?? m[3];
  if (!email.safeParse(address).success) return undefined;
  return { name: headerSafe(m[1] ?? ''), address };
}

const envSchema = z.object({
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
  MAIL_FROM: z.string({ error: 'is required, e.g. "Ethics Office <ethics@example.org>"' }),
  SMTP_RATE_LIMIT: z.coerce.number().int().min(1, 'must be at least 1 message per second').optional(),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
});

/** Whether the environment names an SMTP server at all (without one, mail is composed and logged, not sent). */
export function isSmtpConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(env['SMTP_URL'] || env['SMTP_HOST']);
}

/**
 * The SMTP settings from the environment: either `SMTP_URL` (smtp://user:password@host:587, smtps://… for
 * implicit TLS) or `SMTP_HOST` with `SMTP_PORT`, `SMTP_SECURE`, `SMTP_USER`, `SMTP_PASSWORD`; plus `MAIL_FROM`,
 * `SMTP_RATE_LIMIT` (messages per second), `SMTP_MAX_CONNECTIONS`, `SMTP_REQUIRE_TLS`, `SMTP_IGNORE_TLS` and
 * `SMTP_TLS_REJECT_UNAUTHORIZED`. Throws ConfigInvalid naming every bad variable.
 */
export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig {
  // Empty variables (as compose files leave them) mean "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigInvalid(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  const issues: { variable: string; message: string }[] = [];
  const fail = (variable: string, message: string) => issues.push({ variable, message });

  const from = parseMailAddress(e.MAIL_FROM);
  if (!from)
    fail('MAIL_FROM', 'must be an address, optionally with a name: "Ethics Office <ethics@example.org>"');

  let host = e.SMTP_HOST;
  let port = e.SMTP_PORT;
  let secure = e.SMTP_SECURE;
  let user = e.SMTP_USER;
  let pass = e.SMTP_PASSWORD;
  if (e.SMTP_URL && e.SMTP_HOST) fail('SMTP_URL', 'give SMTP_URL or SMTP_HOST, not both');
  else if (e.SMTP_URL) {
    const url = new URL(e.SMTP_URL);
    host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    secure = url.protocol === 'smtps:';
    port = url.port ? Number(url.port) : undefined;
    user = url.username ? decodeURIComponent(url.username) : undefined;
    pass = url.password ? decodeURIComponent(url.password) : undefined;
    if (!host) fail('SMTP_URL', 'has no host');
  } else if (!e.SMTP_HOST) fail('SMTP_URL', 'is required (or SMTP_HOST)');
  if (user && !pass) fail('SMTP_PASSWORD', 'is required when a user is given');
  if (pass && !user) fail('SMTP_USER', 'is required when a password is given');
  if (e.SMTP_REQUIRE_TLS && e.SMTP_IGNORE_TLS) fail('SMTP_IGNORE_TLS', 'contradicts SMTP_REQUIRE_TLS');
  if (issues.length > 0 || !from || !host) throw new ConfigInvalid(issues);

  const isSecure = secure ?? false;
  return {
    host,
    port: port ?? (isSecure ? 465 : 587),
    secure: isSecure,
    requireTLS: e.SMTP_REQUIRE_TLS,
    ignoreTLS: e.SMTP_IGNORE_TLS,
    auth: user && pass ? { user, pass } : undefined,
    from,
    rateLimitPerSecond: e.SMTP_RATE_LIMIT,
    maxConnections: e.SMTP_MAX_CONNECTIONS,
    tlsRejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
  };
}
