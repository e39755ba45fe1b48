/** The steps that lead to a problem, which a paid (advanced) request must carry where the market asks: a few real words, not a dot. */
import { limits } from '../contract/limits.ts';
import { contentLength } from './message.ts';

export type StepsResult = { ok: true } | { ok: false; code: 'required' | 'too-short'; params?: { min: number } };

export function validateSteps(text: string): StepsResult {
  const length = contentLength(text);
  if (length === 0) return { ok: false, code: 'required' };
  return length < limits.steps.min ? { ok: false, code: 'too-short', params: { min: limits.steps.min } } : { ok: true };
}
