import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { configSchema, EMPTY_MEANS_UNSET, type RawConfig } from './config.schema';
import { consoleSecretOf } from './console.config';
import { smtpConfigOf, type SmtpConfig } from './smtp.config';

export type DatabaseConfig = { driver: 'postgresql'; url: string } | { driver: 'sqlite'; path: string };

export interface CascadeConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  database: DatabaseConfig;
  redis: { url: string; prefix: string };
  adminApiKey: string | undefined;
  /** Reverse proxies in front of the api whose X-Forwarded-For is trusted (0: none). */
  trustProxyHops: number;
  /** Prometheus: the api's /metrics token, and the worker's metrics/health port (0: none) and bind address. */
  metrics: { token: string | undefined; workerPort: number; workerHost: string };
  /** Signs the token-link pages' forms (CSRF); random per process outside production. */
  portalSecret: string;
  workflowsDir: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'json' | 'pretty';
  /** `lockMs`: how long a job stays claimed without a sign of life before another worker takes it over. */
  worker: { concurrency: number; outboxPollMs: number; lockMs: number };
  timers: {
    /** How often each worker compares pending timer rows with Redis. */
    reconcileMs: number;
    /** Timer firing jobs per second per worker: bounds the catch-up burst after a long outage. */
    ratePerSecond: number;
    /**
     * At most how many timers one firing job performs in one transaction: its own and those of other entities due
     * at the same instant for the same workflow timer (a deadline passing for a whole time zone). 1 turns it off.
     */
    batch: number;
  };
  /** The virtual clock an admin advances through the API; never in production. */
  simulation: boolean;
  mail: {
    /** Comma-separated addresses ("Name <address>") that receive Ethics Office mail (escalations, digest). */
    ethicsOffice: string;
    /** The sender; also gives the domain of every Message-ID. */
    from: string | undefined;
    /** Where token links in mail point (PUBLIC_URL; default http://localhost:<PORT>). */
    publicUrl: string;
    /** MAIL_TEMPLATES_DIR, absolute; undefined means the templates shipped with libs/mail. */
    templatesDir: string | undefined;
  };
  /** The SMTP server mail is sent through; undefined when none is named (mail is composed and logged only). */
  smtp: SmtpConfig | undefined;
  console: {
    /** Signs the console's session cookie and its CSRF tokens (ADMIN_SESSION_SECRET, or derived). */
    sessionSecret: string;
  };
  report: {
    /** The Chromium that prints the report's PDF (CHROMIUM_PATH). */
    chromiumPath: string;
  };
  /** What only the command line uses: `db:migration:create` and the mail catcher of `npm start`. */
  tools: {
    postgresAdminUrl: string;
    mailCatcher: { smtpPort: number; webPort: number };
  };
}

export class ConfigInvalid extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigInvalid';
  }
}

function databaseFrom(url: string | undefined, sqlitePath: string): DatabaseConfig {
  if (url?.startsWith('sqlite:'))
    return { driver: 'sqlite', path: url.slice('sqlite:'.length) || sqlitePath };
  if (url) return { driver: 'postgresql', url };
  return { driver: 'sqlite', path: sqlitePath };
}

/** Reads and validates the environment once; every problem is reported with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CascadeConfig {
  const given = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => !(value === '' && EMPTY_MEANS_UNSET.has(name))),
  );
  const parsed = configSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigInvalid(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  return configOf(parsed.data);
}

function configOf(raw: RawConfig): CascadeConfig {
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    database: databaseFrom(raw.DATABASE_URL, raw.SQLITE_PATH),
    redis: { url: raw.REDIS_URL, prefix: raw.QUEUE_PREFIX },
    adminApiKey: raw.ADMIN_API_KEY,
    trustProxyHops: raw.TRUST_PROXY_HOPS,
    metrics: {
      token: raw.METRICS_TOKEN,
      workerPort: raw.WORKER_METRICS_PORT ?? (raw.NODE_ENV === 'test' ? 0 : 9464),
      workerHost: raw.WORKER_METRICS_HOST,
    },
    portalSecret: raw.PORTAL_SECRET ?? randomBytes(32).toString('base64url'),
    workflowsDir: path.resolve(raw.WORKFLOWS_DIR),
    logLevel: raw.LOG_LEVEL ?? (raw.NODE_ENV === 'test' ? 'warn' : 'log'),
    logFormat: raw.LOG_FORMAT ?? (raw.NODE_ENV === 'development' ? 'pretty' : 'json'),
    worker: {
      concurrency: raw.WORKER_CONCURRENCY,
      outboxPollMs: raw.OUTBOX_POLL_MS,
      lockMs: raw.WORKER_LOCK_MS,
    },
    timers: {
      reconcileMs: raw.TIMER_RECONCILE_MS,
      ratePerSecond: raw.TIMER_RATE_LIMIT,
      batch: raw.TIMER_BATCH,
    },
    simulation: raw.SIMULATION,
    mail: {
      ethicsOffice: raw.ETHICS_OFFICE_EMAIL,
      from: raw.MAIL_FROM,
      publicUrl: raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`,
      templatesDir: raw.MAIL_TEMPLATES_DIR === undefined ? undefined : path.resolve(raw.MAIL_TEMPLATES_DIR),
    },
    smtp: smtpConfigOf(raw).smtp,
    // The schema refused production without a secret to use or derive from, so there is one here.
    console: { sessionSecret: consoleSecretOf(raw) as string },
    report: { chromiumPath: raw.CHROMIUM_PATH },
    tools: {
      postgresAdminUrl: raw.POSTGRES_ADMIN_URL,
      mailCatcher: { smtpPort: raw.MAIL_CATCHER_SMTP_PORT, webPort: raw.MAIL_CATCHER_WEB_PORT },
    },
  };
}

/** For process entry points: print the problems and exit instead of a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): CascadeConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigInvalid) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
