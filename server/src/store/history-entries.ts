/**
 * History entries as both stores read and write them: a row of `ticket_events` as the public entry,
 * and what a helpdesk's update adds to the history.
 */
import { randomUUID } from 'node:crypto';
import type { StatusUpdate } from '../../../core/contract/status-update.ts';
import type { TicketEvent, TicketEventKind, TicketStatus } from './records.ts';
import type { NewTicketEvent } from './store.ts';

const present = (value: unknown) => value !== null && value !== undefined && value !== '';

/** A `ticket_events` row as the status page and the console read it; rows from before kinds are status changes. */
export function toHistoryEntry(row: Record<string, unknown>): TicketEvent {
  return {
    at: String(row.at),
    kind: (present(row.kind) ? String(row.kind) : 'status') as TicketEventKind,
    status: String(row.status) as TicketStatus,
    ...(present(row.actor) ? { by: String(row.actor) as 'customer' | 'support' } : {}),
    ...(present(row.note) ? { note: String(row.note) } : {}),
    ...(present(row.message) ? { message: String(row.message) } : {}),
    ...(Number(row.attachments) > 0 ? { attachments: Number(row.attachments) } : {}),
  };
}

/**
 * The entry a helpdesk's update writes: support's reply (the ticket "answered" unless the update
 * says otherwise), or a status change, or a note; nothing when it only names the helpdesk's number
 * or repeats the status.
 */
export function entryOfUpdate(
  ticketId: string,
  current: TicketStatus,
  update: StatusUpdate,
  at: string,
  showReplyText: boolean,
  deliverTo: readonly string[] | undefined,
): NewTicketEvent | undefined {
  const base = { id: randomUUID(), ticketId, at, by: 'support' as const, ...(update.note ? { note: update.note } : {}), ...(deliverTo ? { deliverTo } : {}) };
  if (update.reply) {
    const message = showReplyText ? update.reply.message?.trim() : undefined;
    return { ...base, kind: 'agent-reply', status: update.status ?? 'answered', ...(message ? { message } : {}) };
  }
  if (update.status && (update.status !== current || update.note)) return { ...base, kind: 'status', status: update.status };
  if (update.note) return { ...base, kind: 'status', status: current };
  return undefined;
}
