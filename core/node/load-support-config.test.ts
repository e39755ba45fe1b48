import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { z } from 'zod/mini';
import { supportConfigSchema } from '../contract/support-config.ts';
import { activeNotices, marketFor } from '../contract/markets.ts';
import { parseSupportConfig, SupportConfigError } from './load-support-config.ts';

const source = readFileSync(new URL('../../content/support.yaml', import.meta.url), 'utf8');

type RawConfig = z.input<typeof supportConfigSchema>;

function withChange(change: (raw: RawConfig) => void): string {
  const raw = parse(source) as RawConfig;
  change(raw);
  return stringify(raw);
}

function errorOf(yamlText: string): string {
  try {
    parseSupportConfig(yamlText, 'content/support.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(SupportConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('content/support.yaml', () => {
  const config = parseSupportConfig(source, 'content/support.yaml');

  it('holds the three departments with names in both languages', () => {
    expect(config.departments.map((d) => [d.key, d.name['pt-BR'], d.name.it])).toEqual([
      ['technical', 'Suporte Técnico', 'Assistenza tecnica'],
      ['billing', 'Financeiro', 'Amministrazione'],
      ['sales', 'Vendas', 'Commerciale'],
    ]);
  });

  it('has Brazil open 09:00-18:00 Monday to Friday in São Paulo time, and Italy on weekdays with no clock times published', () => {
    expect(config.markets.br).toMatchObject({ timeZone: 'America/Sao_Paulo', hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' } });
    expect(config.markets.it.timeZone).toBe('Europe/Rome');
    expect(config.markets.it.hours).toEqual({ days: [1, 2, 3, 4, 5] });
    expect(marketFor(config, 'it')).toBe(config.markets.it);
    expect(marketFor(config, 'en')).toBe(config.markets.br);
  });

  it('promises no reply time in Brazil (a queue) and, in Italy, commits to 7 days for customers with a hosting plan, not to sales', () => {
    expect(config.markets.br.firstReply).toEqual({ model: 'queue' });
    expect(config.markets.it.firstReply).toEqual({
      model: 'calendar-days',
      days: 7,
      departments: ['technical', 'billing'],
      condition: { 'pt-BR': 'para clientes com um dos nossos planos de hospedagem', it: 'per i clienti con uno dei nostri piani hosting' },
    });
  });

  it('states each market’s channels, closing, duplicates, plans and backups as its policy does', () => {
    const { br, it: italy } = config.markets;
    expect(br.channels.ticket.scope).toBe('everything');
    expect(br.channels.phone).toMatchObject({ scope: 'basic' });
    expect(br.channels.chat?.uses).toEqual(br.channels.phone?.uses);
    expect(br.channels.phone?.uses).toHaveLength(7);
    expect(italy.channels).toEqual({ ticket: { scope: 'everything', uses: [] }, phone: { scope: 'commercial', uses: [] } });
    expect(br.ticketClosing).toBeUndefined();
    expect(italy.ticketClosing).toEqual({ daysWithoutCustomerReply: 7 });
    expect([br.duplicates, italy.duplicates]).toEqual(['closed', 'not-faster']);
    expect(italy.maintenancePlans).toEqual([{ name: 'Hyper', extraordinaryAssistance: true }]);
    expect(italy.supportPlans).toEqual({ validityDays: 365, refundable: false, resellable: false });
    expect(br.supportPlans).toBeUndefined();
    expect(br.planChanges).toEqual({ resizePaid: false, platformMoveCopyPaid: true });
    expect(br.backups).toEqual({ paid: ['generate', 'restore'], availabilityChecked: true });
    expect(italy.backups.paid).toEqual(['restore']);
  });

  it('gives each topic its tier per market as the policies state them', () => {
    const tiers = Object.fromEntries(config.departments.flatMap((d) => d.topics).map((t) => [t.key, [t.tier.br, t.tier.it]]));
    // Brazil: DNS changes are paid, a DNS failure on our side is basic support.
    expect(tiers.dns).toEqual(['paid-unless-ours', 'paid-unless-ours']);
    // Italy: panel questions, access, SSL, PHP and mailbox changes are credits unless the fault is ours.
    for (const key of ['panel', 'access', 'ssl', 'php', 'email']) expect(tiers[key]?.[1], key).toBe('paid-unless-ours');
    expect(tiers.panel?.[0]).toBe('included');
    expect(tiers.backup).toEqual(['paid', 'paid']);
    // Standard Italian hosting covers servers, databases, mail and webmail working.
    for (const key of ['outage', 'platform-bug', 'database']) expect(tiers[key], key).toEqual(['included', 'included']);
  });

  it('keeps the default attachment policy: 5 files, 10 MB each, 20 MB in total', () => {
    expect(config.attachments).toMatchObject({ maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 });
  });

  it('prices paid work in Brazil per request and in Italy with credit packs', () => {
    expect(config.markets.br.paidSupport).toEqual({ model: 'per-request', price: 15, maxMinutes: 25, prepaid: true, requires: ['screenshot', 'steps'] });
    expect(config.markets.it.paidSupport).toEqual({
      model: 'credits', packName: 'WPCRED', validityDays: 365, refundable: false, resellable: false, costKnownInAdvance: false, requires: [],
    });
  });

  it('fills defaults when the operator leaves out attachments and notices', () => {
    const minimal = withChange((raw) => {
      delete raw.attachments;
      delete raw.notices;
    });
    const parsed = parseSupportConfig(minimal, 'support.yaml');
    expect(parsed.attachments.maxFiles).toBe(5);
    expect(parsed.notices).toEqual([]);
  });

  it('stops with the field, what was expected and what was found', () => {
    const message = errorOf(withChange((raw) => {
      raw.markets.br.timeZone = 'Brasilia';
      raw.markets.br.hours.open = '9am';
      raw.departments[1]!.name.it = '';
    }));
    expect(message).toContain('content/support.yaml has 3 problem(s)');
    expect(message).toContain('departments.1.name.it: expected at least 1 characters, found ""');
    expect(message).toContain('markets.br.timeZone: expected an IANA time zone like "America/Sao_Paulo", found "Brasilia"');
    expect(message).toContain('markets.br.hours.open: expected a time like "09:00", found "9am"');
  });

  it('refuses a queue in a market without clock times, and half a pair of clock times', () => {
    const message = errorOf(withChange((raw) => {
      raw.markets.it.firstReply = { model: 'queue' };
      delete raw.markets.br.hours.close;
    }));
    expect(message).toContain('markets.br.hours.close: expected open and close together, or neither, found nothing');
    expect(message).toContain('markets.it.hours.open: expected opening hours ("09:00") with a queue, whose customers are told when it is next worked, found nothing');
  });

  it('names the first-reply models and tiers it knows when one is misspelled', () => {
    const message = errorOf(withChange((raw) => {
      (raw.markets.br.firstReply as { model: string }).model = 'business-hours';
      (raw.departments[0]!.topics![0]!.tier as { br: string }).br = 'free';
    }));
    expect(message).toContain('markets.br.firstReply.model: expected one of "queue", "calendar-days", found "business-hours"');
    expect(message).toContain('departments.0.topics.0.tier.br: expected one of "included", "paid", "quoted", "paid-unless-ours", found "free"');
  });

  it('rejects a per-file cap larger than the total cap', () => {
    const message = errorOf(withChange((raw) => { raw.attachments = { ...raw.attachments, maxFileBytes: 30 * 1024 * 1024 }; }));
    expect(message).toContain('attachments.maxFileBytes: expected maxFileBytes no larger than maxTotalBytes');
  });

  it('says so when the file is not YAML at all', () => {
    expect(errorOf('departments: [oops')).toMatch(/^content\/support\.yaml: not valid YAML/);
  });

  it('shows a notice only between its start and end', () => {
    const notice = {
      id: 'email-delay',
      severity: 'incident' as const,
      title: { 'pt-BR': 'Atraso nos e-mails', it: 'Ritardi nella posta' },
      body: { 'pt-BR': 'Desde as 10:00.', it: 'Dalle 10:00.' },
      startsAt: '2026-11-23T10:00:00-03:00',
      endsAt: '2026-11-23T16:00:00-03:00',
    };
    const withNotice = supportConfigSchema.parse({ ...config, notices: [notice] });
    expect(activeNotices(withNotice, new Date('2026-11-23T12:00:00-03:00')).map((n) => n.id)).toEqual(['email-delay']);
    expect(activeNotices(withNotice, new Date('2026-11-23T09:59:00-03:00'))).toEqual([]);
    expect(activeNotices(withNotice, new Date('2026-11-23T16:00:00-03:00'))).toEqual([]);
  });
});
