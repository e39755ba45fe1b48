/**
 * What the outbox worker needs from storage: the slice of `Store` it uses. The SQLite store implements
 * it (and a PostgreSQL store later); the behaviour described here is pinned by the store conformance
 * suite (`store/store-conformance.ts`), which every store must pass.
 */
import type { Delivery, StoredEvent, StoredTicket } from '../store/records.ts';

export interface OutboxStore {
  /**
   * Pending deliveries due at `now` (`nextAttemptAt <= now`), oldest first, at most `limit`, marked as
   * claimed so another worker (or this one's next run) skips them until `leaseMs` passes. Claiming
   * counts the attempt: the returned deliveries carry `attempts` including this one (1 on the first
   * try), so an attempt the process died in still counts. A claim that is never settled expires with
   * the lease and the delivery is attempted again with the same id: at least once, never lost.
   */
  claimDueDeliveries(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  ticketById(id: string): Promise<StoredTicket | undefined>;
  /** The history entry a delivery carries (`Delivery.eventId`), with its files. */
  ticketEvent(eventId: string): Promise<StoredEvent | undefined>;
  /** The helpdesk's id for the ticket: the latest a delivery to that forwarder returned. */
  externalIdFor(ticketId: string, forwarder: string): Promise<string | undefined>;
  /** State 'delivered', `deliveredAt = at`, the helpdesk's id if known; releases the claim. */
  markDelivered(deliveryId: string, at: Date, externalId?: string): Promise<void>;
  /**
   * Records the error and releases the claim. With a date: stays 'pending', due again at
   * `nextAttemptAt`. With null: gives up (state 'failed').
   */
  markFailed(deliveryId: string, error: string, nextAttemptAt: Date | null): Promise<void>;
}
