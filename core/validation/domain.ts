/**
 * Validates the domain or IP address a customer types, accepting international names ("pão.com.br")
 * and pasted URLs, and gives the ASCII (punycode) form that DNS, panels and support tools use.
 */
import { limits } from '../contract/limits.ts';

export type DomainCode =
  | 'required'
  | 'spaces'
  | 'underscore'
  | 'single-label'
  | 'empty-label'
  | 'invalid-character'
  | 'label-too-long'
  | 'too-long'
  | 'numeric-tld'
  | 'invalid-ip'
  | 'invalid';

export type DomainResult =
  | {
      ok: true;
      kind: 'domain' | 'ipv4' | 'ipv6';
      /** The host as the customer wrote it, taken out of a URL if one was pasted. */
      host: string;
      /** Lowercase ASCII form: punycode labels, canonical IP. */
      ascii: string;
      /** The customer pasted a URL rather than a bare host. */
      fromUrl: boolean;
    }
  | { ok: false; code: DomainCode; params?: { label?: string; length?: number; max?: number } };

const maxLabel = limits.domain.label;
const maxTotal = limits.domain.max;

/** The host part of a pasted URL ("https://user@www.x.com:8080/a?b" -> "www.x.com"), or the input itself. */
function extractHost(input: string): { host: string; fromUrl: boolean } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input);
  if (!scheme && !/[/?#@]/.test(input)) return { host: input, fromUrl: false };
  let rest = input.slice(scheme ? scheme[0].length : 0);
  rest = rest.split(/[/?#]/, 1)[0] ?? '';
  rest = rest.slice(rest.lastIndexOf('@') + 1);
  // Drop a port, but not the colons of a bare IPv6 address.
  const host = rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.replace(/:\d*$/, '');
  return { host, fromUrl: true };
}

function asciiHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

export function validateDomain(input: string): DomainResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, code: 'required' };
  if (/\s/.test(trimmed)) return { ok: false, code: 'spaces' };
  const { host, fromUrl } = extractHost(trimmed);

  if (host.includes(':')) {
    const bare = host.replace(/^\[|\]$/g, '');
    const ascii = asciiHost(`[${bare}]`);
    return ascii ? { ok: true, kind: 'ipv6', host, ascii: ascii.slice(1, -1), fromUrl } : { ok: false, code: 'invalid-ip' };
  }
  if (/^[\d.]+$/.test(host)) {
    const parts = host.split('.');
    // Written out by hand: the URL parser would read "010" as octal.
    const valid = parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
    return valid
      ? { ok: true, kind: 'ipv4', host, ascii: parts.map(Number).join('.'), fromUrl }
      : { ok: false, code: 'invalid-ip' };
  }

  if (host.includes('_')) return { ok: false, code: 'underscore' };
  const name = host.replace(/\.$/, '');
  const labels = name.split('.');
  if (labels.length < 2) return { ok: false, code: 'single-label' };
  if (labels.some((l) => l === '')) return { ok: false, code: 'empty-label' };
  // Checked before the URL parser, which would try to read "example.123" as an IPv4 address and fail.
  if (/^\d+$/.test(labels.at(-1) ?? '')) return { ok: false, code: 'numeric-tld' };

  const ascii = asciiHost(name);
  if (!ascii) return { ok: false, code: 'invalid-character' };
  const asciiLabels = ascii.split('.');
  // The URL parser lets through characters DNS does not (e.g. "!"), so check letters, digits and hyphens.
  if (asciiLabels.some((l) => !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(l))) return { ok: false, code: 'invalid-character' };
  const long = asciiLabels.find((l) => l.length > maxLabel);
  if (long) return { ok: false, code: 'label-too-long', params: { label: long, length: long.length, max: maxLabel } };
  if (ascii.length > maxTotal) return { ok: false, code: 'too-long', params: { length: ascii.length, max: maxTotal } };
  return { ok: true, kind: 'domain', host, ascii, fromUrl };
}
