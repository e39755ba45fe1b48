/**
 * What the customer typed before the form had loaded, kept across a reload of this tab: the draft
 * store arrives with the form, so a page left in that moment would otherwise lose it. Kept in
 * sessionStorage (this tab only), with what looks like a password, key, token or card cut out, as
 * the draft store does; the form's own draft takes over once it loads.
 */
import { findSecrets } from '../../../core/validation/secrets.ts';

type Typed = Record<string, string>;

const prefix = 'support-ticket:typed|';

/** `text` without the ranges that look like a secret. */
const withoutSecrets = (text: string): string => findSecrets(text).reduceRight((rest, r) => rest.slice(0, r.start) + rest.slice(r.end), text);

export function keepTyped(key: string, fields: Typed, storage: Storage | undefined = globalThis.sessionStorage): void {
  const kept = Object.fromEntries(Object.entries(fields).filter(([name, text]) => name !== 'website' && text).map(([name, text]) => [name, withoutSecrets(text)]));
  try {
    if (Object.keys(kept).length) storage?.setItem(prefix + key, JSON.stringify(kept));
  } catch {
    // Storage is a convenience (full, or refused in a private window): the page goes away either way.
  }
}

/** What `keepTyped` kept under `key`, once: it is removed as it is read. */
export function takeTyped(key: string, storage: Storage | undefined = globalThis.sessionStorage): Typed | undefined {
  try {
    const text = storage?.getItem(prefix + key);
    if (!text) return undefined;
    storage?.removeItem(prefix + key);
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object') return undefined;
    const typed = Object.entries(parsed).filter((entry): entry is [string, string] => (entry[0] === 'subject' || entry[0] === 'message') && typeof entry[1] === 'string');
    return typed.length ? Object.fromEntries(typed) : undefined;
  } catch {
    return undefined;
  }
}

/** The session has what was typed (and keeps its own draft): an older copy here must not come back over it. */
export function forgetTyped(key: string, storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.removeItem(prefix + key);
  } catch {
    // Nothing was kept, then.
  }
}
