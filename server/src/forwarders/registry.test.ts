import { describe, expect, it } from 'vitest';
import { ForwarderConfigError, forwardersFromEnv, forwarderVariables, type Env } from './registry.ts';

const webhookSecret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;

const complete: Env = {
  WEBHOOK_URL: 'http://localhost:4400/',
  WEBHOOK_SECRET: webhookSecret,
  WHMCS_URL: 'https://billing.nuvolo.example',
  WHMCS_IDENTIFIER: 'ident',
  WHMCS_SECRET: 'whmcs-secret-value',
  WHMCS_DEPARTMENTS: 'technical=1, billing=2, sales=3',
  ZENDESK_URL: 'https://nuvolo.zendesk.com',
  ZENDESK_EMAIL: 'integracoes@nuvolo.example',
  ZENDESK_API_TOKEN: 'zendesk-token-value',
  FRESHDESK_URL: 'https://nuvolo.freshdesk.com',
  FRESHDESK_API_KEY: 'freshdesk-key-value',
};

function issuesFor(env: Env) {
  try {
    forwardersFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ForwarderConfigError);
    return { issues: (error as ForwarderConfigError).issues, message: (error as Error).message };
  }
  throw new Error('expected a ForwarderConfigError');
}

describe('forwarders from the environment', () => {
  it('none configured: no forwarders, tickets stay in the local store', () => {
    expect(forwardersFromEnv({})).toEqual([]);
    expect(forwardersFromEnv({ WEBHOOK_URL: '  ', PORT: '4321' })).toEqual([]);
  });

  it('every forwarder configured: all four, in a stable order', () => {
    const forwarders = forwardersFromEnv(complete);
    expect(forwarders.map((f) => f.name)).toEqual(['webhook', 'whmcs', 'zendesk', 'freshdesk']);
    expect(forwarders.map((f) => f.sendsOwnConfirmation)).toEqual([false, true, false, true]);
  });

  it('a half-configured forwarder stops the server, naming each missing variable', () => {
    const { issues, message } = issuesFor({ WHMCS_URL: 'https://billing.nuvolo.example' });
    expect(issues.map((i) => i.variable)).toEqual(['WHMCS_IDENTIFIER', 'WHMCS_SECRET', 'WHMCS_DEPARTMENTS']);
    expect(message).toContain('WHMCS_SECRET: is required (the WHMCS forwarder is on because WHMCS_URL is set)');
  });

  it('a forwarder with only a secret set is also half-configured', () => {
    const { issues } = issuesFor({ ZENDESK_API_TOKEN: 'x' });
    expect(issues.map((i) => i.variable)).toEqual(['ZENDESK_URL', 'ZENDESK_EMAIL']);
  });

  it('WHMCS departments need an id for technical, billing and sales', () => {
    const { issues } = issuesFor({ ...complete, WHMCS_DEPARTMENTS: 'technical=1,billing=2' });
    expect(issues).toEqual([
      {
        variable: 'WHMCS_DEPARTMENTS',
        message: 'expected "technical=1,billing=2,sales=3" (WHMCS department ids), found "technical=1,billing=2": missing sales',
      },
    ]);
    expect(issuesFor({ ...complete, WHMCS_DEPARTMENTS: 'technical=1,billing=2,sales=3,legal=4' }).issues[0]?.message).toContain('unknown department "legal"');
    expect(issuesFor({ ...complete, WHMCS_DEPARTMENTS: 'technical=one' }).issues[0]?.message).toContain('"technical=one" is not key=id');
  });

  it('a webhook secret must be a Standard Webhooks secret, and is never echoed', () => {
    const { issues, message } = issuesFor({ ...complete, WEBHOOK_SECRET: 'hunter2-my-password' });
    expect(issues.map((i) => i.variable)).toEqual(['WEBHOOK_SECRET']);
    expect(message).toContain('expected "whsec_" followed by base64 of 24 to 64 random bytes');
    expect(message).not.toContain('hunter2');
  });

  it('credentials travel over https only, except to this machine', () => {
    const { issues } = issuesFor({ ...complete, ZENDESK_URL: 'http://nuvolo.zendesk.com' });
    expect(issues).toEqual([
      { variable: 'ZENDESK_URL', message: 'expected an https:// URL (http:// only for localhost), found "http://nuvolo.zendesk.com"' },
    ]);
    expect(issuesFor({ ...complete, FRESHDESK_URL: 'nuvolo.freshdesk.com' }).issues[0]?.message).toBe(
      'expected an absolute https:// URL, found "nuvolo.freshdesk.com"',
    );
    expect(forwardersFromEnv({ ...complete, ZENDESK_URL: 'http://127.0.0.1:4401' })).toHaveLength(4);
  });

  it('the Zendesk user must be an e-mail address', () => {
    expect(issuesFor({ ...complete, ZENDESK_EMAIL: 'integracoes' }).issues).toEqual([{ variable: 'ZENDESK_EMAIL', message: 'expected an e-mail address' }]);
  });

  it('reports every wrong variable at once', () => {
    const { issues } = issuesFor({ WEBHOOK_URL: 'ftp://x', FRESHDESK_API_KEY: 'k' });
    expect(issues.map((i) => i.variable)).toEqual(['WEBHOOK_URL', 'WEBHOOK_SECRET', 'FRESHDESK_URL']);
  });

  it('lists the variables it reads', () => {
    expect(forwarderVariables).toEqual([
      'WEBHOOK_URL',
      'WEBHOOK_SECRET',
      'WHMCS_URL',
      'WHMCS_IDENTIFIER',
      'WHMCS_SECRET',
      'WHMCS_DEPARTMENTS',
      'WHMCS_ACCESS_KEY',
      'WHMCS_POLL_SECONDS',
      'WHMCS_TIME_ZONE',
      'ZENDESK_URL',
      'ZENDESK_EMAIL',
      'ZENDESK_API_TOKEN',
      'ZENDESK_WEBHOOK_SECRET',
      'FRESHDESK_URL',
      'FRESHDESK_API_KEY',
      'FRESHDESK_WEBHOOK_SECRET',
      'HELPDESK_REPLY_TEXT',
    ]);
  });
});

