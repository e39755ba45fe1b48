/** High priority is for emergencies: the customer says in one line what is down. */
import { limits } from '../contract/limits.ts';

export type HighReasonResult = { ok: true } | { ok: false; code: 'reason'; params: { min: number; max: number } };

export function validateHighReason(reason: string): HighReasonResult {
  const length = reason.trim().length;
  const { min, max } = limits.highReason;
  return length >= min && length <= max ? { ok: true } : { ok: false, code: 'reason', params: { min, max } };
}
