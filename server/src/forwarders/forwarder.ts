/**
 * A forwarder hands a stored ticket to a helpdesk the company already runs. Called by the outbox
 * worker, at least once per ticket: implementations make delivery idempotent on the receiving side
 * where the helpdesk's API allows it (the delivery id is stable across retries).
 */
import type { StoredTicket } from '../store/records.ts';

export interface DeliveryContext {
  /** Stable across retries of the same delivery: use it as the idempotency key / webhook-id. */
  deliveryId: string;
  /** Reads a stored attachment's bytes. */
  readAttachment(path: string): Promise<Uint8Array>;
  /** HTTP client; tests pass MSW-intercepted fetch (the global one by default). */
  fetch: typeof fetch;
  signal?: AbortSignal;
}

export type DeliveryResult =
  | { ok: true; externalId?: string }
  /**
   * `retryable: false` for answers that will never succeed (bad credentials, 4xx other than 408/409/429).
   * `retryAfterMs`: the helpdesk asked to wait at least this long (a `Retry-After` header).
   */
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export interface Forwarder {
  /** Stable name stored with each delivery: 'webhook', 'whmcs', 'zendesk', 'freshdesk'. */
  readonly name: string;
  /** Whether this forwarder e-mails the customer itself (then the server sends no confirmation). */
  readonly sendsOwnConfirmation: boolean;
  /** How long one delivery (all its requests) may take before the worker gives up on it and retries later; the worker's default otherwise. */
  readonly timeoutMs?: number;
  deliver(ticket: StoredTicket, context: DeliveryContext): Promise<DeliveryResult>;
}
