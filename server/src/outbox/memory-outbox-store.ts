/** An in-memory OutboxStore: the reference behaviour for tests and demos, not for production (it forgets on restart). */
import type { Delivery, StoredTicket } from '../store/records.ts';
import type { OutboxStore } from './outbox-store.ts';

interface Row extends Delivery {
  /** Claimed until this time (ms since epoch); 0 when free. */
  leaseUntil: number;
}

export interface MemoryOutboxStore extends OutboxStore {
  /** Adds a ticket and one pending delivery per forwarder, due at `at` (now by default). */
  add(ticket: StoredTicket, forwarders: string[], at?: Date): Delivery[];
  /** A copy of one delivery, as the status page would show it. */
  delivery(id: string): Delivery | undefined;
  /** Copies of every delivery, oldest first. */
  deliveries(): Delivery[];
}

export function createMemoryOutboxStore(): MemoryOutboxStore {
  const tickets = new Map<string, StoredTicket>();
  const rows = new Map<string, Row>();
  let sequence = 0;

  const copy = ({ leaseUntil: _lease, ...delivery }: Row): Delivery => ({ ...delivery });
  const row = (id: string): Row => {
    const found = rows.get(id);
    if (!found) throw new Error(`no delivery ${id}`);
    return found;
  };

  return {
    add(ticket, forwarders, at = new Date()) {
      tickets.set(ticket.id, ticket);
      return forwarders.map((forwarder) => {
        sequence += 1;
        const delivery: Row = {
          id: `dlv_${String(sequence).padStart(6, '0')}_${ticket.id}_${forwarder}`,
          ticketId: ticket.id,
          forwarder,
          state: 'pending',
          attempts: 0,
          nextAttemptAt: at.toISOString(),
          leaseUntil: 0,
        };
        rows.set(delivery.id, delivery);
        return copy(delivery);
      });
    },
    delivery: (id) => {
      const found = rows.get(id);
      return found && copy(found);
    },
    deliveries: () => [...rows.values()].map(copy),

    async claimDueDeliveries(now, limit, leaseMs) {
      const at = now.getTime();
      const due = [...rows.values()]
        .filter((d) => d.state === 'pending' && Date.parse(d.nextAttemptAt) <= at && d.leaseUntil <= at)
        .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt))
        .slice(0, limit);
      for (const d of due) {
        d.leaseUntil = at + leaseMs;
        d.attempts += 1;
      }
      return due.map(copy);
    },
    async ticketById(id) {
      return tickets.get(id);
    },
    async markDelivered(deliveryId, at, externalId) {
      const d = row(deliveryId);
      d.state = 'delivered';
      d.deliveredAt = at.toISOString();
      if (externalId !== undefined) d.externalId = externalId;
      delete d.lastError;
      d.leaseUntil = 0;
    },
    async markFailed(deliveryId, error, nextAttemptAt) {
      const d = row(deliveryId);
      // A late answer from an attempt whose lease expired must not undo a later success.
      if (d.state !== 'pending') return;
      d.lastError = error;
      d.leaseUntil = 0;
      if (nextAttemptAt) d.nextAttemptAt = nextAttemptAt.toISOString();
      else d.state = 'failed';
    },
  };
}
