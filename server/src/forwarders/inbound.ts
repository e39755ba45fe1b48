/**
 * What every inbound adapter shares: comparing secrets in constant time, refusing signatures outside
 * a time window, reading JSON without throwing, and building a `StatusUpdate` that the contract
 * accepts (helpdesk text cut to the limit, times as ISO instants, no reply text where it may not be
 * shown).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { limits } from '../../../core/contract/limits.ts';
import { statusUpdateSchema, type StatusUpdate } from '../../../core/contract/status-update.ts';
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { InboundOutcome } from './forwarder.ts';

/** How far a signature's timestamp may be from our clock: Standard Webhooks' 5 minutes, for every helpdesk. */
export const signatureToleranceMs = 5 * 60 * 1000;

/**
 * Equal strings, in time that depends on neither's content nor length (both are hashed first, so
 * a wrong guess's length leaks nothing either).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** base64 HMAC-SHA256 of `message` with `key`. */
export function hmacBase64(key: string | Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

/** A refusal: 401 for anything about authenticity or age, 400 for a body we cannot read. */
export function refused(status: 400 | 401, reason: string): InboundOutcome {
  return { kind: 'refused', status, reason };
}

/** Why a signature time is outside the window, or undefined when it is inside. */
export function staleness(signedAt: Date, now: Date): string | undefined {
  if (Number.isNaN(signedAt.getTime())) return 'the signature timestamp is not a time';
  const drift = now.getTime() - signedAt.getTime();
  if (drift > signatureToleranceMs) return `signed ${Math.round(drift / 1000)} s ago, more than ${signatureToleranceMs / 1000} s: refused as a replay`;
  if (-drift > signatureToleranceMs) return `signed ${Math.round(-drift / 1000)} s in the future`;
  return undefined;
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A helpdesk's id field as a string, whether it sent a number or a string; undefined when empty. */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

/** An instant as `Date.toISOString()` writes it (the contract's form; nanoseconds are cut to milliseconds). */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** Helpdesk text cut to what the contract keeps ("longer is cut, never refused"). */
export function helpdeskText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= limits.helpdeskText.max ? trimmed : `${trimmed.slice(0, limits.helpdeskText.max - 1)}…`;
}

export interface UpdateParts {
  id: string;
  at: string;
  status?: TicketStatus | undefined;
  /** Support replied; `message` is kept only when `showText`. */
  reply?: { message?: string | undefined } | undefined;
  note?: string | undefined;
  helpdeskNumber?: string | undefined;
}

/** A StatusUpdate the contract accepts, without reply text unless it may be shown; undefined if it would not pass. */
export function statusUpdate(parts: UpdateParts, showText: boolean): StatusUpdate | undefined {
  const update: StatusUpdate = { id: parts.id.slice(0, 200), at: parts.at };
  if (parts.status) update.status = parts.status;
  if (parts.note?.trim()) update.note = helpdeskText(parts.note);
  if (parts.reply) update.reply = showText && parts.reply.message?.trim() ? { message: helpdeskText(parts.reply.message) } : {};
  if (parts.helpdeskNumber) update.helpdeskNumber = parts.helpdeskNumber.slice(0, 100);
  return statusUpdateSchema.safeParse(update).success ? update : undefined;
}

/** Oldest first, so the store's time order applies them all (ties keep the adapter's order). */
export function byTime(updates: Array<StatusUpdate | undefined>): StatusUpdate[] {
  return updates.filter((u): u is StatusUpdate => u !== undefined).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

