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
});
