/**
 * The server's settings: environment variables plus the operator's `support.yaml` (the same file the
 * site is built from). Checked once at start; a wrong setting stops the server with its name.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { SupportConfig } from '../../core/contract/support-config.ts';
import { loadSupportConfig } from '../../core/node/load-support-config.ts';
import { parseTrustProxy, type TrustProxy } from './http/client-address.ts';
import { connectionLimitsFrom, type ConnectionLimits } from './http/connections.ts';
import { standardWebhookSecretProblem } from './forwarders/registry.ts';

const origin = z.url().transform((value, ctx) => {
  const url = new URL(value);
  if (url.origin === 'null' || !/^https?:$/.test(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: 'an http(s) origin like https://www.example.com' });
    return z.NEVER;
  }
  return url.origin;
});


export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(4321),
  HOST: z.string().min(1).default('localhost'),
  /** A second listener serving the cross-origin demo page; default PORT+1, `0` turns it off. */
  DEMO_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL database several instances share; unset: the SQLite file in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .optional()
    .refine((value) => value === undefined || /^postgres(ql)?:$/.test(URL.parse(value)?.protocol ?? ''), 'a postgres:// URL, like postgres://support:password@db.internal:5432/support'),
  /** Connections each instance keeps to PostgreSQL (plus one that marks it as running). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(1000).default(10),
  /** The origin customers see when the server sits behind a proxy. */
  PUBLIC_URL: origin.optional(),
  /** Extra origins (comma-separated) allowed to post tickets, votes and events. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(origin)),
  /** `true` (one proxy in front), a number of proxies, or their addresses/CIDRs: whose X-Forwarded-For to believe. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Tickets per client per minute. */
  RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Article votes per client per minute (the KB's vote client retries a refused vote later). */
  VOTE_LIMIT: z.coerce.number().int().positive().default(30),
  /** Search events per client per minute (the widget sends one per changed search, 300 ms apart at most). */
  EVENT_LIMIT: z.coerce.number().int().positive().default(60),
  /** Shared with the hosting company's own server, which signs customer tokens. */
  CUSTOMER_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Seconds a person needs at least to fill the form; faster submissions are bots. */
  MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
  /** Days tickets and attachments are kept (LGPD/GDPR: no longer than needed). */
  RETENTION_DAYS: z.coerce.number().int().positive().default(730),
  /** Days search events and article votes (with their comments) are kept. */
  ANALYTICS_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /**
   * Signs ticket read tokens and salts voter ids; instances sharing a database must share it.
   * Absent: a random one is created once in DATA_DIR/server-secret.key.
   */
  SERVER_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Minutes without a request after which a staff console session ends. */
  CONSOLE_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Hours after which a console session ends however active it is (sign in again). */
  CONSOLE_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Failed console sign-ins per account in 15 minutes before the account refuses sign-ins for the rest of them. */
  CONSOLE_ACCOUNT_SIGN_IN_LIMIT: z.coerce.number().int().positive().default(5),
  /** Failed console sign-ins per client (address) in 15 minutes, whatever accounts they tried. */
  CONSOLE_CLIENT_SIGN_IN_LIMIT: z.coerce.number().int().positive().default(20),
  /**
   * Signs what a helpdesk (or a WHMCS hook) posts to `POST /api/tickets/:number/status`, Standard
   * Webhooks style; unset: WEBHOOK_SECRET, the outgoing webhook's, so one secret serves both ways.
   */
  STATUS_WEBHOOK_SECRET: z
    .string()
    .trim()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value ? standardWebhookSecretProblem(value) : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** An article not updated for this many days is listed as stale on the console's article health page. */
  STALE_ARTICLE_DAYS: z.coerce.number().int().positive().default(365),
  /** The built knowledge base to serve. */
  SITE_DIR: z.string().min(1).default('site/dist'),
  CONTENT_DIR: z.string().min(1).default('content'),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the cross-origin demo page is served; undefined when turned off. */
  demoPort?: number;
  /** Attachments always; the SQLite database and the server secret's file too when `databaseUrl` is unset. */
  dataDir: string;
  /** PostgreSQL, shared by several instances; unset: SQLite in `dataDir`. */
  databaseUrl?: string;
  databasePoolSize: number;
  publicUrl?: string;
  /** Origins allowed to make unsafe requests: PUBLIC_URL, localhost and 127.0.0.1 on PORT and DEMO_PORT, and ALLOWED_ORIGINS. */
  allowedOrigins: ReadonlySet<string>;
  trustProxy: TrustProxy;
  /** Timeouts and connection caps against slow and greedy clients (see http/connections.ts). */
  connections: ConnectionLimits;
  rateLimit: number;
  /** Votes per client per minute. */
  voteLimit: number;
  /** Search events per client per minute. */
  eventLimit: number;
  customerTokenSecret?: string;
  /** SERVER_SECRET; absent: the one kept in the data folder (see intake/ticket-token.ts). */
  serverSecret?: string;
  /**
   * Checks the signed `POST /api/tickets/:number/status` (forwarders/webhook.ts readSignedStatusUpdate):
   * STATUS_WEBHOOK_SECRET, else WEBHOOK_SECRET; absent: the endpoint is off (404).
   */
  statusWebhookSecret?: string;
  minFillSeconds: number;
  retentionDays: number;
  analyticsRetentionDays: number;
  /** The staff console (console/): sessions, sign-in limits, what counts as stale. */
  console: ConsoleSettings;
  siteDir: string;
  support: SupportConfig;
}

