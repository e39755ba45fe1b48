/**
 * A content mistake must stop the build with a message an editor can act on: the file, the field,
 * what was expected and what was found. Builds a throw-away copy of the content (CONTENT_DIR), so
 * content/ and site/dist/ are never touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const fixture = path.resolve('test/fixtures/kb-mini');
const work = mkdtempSync(path.join(tmpdir(), 'kb-bad-content-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildWith(change: (dir: string) => void, env: Record<string, string> = {}): { status: number | null; output: string; dist: string } {
  const dir = mkdtempSync(path.join(work, 'case-'));
  const content = path.join(dir, 'content');
  cpSync(fixture, content, { recursive: true });
  change(content);
  const result = spawnSync('npx', ['astro', 'build', '--root', 'site'], {
    env: { ...process.env, ...env, CONTENT_DIR: content, SITE_OUT_DIR: path.join(dir, 'dist'), SITE_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, ''), dist: path.join(dir, 'dist') };
}

function edit(file: string, from: string | RegExp, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

/** The text of the elements a policy component rendered (`data-policy="…"`), tags and entities undone. */
function policyText(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<(\\w+)[^>]*data-policy="${name}"[^>]*>([\\s\\S]*?)</\\1>`, 'g'))].map((m) =>
    (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim(),
  );
}

describe('a bad content folder fails the build', { timeout: 120_000 }, () => {
  let fixtureBuild: ReturnType<typeof buildWith> | undefined;
  const builtFixture = () => (fixtureBuild ??= buildWith(() => {}));

  it('builds the fixture as it is', () => {
    const { status, output } = builtFixture();
    expect(output).toContain('Complete!');
    expect(status).toBe(0);
  });

  it('renders the policy components in each article\'s market, from support.yaml', () => {
    const portuguese = readFileSync(path.join(builtFixture().dist, 'pt-br/como-funciona-o-suporte/index.html'), 'utf8');
    expect(policyText(portuguese, 'price')).toEqual(['R$ 15,00']);
    expect(policyText(portuguese, 'hours')[0]).toContain('das 09:00 às 18:00 (horário de Brasília)');
    expect(policyText(portuguese, 'included')).toEqual(['gratuito se a causa for nossa; pago se for uma configuração sua']);
    expect(policyText(portuguese, 'channels')[0]).toMatch(/^Ticket : pela área do cliente.*Telefone e chat : apenas para estes pedidos básicos: Como funciona o serviço contratado/);
    // Brazil states no closing rule, maintenance or support plans: those components render nothing.
    for (const absent of ['ticket-closing', 'maintenance-plans', 'support-plans']) expect(portuguese).not.toContain(`data-policy="${absent}"`);

    const italian = readFileSync(path.join(builtFixture().dist, 'it/come-funziona-l-assistenza/index.html'), 'utf8');
    expect(policyText(italian, 'price')).toEqual(['WPCRED']);
    expect(policyText(italian, 'hours')).toEqual(["L'assistenza è attiva dal lunedì al venerdì, in orario d'ufficio, esclusi i giorni festivi."]);
    expect(policyText(italian, 'ticket-closing')).toEqual(['Un ticket che resta 7 giorni senza una tua risposta viene chiuso automaticamente.']);
    expect(policyText(italian, 'attachment-limits')[0]).toMatch(/^fino a 5 file, di massimo 10 MB ciascuno e 20 MB in totale/);
    expect(italian).not.toContain('data-policy="plan-changes"');
  });

  it('names the file, the field, the expected values and the value found in bad front matter', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'pt-br/redefinir-senha.mdx'), 'kind: howto', 'kind: guide'));
    expect(status).not.toBe(0);
    expect(output).toContain('pt-br/redefinir-senha.mdx');
    expect(output).toMatch(/kind.*expected one of "policy", "howto", found "guide"/);
  });

  it('names an Italian article left in the Portuguese folder', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'pt-br/redefinir-senha.mdx'), 'language: pt-BR', 'language: it'));
    expect(status).not.toBe(0);
    expect(output).toContain('pt-br/redefinir-senha.mdx: language: expected "pt-BR" for the pt-br/ folder, found "it"');
  });

  it('names the field of a broken support.yaml', () => {
    const { status, output } = buildWith((content) => edit(path.join(content, 'support.yaml'), 'timeZone: Europe/Rome', 'timeZone: Roma'));
    expect(status).not.toBe(0);
    expect(output).toContain('markets.it.timeZone: expected an IANA time zone like "America/Sao_Paulo", found "Roma"');
  });
});
