import { describe, expect, it } from 'vitest';
import { attachmentPolicySchema } from '../../../core/contract/support-config.ts';
import { checkFiles, effectiveType, formatBytes, renameForType, type AttachmentPolicy } from './attachments.ts';

const MB = 1024 * 1024;
const file = (name: string, size: number, type = 'image/png') => new File([new Uint8Array(size)], name, { type });
const codes = (result: ReturnType<typeof checkFiles>) => result.rejected.map((r) => [r.file.name, r.code]);

describe('checkFiles', () => {
  const policy: AttachmentPolicy = attachmentPolicySchema.parse({});

  it('accepts screenshots, PDFs and text files within the default policy', () => {
    const incoming = [file('erro.png', 2 * MB), file('fatura.pdf', 300_000, 'application/pdf'), file('log.txt', 10, 'text/plain')];
    const result = checkFiles([], incoming, policy);
    expect(result.accepted).toEqual(incoming);
    expect(result.rejected).toEqual([]);
  });

  it('turns away a type the operator does not allow', () => {
    expect(codes(checkFiles([], [file('site.zip', 10, 'application/zip'), file('noname', 10, '')], policy))).toEqual([
      ['site.zip', 'type'],
      ['noname', 'type'],
    ]);
  });

  it('turns away a file over the per-file cap', () => {
    expect(codes(checkFiles([], [file('video.png', 10 * MB + 1)], policy))).toEqual([['video.png', 'too-big']]);
    expect(checkFiles([], [file('exact.png', 10 * MB)], policy).accepted).toHaveLength(1);
  });

  it('counts files already attached towards the maximum number', () => {
    const existing = [file('1.png', 1), file('2.png', 1), file('3.png', 1), file('4.png', 1)];
    const result = checkFiles(existing, [file('5.png', 1), file('6.png', 1)], policy);
    expect(result.accepted.map((f) => f.name)).toEqual(['5.png']);
    expect(codes(result)).toEqual([['6.png', 'too-many']]);
  });

  it('turns away what would take the total over the cap, and still takes a smaller file after it', () => {
    const existing = [file('a.png', 9 * MB), file('b.png', 9 * MB)];
    const result = checkFiles(existing, [file('c.png', 3 * MB), file('d.png', 1 * MB)], policy);
    expect(codes(result)).toEqual([['c.png', 'total-too-big']]);
    expect(result.accepted.map((f) => f.name)).toEqual(['d.png']);
  });

  it('gives a file without a reported type the type of its extension', () => {
    const [log] = checkFiles([], [file('erro.LOG', 10, '')], policy).accepted;
    expect([log?.name, log?.type, log?.size]).toEqual(['erro.LOG', 'text/plain', 10]);
  });

  it('takes nothing when the operator allows no attachments, without throwing', () => {
    expect(codes(checkFiles([], [file('a.png', 1)], { ...policy, maxFiles: 0 }))).toEqual([['a.png', 'too-many']]);
  });
});

describe('effectiveType', () => {
  it('drops parameters and capitals, and reads the common "image/jpg" as JPEG', () => {
    expect(effectiveType({ name: 'a.txt', type: 'Text/Plain; charset=utf-8' })).toBe('text/plain');
    expect(effectiveType({ name: 'a.jpg', type: 'image/jpg' })).toBe('image/jpeg');
    expect(effectiveType({ name: 'README', type: '' })).toBe('');
  });
});

describe('formatBytes', () => {
  const format = (bytes: number, locale: string) => formatBytes(bytes, locale).replace(/\s/g, ' ');

  it('writes sizes the way each language does', () => {
    expect(format(1.5 * MB, 'pt-BR')).toBe('1,5 MB');
    expect(format(1.5 * MB, 'en')).toBe('1.5 MB');
    expect(format(10 * MB, 'it')).toBe('10 MB');
    expect(format(20 * MB, 'pt-BR')).toBe('20 MB');
    expect(format(512, 'pt-BR')).toBe('512 bytes');
    expect(format(12 * 1024, 'it')).toBe('12 kB');
  });

  it('moves to the next unit instead of showing "1024 kB"', () => {
    expect(format(MB - 10, 'en')).toBe('1 MB');
    expect(format(1023, 'en')).toBe('1,023 byte');
  });
});

describe('renameForType', () => {
  it('changes or adds the extension for the new type', () => {
    expect(renameForType('Captura de tela 2026-11-23.png', 'image/webp')).toBe('Captura de tela 2026-11-23.webp');
    expect(renameForType('painel', 'image/jpeg')).toBe('painel.jpg');
  });
});