describe('after Send settings', () => {
  const byName = (env: Env) => Object.fromEntries(forwardersFromEnv(env).map((f) => [f.name, f]));

  it('every helpdesk takes replies and reopens; WHMCS is polled every 5 minutes unless told otherwise', () => {
    const forwarders = byName(complete);
    expect(Object.values(forwarders).map((f) => [f.name, typeof f.deliverReply, f.canReopen, f.showsAgentReplyText])).toEqual([
      ['webhook', 'function', true, true],
      ['whmcs', 'function', true, true],
      ['zendesk', 'function', true, true],
      ['freshdesk', 'function', true, true],
    ]);
    expect(forwarders.whmcs?.pollIntervalMs).toBe(300_000);
    expect(byName({ ...complete, WHMCS_POLL_SECONDS: '900' }).whmcs?.pollIntervalMs).toBe(900_000);
  });

  it('Zendesk and Freshdesk call back only when their webhook secret is set', () => {
    expect(byName(complete).zendesk?.inbound).toBeUndefined();
    expect(byName(complete).freshdesk?.inbound).toBeUndefined();
    const withSecrets = byName({ ...complete, ZENDESK_WEBHOOK_SECRET: 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==', FRESHDESK_WEBHOOK_SECRET: 'k7Jv3yq0Wn2fRz8tL4mXc9bH1sD6gPaE' });
    expect(withSecrets.zendesk?.inbound).toBeDefined();
    expect(withSecrets.freshdesk?.inbound).toBeDefined();
  });

  it('HELPDESK_REPLY_TEXT=hide keeps agents\' words off the status page for every helpdesk', () => {
    expect(Object.values(byName({ ...complete, HELPDESK_REPLY_TEXT: 'hide' })).filter((f) => f.name !== 'webhook').map((f) => f.showsAgentReplyText)).toEqual([false, false, false]);
    expect(issuesFor({ ...complete, HELPDESK_REPLY_TEXT: 'never' }).issues).toEqual([{ variable: 'HELPDESK_REPLY_TEXT', message: 'expected "show" or "hide", found "never"' }]);
  });

  it('a short Freshdesk secret is refused without being echoed', () => {
    const { issues, message } = issuesFor({ ...complete, FRESHDESK_WEBHOOK_SECRET: 'abc123' });
    expect(issues.map((i) => i.variable)).toEqual(['FRESHDESK_WEBHOOK_SECRET']);
    expect(message).toContain('expected at least 24 random characters, found 6');
    expect(message).not.toContain('abc123');
  });

  it('names a wrong poll interval or time zone', () => {
    expect(issuesFor({ ...complete, WHMCS_POLL_SECONDS: '10' }).issues).toEqual([{ variable: 'WHMCS_POLL_SECONDS', message: 'expected whole seconds from 60 to 86400, found "10"' }]);
    expect(issuesFor({ ...complete, WHMCS_TIME_ZONE: 'Brasilia' }).issues[0]).toMatchObject({ variable: 'WHMCS_TIME_ZONE', message: expect.stringContaining('found "Brasilia"') });
  });

  it('a webhook secret alone turns its helpdesk on, and asks for the rest', () => {
    const { message } = issuesFor({ ZENDESK_WEBHOOK_SECRET: 'x' });
    expect(message).toContain('ZENDESK_URL: is required (the Zendesk forwarder is on because ZENDESK_WEBHOOK_SECRET is set)');
  });
});
