import { describe, expect, it } from 'vitest';
import { contentLength, validateMessage } from './message.ts';

describe('message', () => {
  it('accepts a message that tells what happened', () => {
    expect(validateMessage('Desde ontem às 15h os e-mails enviados para o Gmail voltam com erro 550.')).toEqual({ ok: true });
  });

  it('asks for a message when it is empty', () => {
    expect(validateMessage(' \n\t ')).toEqual({ ok: false, code: 'required' });
  });

  it('does not count spaces and line breaks as content', () => {
    expect(contentLength('a b\n\nc\t d')).toBe(4);
    expect(validateMessage('o site   não     abre     desde   ontem')).toMatchObject({ ok: false, code: 'too-short' });
  });

  it('does not let repeated characters pad a short message', () => {
    expect(contentLength('socorro!!!!!!!!!!!!!!!!!!!!!!!!!')).toBe(8);
    expect(validateMessage('help ' + 'a'.repeat(40))).toEqual({ ok: false, code: 'too-short', params: { min: 30, length: 5 } });
  });

  it('still counts ordinary doubled letters like "ll" and "ss"', () => {
    expect(contentLength('installa')).toBe(8);
  });

  it('says when the message is longer than 10,000 characters', () => {
    expect(validateMessage('Erro no backup. '.repeat(700))).toMatchObject({ ok: false, code: 'too-long', params: { max: 10_000 } });
  });

  it('counts exactly as removing whitespace and collapsing runs with regular expressions would', () => {
    const reference = (text: string) => [...text.replace(/\s+/gu, '').replace(/(.)\1{2,}/gsu, '$1')].length;
    // Every BMP code point alone, doubled and tripled: whitespace and surrogates included.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, ch + ch, ch + ch + ch, `a${ch}${ch}${ch}${ch}b`]) expect(contentLength(text), `U+${c.toString(16)} in ${JSON.stringify(text)}`).toBe(reference(text));
    }
    // Random strings from an alphabet that makes runs, spaces inside runs, astral characters and lone surrogates likely.
    const alphabet = ['a', 'a', 'b', ' ', '\n', '\u00a0', '\u3000', '!', '😀', '😀', '\ud83d', '\ude00', 'ç', 'c\u0327'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: Math.floor(next() * 24) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      expect(contentLength(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
