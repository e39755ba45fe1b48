/**
 * Forwarders chosen by environment variables. A forwarder is on when any of its variables is set;
 * then all of its required variables must be valid, or the server must not start: a half-configured
 * forwarder would silently keep tickets from the helpdesk. Errors name the variable, say what was
 * expected and (for anything but secrets) what was found.
 */
import { z } from 'zod';
import { departmentKeys, type DepartmentKey } from '../../../core/contract/support-keys.ts';
import type { Forwarder } from './forwarder.ts';
import { createFreshdeskForwarder } from './freshdesk.ts';
import { createWebhookForwarder } from './webhook.ts';
import { createWhmcsForwarder } from './whmcs.ts';
import { createZendeskForwarder } from './zendesk.ts';

export type Env = Record<string, string | undefined>;

export interface ForwarderConfigIssue {
  variable: string;
  message: string;
}

/** A wrong forwarder setting: stops the server with a message naming each variable. */
export class ForwarderConfigError extends Error {
  readonly issues: ForwarderConfigIssue[];
  constructor(issues: ForwarderConfigIssue[]) {
    super(`Invalid forwarder configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ForwarderConfigError';
    this.issues = issues;
  }
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** An http(s) URL; plain http only on this machine, where the local stubs run. */
const serviceUrl = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required' })
  .check((ctx) => {
    let url: URL;
    try {
      url = new URL(ctx.value);
    } catch {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `expected an absolute https:// URL, found "${ctx.value}"` });
      return;
    }
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return;
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `expected an https:// URL (http:// only for localhost), found "${ctx.value}"`,
    });
  });

/** A credential: required, never echoed back in errors. */
const secretValue = z.string({ error: 'is required' }).trim().min(1, { error: 'is required' });

const email = z.string({ error: 'is required' }).trim().pipe(z.email({ error: 'expected an e-mail address' }));

/** Why a value is not a Standard Webhooks secret (`whsec_` + base64 of 24..64 bytes), or undefined when it is one. */
export function standardWebhookSecretProblem(value: string): string | undefined {
  const base64 = value.startsWith('whsec_') ? value.slice('whsec_'.length) : undefined;
  const valid = base64 !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(base64) && base64.length % 4 === 0;
  const bytes = valid ? Buffer.from(base64, 'base64').length : 0;
  if (bytes >= 24 && bytes <= 64) return undefined;
  return (
    'expected "whsec_" followed by base64 of 24 to 64 random bytes; generate one with ' +
    `node -e "console.log('whsec_' + require('node:crypto').randomBytes(32).toString('base64'))"`
  );
}

const webhookSecret = secretValue.check((ctx) => {
  const problem = standardWebhookSecretProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: '(hidden)', message: problem });
});

const departmentsFormat = `"${departmentKeys.map((key, i) => `${key}=${i + 1}`).join(',')}" (WHMCS department ids)`;

/** `technical=1,billing=2,sales=3`: a WHMCS department id for every one of ours. */
const whmcsDepartments = z
  .string({ error: `is required: expected ${departmentsFormat}` })
  .trim()
  .transform((value, ctx): Record<DepartmentKey, number> => {
    const found: Partial<Record<DepartmentKey, number>> = {};
    const fail = (why: string) => {
      ctx.issues.push({ code: 'custom', input: value, message: `expected ${departmentsFormat}, found "${value}": ${why}` });
      return z.NEVER;
    };
    for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = /^([a-z]+)\s*=\s*(\d+)$/.exec(pair);
      if (!match) return fail(`"${pair}" is not key=id`);
      const [, key = '', id = ''] = match;
      if (!(departmentKeys as readonly string[]).includes(key)) return fail(`unknown department "${key}"`);
      if (Number(id) < 1) return fail(`the id of ${key} must be a positive integer`);
      found[key as DepartmentKey] = Number(id);
    }
    const missing = departmentKeys.filter((key) => found[key] === undefined);
    if (missing.length) return fail(`missing ${missing.join(', ')}`);
    return found as Record<DepartmentKey, number>;
  });

