/** Checks that the message tells a story, not just "help" padded with spaces or "!!!!!!". */
import { limits } from '../contract/limits.ts';

export type MessageResult =
  | { ok: true }
  | { ok: false; code: 'required' | 'too-short' | 'too-long'; params?: { min?: number; max?: number; length: number } };

/** Characters that carry content: whitespace is not counted and a run of 3+ equal characters counts once. */
export function contentLength(text: string): number {
  return [...text.replace(/\s+/gu, '').replace(/(.)\1{2,}/gsu, '$1')].length;
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
