/**
 * Removes secrets from a ticket before it is stored, even when a client skipped the widget's check:
 * tickets are read by many people and kept for a long time.
 */
import type { Ticket } from '../../../core/contract/ticket.ts';
import { findSecrets } from '../../../core/validation/secrets.ts';

const marker: Record<string, string> = { 'pt-BR': '[removido pelo suporte]', it: '[rimosso dal supporto]', en: '[removed by support]' };

export function redactText(text: string, lang: string): { text: string; redacted: boolean } {
  const ranges = findSecrets(text);
  if (!ranges.length) return { text, redacted: false };
  let out = '';
  let last = 0;
  for (const r of ranges) {
    out += text.slice(last, r.start) + (marker[lang] ?? marker.en);
    last = r.end;
  }
  return { text: out + text.slice(last), redacted: true };
}

const textFields = ['subject', 'message', 'errorMessage', 'service', 'panelUser'] as const;

export function redactTicket(ticket: Ticket): { ticket: Ticket; redacted: boolean } {
  const copy: Ticket = structuredClone(ticket);
  let redacted = false;
  for (const field of textFields) {
    const value = copy[field];
    if (typeof value !== 'string') continue;
    const result = redactText(value, copy.lang);
    copy[field] = result.text;
    redacted ||= result.redacted;
  }
  if (copy.high) {
    const result = redactText(copy.high.reason, copy.lang);
    copy.high.reason = result.text;
    redacted ||= result.redacted;
  }
  return { ticket: copy, redacted };
}
