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

function buildWith(change: (dir: string) => void): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(work, 'case-'));
  const content = path.join(dir, 'content');
  cpSync(fixture, content, { recursive: true });
  change(content);
  const result = spawnSync('npx', ['astro', 'build', '--root', 'site'], {
    env: { ...process.env, CONTENT_DIR: content, SITE_OUT_DIR: path.join(dir, 'dist'), SITE_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  // eslint-disable-next-line no-control-regex
  return { status: result.status, output: `${result.stdout}${result.stderr}`.replace(/\u001b\[[0-9;]*m/g, '') };
}

function edit(file: string, from: string | RegExp, to: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
}

describe('a bad content folder fails the build', { timeout: 120_000 }, () => {
  it('builds the fixture as it is', () => {
    const { status, output } = buildWith(() => {});
    expect(output).toContain('Complete!');
    expect(status).toBe(0);
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
