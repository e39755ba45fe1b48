import { describe, expect, it } from 'vitest';
import { attachmentName, sanitizeFileName } from './attachment-type.ts';

describe('attachment names', () => {
  it('gives a file one extension, the one its sniffed type has', () => {
    expect(attachmentName('shell.png.php', 'image/png', 0)).toBe('shell.png');
    expect(attachmentName('fatura.pdf.exe', 'application/pdf', 0)).toBe('fatura.pdf');
    expect(attachmentName('foto-do-erro', 'image/jpeg', 0)).toBe('foto-do-erro.jpg');
    expect(attachmentName('foto.JPEG', 'image/jpeg', 0)).toBe('foto.jpeg');
    expect(attachmentName('nginx-error.log', 'text/plain', 0)).toBe('nginx-error.log');
    // Dotted words that are not file types stay part of the name.
    expect(attachmentName('Captura de Tela 2026-11-20 às 10.30.15.png', 'image/png', 0)).toBe('Captura de Tela 2026-11-20 às 10.30.15.png');
  });

  it('removes the right-to-left override and zero-width characters that disguise a name', () => {
    // Shown as "fotoexe.png" in a right-to-left aware viewer.
    expect(attachmentName('foto\u202egnp.exe', 'image/png', 0)).toBe('fotognp.png');
    expect(attachmentName('re\u200bcibo\u2066.pdf', 'application/pdf', 0)).toBe('recibo.pdf');
  });

  it('names a file sent without a name instead of dropping it', () => {
    expect(attachmentName('', 'image/png', 1)).toBe('attachment-2.png');
    expect(attachmentName('.png', 'image/png', 0)).toBe('attachment-1.png');
    expect(attachmentName('\u202e', 'text/plain', 2)).toBe('attachment-3.txt');
  });

  it('keeps names to a path-free basename without a leading dot, safe on every system', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\joao\\.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('CON')).toBe('CON_');
    expect(sanitizeFileName('relatório<final>:v2?.pdf')).toBe('relatório_final_v2_.pdf');
    expect(sanitizeFileName('$(reboot).txt')).toBe('_(reboot).txt');
    expect(sanitizeFileName('')).toBe('attachment');
  });

  it('cuts a long name without splitting a character, keeping the extension', () => {
    const name = sanitizeFileName(`${'😀'.repeat(100)}.png`);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('😀.png')).toBe(true);
    // No lone half of a surrogate pair.
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
