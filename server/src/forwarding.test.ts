import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { buildForwarders, statusUrl } from './forwarding.ts';

const config = loadConfig({ CONTENT_DIR: 'content', PUBLIC_URL: 'https://suporte.example.com.br' });
const secret = Buffer.alloc(32, 7);
const smtp = { SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'Nuvolo Hosting <suporte@nuvolo.example>' };
const whmcs = { WHMCS_URL: 'https://billing.example.com', WHMCS_IDENTIFIER: 'id', WHMCS_SECRET: 'secret', WHMCS_DEPARTMENTS: 'technical=1,billing=2,sales=3' };
const webhook = { WEBHOOK_URL: 'https://hooks.example.com/support', WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 1).toString('base64')}` };

describe('who receives a ticket', () => {
  it('keeps tickets in the local database only when nothing is configured', () => {
    expect(buildForwarders({}, config, secret).forwarders).toEqual([]);
  });

  it('mails the customer a confirmation when SMTP is set and no forwarder mails them itself', () => {
    expect(buildForwarders({ ...smtp, ...webhook }, config, secret).forwarders.map((f) => f.name)).toEqual(['webhook', 'confirmation-email']);
  });

  it('leaves the confirmation to a helpdesk that sends its own (WHMCS)', () => {
    expect(buildForwarders({ ...smtp, ...whmcs }, config, secret).forwarders.map((f) => f.name)).toEqual(['whmcs']);
  });

  it('stops on a half-configured forwarder, naming the variable', () => {
    expect(() => buildForwarders({ WHMCS_URL: 'https://billing.example.com' }, config, secret)).toThrow(/WHMCS_IDENTIFIER/);
    expect(() => buildForwarders({ SMTP_URL: 'smtp://127.0.0.1:2525' }, config, secret)).toThrow(/SMTP_FROM/);
  });

  it('links the status page in the customer language, with the token in the fragment only', () => {
    expect(statusUrl(config, 'IT-000042', 'a:b', 'it')).toBe('https://suporte.example.com.br/it/ticket/#IT-000042:a%3Ab');
    expect(statusUrl(config, 'BR-000001', 'tok', 'en')).toBe('https://suporte.example.com.br/pt-br/ticket/#BR-000001:tok');
  });
});
