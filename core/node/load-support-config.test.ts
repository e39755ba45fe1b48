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

  it('has Brazil open 09:00-18:00 Monday to Friday in São Paulo time, and Italy promising a reply within 7 days', () => {
    expect(config.markets.br).toMatchObject({ timeZone: 'America/Sao_Paulo', hours: { days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' } });
    expect(config.markets.it.timeZone).toBe('Europe/Rome');
    expect(config.markets.it.firstReply.medium).toEqual({ calendarDays: 7 });
    expect(marketFor(config, 'it')).toBe(config.markets.it);
    expect(marketFor(config, 'en')).toBe(config.markets.br);
  });

  it('keeps the default attachment policy: 5 files, 10 MB each, 20 MB in total', () => {
    expect(config.attachments).toMatchObject({ maxFiles: 5, maxFileBytes: 10 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 });
  });

  it('prices paid work in Brazil per request and in Italy with credit packs', () => {
    expect(config.markets.br.paidSupport).toMatchObject({ model: 'per-request', price: 15, maxMinutes: 25, prepaid: true });
    expect(config.markets.it.paidSupport).toMatchObject({ model: 'credits', packName: 'WPCRED', validityDays: 365, refundable: false });
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
      raw.markets.it.hours.open = '9am';
      raw.departments[1]!.name.it = '';
    }));
    expect(message).toContain('content/support.yaml has 3 problem(s)');
    expect(message).toContain('departments.1.name.it: expected at least 1 characters, found ""');
    expect(message).toContain('markets.br.timeZone: expected an IANA time zone like "America/Sao_Paulo", found "Brasilia"');
    expect(message).toContain('markets.it.hours.open: expected a time like "09:00", found "9am"');
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
