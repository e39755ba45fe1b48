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
    expect(forwarderVariables).toEqual(Object.keys(complete).toSpliced(6, 0, 'WHMCS_ACCESS_KEY'));
  });
});