const optionalSecret = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** A secret we share with a helpdesk that cannot sign (Freshdesk): long enough not to be guessed, never echoed. */
const sharedSecret = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .check((ctx) => {
    if (ctx.value === undefined || ctx.value.length >= 24) return;
    ctx.issues.push({
      code: 'custom',
      input: '(hidden)',
      message: `expected at least 24 random characters, found ${ctx.value.length}; generate one with node -e "console.log(require('node:crypto').randomBytes(24).toString('base64url'))"`,
    });
  });

/** Seconds between polls of one open ticket: at least a minute (each poll is an API call per ticket), at most a day. */
const pollSeconds = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return 300;
    const seconds = Number(value);
    if (Number.isInteger(seconds) && seconds >= 60 && seconds <= 86_400) return seconds;
    ctx.issues.push({ code: 'custom', input: value, message: `expected whole seconds from 60 to 86400, found "${value}"` });
    return z.NEVER;
  });

/** An IANA time zone, as PHP's date.timezone names it on the WHMCS server. */
const timeZone = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return 'UTC';
    try {
      return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      ctx.issues.push({ code: 'custom', input: value, message: `expected an IANA time zone like America/Sao_Paulo or Europe/Rome (PHP's date.timezone on the WHMCS server), found "${value}"` });
      return z.NEVER;
    }
  });

