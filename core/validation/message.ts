/** Checks that the message tells a story, not just "help" padded with spaces or "!!!!!!". */
import { limits } from '../contract/limits.ts';

export type MessageResult =
  | { ok: true }
  | { ok: false; code: 'required' | 'too-short' | 'too-long'; params?: { min?: number; max?: number; length: number } };

/** Whitespace as `/\s/u` reads it (WhiteSpace, LineTerminator and the Zs space separators). */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

/**
 * Characters that carry content: whitespace is not counted and a run of 3+ equal characters counts
 * once (what `[...text.replace(/\s+/gu, '').replace(/(.)\1{2,}/gsu, '$1')].length` answers).
 * One pass without regular expressions or arrays: the server checks every ticket with it.
 */
export function contentLength(text: string): number {
  let count = 0;
  let previous = -1;
  let run = 0;
  const character = (c: number) => {
    if (c !== previous) {
      previous = c;
      run = 1;
      count++;
    } else if (++run === 2) count++;
    else if (run === 3) count--;
  };
  // Surrogates pair up once whitespace is gone, as they do in the replaced string; a lone one is a character too.
  let high = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue; // removed before runs are looked for: "a a a" is a run
    if (high !== -1) {
      const paired = c >= 0xdc00 && c <= 0xdfff;
      character(paired ? 0x10000 + ((high - 0xd800) << 10) + (c - 0xdc00) : high);
      high = -1;
      if (paired) continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) high = c;
    else character(c);
  }
  if (high !== -1) character(high);
  return count;
}

export function validateMessage(text: string): MessageResult {
  const length = contentLength(text);
  if (length === 0) return { ok: false, code: 'required' };
  if (length < limits.message.min) return { ok: false, code: 'too-short', params: { min: limits.message.min, length } };
  // The maximum applies to what is sent, whitespace included, as the ticket contract does.
  if (text.trim().length > limits.message.max)
    return { ok: false, code: 'too-long', params: { max: limits.message.max, length: text.trim().length } };
  return { ok: true };
}
