/**
 * What an uploaded file really is: sniffed from its first bytes (magic numbers), never taken from its
 * name or declared type. Text has no magic number, so it is accepted as text/plain only when it is
 * valid UTF-8 without control bytes and was declared and named as text: a PHP script renamed
 * `.png` is refused.
 */
import { fileTypeFromBuffer } from 'file-type';

const textExtensions = /\.(txt|log|text|csv)$/i;

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4))); // the cut may split a character
    return true;
  } catch {
    return false;
  }
}

export async function sniffType(head: Buffer, declaredName: string, declaredType: string): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  if (looksLikeText(head) && declaredType.startsWith('text/plain') && textExtensions.test(declaredName)) return 'text/plain';
  return undefined;
}

/** A file name safe to show and to store: no path, no control or shell-hostile characters, at most 120 characters. */
export function sanitizeFileName(name: string, fallback = 'attachment'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f<>:"|?*`$]/g, '')
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return fallback;
  if (clean.length <= 120) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, 120 - extension.length) + extension;
}