export interface ConsoleSettings {
  idleMinutes: number;
  sessionHours: number;
  accountSignInLimit: number;
  clientSignInLimit: number;
  staleArticleDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Settings whose value must not reach a log, not even when it is wrong (a near-miss is still most of a secret). */
const secretSettings = new Set(['SERVER_SECRET', 'CUSTOMER_TOKEN_SECRET', 'DATABASE_URL', 'STATUS_WEBHOOK_SECRET']);

function found(name: string, value: string | undefined): string {
  if (value !== undefined && secretSettings.has(name)) return `${value.length} characters`;
  return JSON.stringify(value ?? null);
}

/** Settings that make the server send links to customers or helpdesks (e-mails, forwarded tickets). */
const linkSenders = ['SMTP_URL', 'WEBHOOK_URL', 'WHMCS_URL', 'ZENDESK_URL', 'FRESHDESK_URL'] as const;

/** True for an address that means "every interface" (0.0.0.0, ::, [::], 0:0::0): nobody can be sent there. */
export function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 4) return bare === '0.0.0.0';
  if (isIP(bare) === 6) return /^[0:]+$/.test(bare);
  return false;
}

/** Reads and checks the settings; throws a ConfigError naming each wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message} (found ${found(String(issue.path[0]), env[String(issue.path[0])])})`);
    throw new ConfigError(`Invalid server settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const demoPort = e.DEMO_PORT ?? (e.PORT < 65_535 ? e.PORT + 1 : 0);
  if (demoPort === e.PORT) throw new ConfigError(`Invalid server settings:\n  - DEMO_PORT: a port other than PORT (${e.PORT}), or 0 to turn the demo listener off (found "${demoPort}")`);
  const sender = linkSenders.find((name) => env[name]?.trim());
  if (sender && !e.PUBLIC_URL && isWildcardHost(e.HOST)) {
    throw new ConfigError(
      `Invalid server settings:\n  - PUBLIC_URL: required when HOST is ${e.HOST} and ${sender} is set, for the links in e-mails and forwarded tickets; the https origin customers reach, like https://suporte.example.com (found null)`,
    );
  }
  let connections: ConnectionLimits;
  try {
    connections = connectionLimitsFrom(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const support = loadSupportConfig(path.resolve(e.CONTENT_DIR));
  // WEBHOOK_SECRET itself is checked with the webhook forwarder (forwarders/registry.ts).
  const statusWebhookSecret = e.STATUS_WEBHOOK_SECRET || env.WEBHOOK_SECRET?.trim() || undefined;
  const ports = demoPort ? [e.PORT, demoPort] : [e.PORT];
  const own = [...ports.flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]), ...(e.PUBLIC_URL ? [e.PUBLIC_URL] : [])];
  return {
    port: e.PORT,
    host: e.HOST,
    ...(demoPort ? { demoPort } : {}),
    dataDir: path.resolve(e.DATA_DIR),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    databasePoolSize: e.DATABASE_POOL_SIZE,
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    allowedOrigins: new Set([...own, ...e.ALLOWED_ORIGINS]),
    trustProxy: e.TRUST_PROXY,
    connections,
    rateLimit: e.RATE_LIMIT,
    voteLimit: e.VOTE_LIMIT,
    eventLimit: e.EVENT_LIMIT,
    ...(e.CUSTOMER_TOKEN_SECRET ? { customerTokenSecret: e.CUSTOMER_TOKEN_SECRET } : {}),
    ...(e.SERVER_SECRET ? { serverSecret: e.SERVER_SECRET } : {}),
    ...(statusWebhookSecret ? { statusWebhookSecret } : {}),
    minFillSeconds: e.MIN_FILL_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    analyticsRetentionDays: e.ANALYTICS_RETENTION_DAYS,
    console: {
      idleMinutes: e.CONSOLE_IDLE_MINUTES,
      sessionHours: e.CONSOLE_SESSION_HOURS,
      accountSignInLimit: e.CONSOLE_ACCOUNT_SIGN_IN_LIMIT,
      clientSignInLimit: e.CONSOLE_CLIENT_SIGN_IN_LIMIT,
      staleArticleDays: e.STALE_ARTICLE_DAYS,
    },
    siteDir: path.resolve(e.SITE_DIR),
    support,
  };
}

/**
 * The origin pages and links use to reach this server: PUBLIC_URL, else HOST:PORT as a valid URL
 * (an IPv6 HOST in brackets; a wildcard HOST such as 0.0.0.0 or :: is reached as localhost). Use it
 * for links that leave the server too (e-mails, forwarded tickets): loadConfig refuses a wildcard
 * HOST without PUBLIC_URL when such links are sent, so no customer is sent to localhost.
 */
export function serverOrigin(config: Pick<ServerConfig, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  const host = isWildcardHost(config.host) ? 'localhost' : config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return `http://${host}:${config.port}`;
}

/** The cross-origin demo page's origin: the server's host on DEMO_PORT (not PUBLIC_URL: proxies forward one port). */
export function demoOrigin(config: Pick<ServerConfig, 'host' | 'port' | 'demoPort'>): string | undefined {
  return config.demoPort ? `http://${new URL(serverOrigin({ host: config.host, port: config.port })).hostname}:${config.demoPort}` : undefined;
}