const groups = {
  webhook: {
    variables: ['WEBHOOK_URL', 'WEBHOOK_SECRET'],
    schema: z.object({ WEBHOOK_URL: serviceUrl, WEBHOOK_SECRET: webhookSecret }),
    create: (c: { WEBHOOK_URL: string; WEBHOOK_SECRET: string }) => createWebhookForwarder({ url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET }),
  },
  whmcs: {
    variables: ['WHMCS_URL', 'WHMCS_IDENTIFIER', 'WHMCS_SECRET', 'WHMCS_DEPARTMENTS', 'WHMCS_ACCESS_KEY', 'WHMCS_POLL_SECONDS', 'WHMCS_TIME_ZONE'],
    schema: z.object({
      WHMCS_URL: serviceUrl,
      WHMCS_IDENTIFIER: secretValue,
      WHMCS_SECRET: secretValue,
      WHMCS_DEPARTMENTS: whmcsDepartments,
      WHMCS_ACCESS_KEY: optionalSecret,
      WHMCS_POLL_SECONDS: pollSeconds,
      WHMCS_TIME_ZONE: timeZone,
    }),
    create: (
      c: {
        WHMCS_URL: string;
        WHMCS_IDENTIFIER: string;
        WHMCS_SECRET: string;
        WHMCS_DEPARTMENTS: Record<DepartmentKey, number>;
        WHMCS_ACCESS_KEY?: string | undefined;
        WHMCS_POLL_SECONDS: number;
        WHMCS_TIME_ZONE: string;
      },
      shared: Shared,
    ) =>
      createWhmcsForwarder({
        url: c.WHMCS_URL,
        identifier: c.WHMCS_IDENTIFIER,
        secret: c.WHMCS_SECRET,
        departments: c.WHMCS_DEPARTMENTS,
        ...(c.WHMCS_ACCESS_KEY ? { accessKey: c.WHMCS_ACCESS_KEY } : {}),
        pollIntervalMs: c.WHMCS_POLL_SECONDS * 1000,
        timeZone: c.WHMCS_TIME_ZONE,
        showsAgentReplyText: shared.showsAgentReplyText,
      }),
  },
  zendesk: {
    variables: ['ZENDESK_URL', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN', 'ZENDESK_WEBHOOK_SECRET'],
    schema: z.object({ ZENDESK_URL: serviceUrl, ZENDESK_EMAIL: email, ZENDESK_API_TOKEN: secretValue, ZENDESK_WEBHOOK_SECRET: optionalSecret }),
    create: (c: { ZENDESK_URL: string; ZENDESK_EMAIL: string; ZENDESK_API_TOKEN: string; ZENDESK_WEBHOOK_SECRET?: string | undefined }, shared: Shared) =>
      createZendeskForwarder({
        baseUrl: c.ZENDESK_URL,
        email: c.ZENDESK_EMAIL,
        apiToken: c.ZENDESK_API_TOKEN,
        ...(c.ZENDESK_WEBHOOK_SECRET ? { webhookSecret: c.ZENDESK_WEBHOOK_SECRET } : {}),
        showsAgentReplyText: shared.showsAgentReplyText,
      }),
  },
  freshdesk: {
    variables: ['FRESHDESK_URL', 'FRESHDESK_API_KEY', 'FRESHDESK_WEBHOOK_SECRET'],
    schema: z.object({ FRESHDESK_URL: serviceUrl, FRESHDESK_API_KEY: secretValue, FRESHDESK_WEBHOOK_SECRET: sharedSecret }),
    create: (c: { FRESHDESK_URL: string; FRESHDESK_API_KEY: string; FRESHDESK_WEBHOOK_SECRET?: string | undefined }, shared: Shared) =>
      createFreshdeskForwarder({
        baseUrl: c.FRESHDESK_URL,
        apiKey: c.FRESHDESK_API_KEY,
        ...(c.FRESHDESK_WEBHOOK_SECRET ? { webhookSecret: c.FRESHDESK_WEBHOOK_SECRET } : {}),
        showsAgentReplyText: shared.showsAgentReplyText,
      }),
  },
} as const;

/** Settings every helpdesk forwarder shares. */
interface Shared {
  /** HELPDESK_REPLY_TEXT: agents' reply text on the status page (`show`), or only that support replied (`hide`). */
  showsAgentReplyText: boolean;
}

const sharedVariables = ['HELPDESK_REPLY_TEXT'] as const;

function sharedFrom(env: Env, issues: ForwarderConfigIssue[]): Shared {
  const value = env.HELPDESK_REPLY_TEXT?.trim().toLowerCase() || 'show';
  if (value !== 'show' && value !== 'hide') issues.push({ variable: 'HELPDESK_REPLY_TEXT', message: `expected "show" or "hide", found "${env.HELPDESK_REPLY_TEXT}"` });
  return { showsAgentReplyText: value !== 'hide' };
}

/** Every variable the forwarders read, for documentation and for tests. */
export const forwarderVariables = [...Object.values(groups).flatMap((g) => g.variables), ...sharedVariables];

function configure<T>(
  name: string,
  group: { variables: readonly string[]; schema: z.ZodType<T, unknown>; create: (config: T, shared: Shared) => Forwarder },
  env: Env,
  shared: Shared,
  issues: ForwarderConfigIssue[],
): Forwarder | undefined {
  const present = group.variables.filter((v) => env[v]?.trim());
  if (!present.length) return undefined;
  const values = Object.fromEntries(group.variables.map((v) => [v, env[v]?.trim() || undefined]));
  const parsed = group.schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? group.variables[0]);
      const reason = env[variable]?.trim() ? issue.message : `${issue.message} (the ${name} forwarder is on because ${present.join(', ')} ${present.length > 1 ? 'are' : 'is'} set)`;
      issues.push({ variable, message: reason });
    }
    return undefined;
  }
  try {
    return group.create(parsed.data, shared);
  } catch (error) {
    issues.push({ variable: group.variables[0] ?? name, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

/** The forwarders the environment configures, in a stable order; throws ForwarderConfigError on any wrong setting. */
export function forwardersFromEnv(env: Env): Forwarder[] {
  const issues: ForwarderConfigIssue[] = [];
  const shared = sharedFrom(env, issues);
  const forwarders = [
    configure('webhook', groups.webhook, env, shared, issues),
    configure('WHMCS', groups.whmcs, env, shared, issues),
    configure('Zendesk', groups.zendesk, env, shared, issues),
    configure('Freshdesk', groups.freshdesk, env, shared, issues),
  ].filter((f): f is Forwarder => f !== undefined);
  if (issues.length) throw new ForwarderConfigError(issues);
  return forwarders;
}
