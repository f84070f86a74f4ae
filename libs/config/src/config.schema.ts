import { z } from 'zod';
import { parseMailAddress } from './mail-address';
import { smtpConfigOf, smtpVariables } from './smtp.config';

const port = z.coerce.number().int().min(1).max(65535);
const catcherPort = z.coerce
  .number({ message: 'must be a port number from 1 to 65535' })
  .int('must be a port number from 1 to 65535')
  .min(1, 'must be a port number from 1 to 65535')
  .max(65535, 'must be a port number from 1 to 65535');

/**
 * Variables whose empty value means "not set", as compose files leave them (`SMTP_URL: ${SMTP_URL:-}`). The
 * others keep refusing an empty value.
 */
export const EMPTY_MEANS_UNSET: ReadonlySet<string> = new Set([
  ...Object.keys(smtpVariables),
  'MAIL_FROM',
  'ADMIN_SESSION_SECRET',
  'CHROMIUM_PATH',
  'MAIL_TEMPLATES_DIR',
  'POSTGRES_ADMIN_URL',
  'MAIL_CATCHER_SMTP_PORT',
  'MAIL_CATCHER_WEB_PORT',
]);

/** Every variable Cascade reads. README.md's "Configuration" table mirrors this schema. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?|sqlite):/, 'must start with postgres://, postgresql:// or sqlite:')
      .optional(),
    SQLITE_PATH: z.string().min(1).default('cascade.sqlite'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i, 'letters, digits, dash and underscore only')
      .default('cascade'),
    ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Bearer token Prometheus sends to the api's /metrics; unset, only loopback clients are answered. */
    METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
    /** The worker's metrics and health port (0: none; 9464 by default, none under NODE_ENV=test, where several
     * workers share a machine) and the address it binds (loopback unless told). */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    PORTAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The console's session secret; derived from PORTAL_SECRET when unset (console.config.ts). */
    ADMIN_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    WORKFLOWS_DIR: z.string().min(1).default('workflows'),
    /** `log` by default; `warn` under NODE_ENV=test, where the suites read only what went wrong. */
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).optional(),
    /** JSON lines (the default in production and tests) or readable lines (the default in development). */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    WORKER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    OUTBOX_POLL_MS: z.coerce.number().int().min(100).default(5000),
    TIMER_RECONCILE_MS: z.coerce.number().int().min(1000).default(60_000),
    TIMER_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(100),
    TIMER_BATCH: z.coerce.number().int().min(1).max(500).default(50),
    ETHICS_OFFICE_EMAIL: z
      .string()
      .min(3)
      .refine(
        (value) =>
          value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
            .every((part) => parseMailAddress(part) !== undefined),
        'must be addresses like "Ethics Office <ethics@example.org>", comma-separated',
      )
      .default('Ethics Office <ethics-office@cascade.local>'),
    MAIL_FROM: z.string().optional(),
    ...smtpVariables,
    /** Unset: the templates shipped beside libs/mail (its TEMPLATES_DIR). */
    MAIL_TEMPLATES_DIR: z.string().min(1).optional(),
    /** The Chromium that prints the report's PDF; the Docker image installs Debian's at the same place. */
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    /** For `db:migration:create`: a PostgreSQL server where a scratch database can be made and dropped. */
    POSTGRES_ADMIN_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .default('postgres://postgres@127.0.0.1:5432/postgres'),
    MAIL_CATCHER_SMTP_PORT: catcherPort.default(1025),
    MAIL_CATCHER_WEB_PORT: catcherPort.default(1080),
    PUBLIC_URL: z
      .url({ message: 'must be the address people reach the api at, e.g. https://cascade.example.org' })
      .optional(),
    SIMULATION: z
      .enum(['true', 'false', '1', '0'], { message: "must be 'true' or 'false'" })
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.ADMIN_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_API_KEY'], message: 'is required in production' });
    }
    // Every api process must sign the pages' forms with the same secret.
    if (env.NODE_ENV === 'production' && !env.PORTAL_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PORTAL_SECRET'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.ADMIN_SESSION_SECRET && !env.PORTAL_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_SESSION_SECRET'],
        message: 'is required in production (or PORTAL_SECRET, from which it is derived)',
      });
    }
    for (const issue of smtpConfigOf(env).issues) {
      ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
    }
    // A virtual clock in production would let anyone with the API key fire a year of reminders at once.
    if (env.NODE_ENV === 'production' && env.SIMULATION) {
      ctx.addIssue({ code: 'custom', path: ['SIMULATION'], message: 'is refused in production' });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;
