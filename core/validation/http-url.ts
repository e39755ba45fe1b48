/**
 * A link a customer's browser or an agent may follow: an absolute http(s) URL, nothing else. A
 * `javascript:` or `data:` URL in a ticket would run when an agent clicks it in the helpdesk, so the
 * contract refuses it, and the published JSON Schema says so with a pattern backends can check.
 */
import { z } from 'zod/mini';

/** An absolute http(s) URL of at most `max` characters. */
export function httpUrl(max?: number) {
  const url = z.url({ protocol: /^https?$/ });
  // JSON Schema patterns take no flags: the scheme is matched in either case, as URLs allow.
  return (max === undefined ? url : url.check(z.maxLength(max))).register(z.globalRegistry, { pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
}
