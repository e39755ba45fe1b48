/**
 * What an uploaded file really is: sniffed from its first bytes (magic numbers), never taken from its
 * name or declared type. Text has no magic number, so it is accepted as text/plain only when it is
 * valid UTF-8 without control bytes and was declared and named as text: a PHP script renamed
 * `.png` is refused.
 */
import filenamify from 'filenamify';

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
  // Loaded with the first upload: a server that takes only JSON tickets never needs it.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  if (looksLikeText(head) && declaredType.startsWith('text/plain') && textExtensions.test(declaredName)) return 'text/plain';
  return undefined;
}

/** Characters that change how a name reads without being seen: bidi controls (U+202E turns "gnp.exe" into "exe.png") and zero-width ones. */
const invisible = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The extensions each accepted type may be shown with; the first is the one given when none fits. */
const extensionsByType: Record<string, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log', 'text', 'csv'],
};

/**
 * Extensions that say what a file is, which a name may carry only once and only when true: scripts
 * and executables a server or desktop would run ("shell.png.php", "fatura.pdf.exe"), and the types
 * we accept ("foto.png.jpg"). Other dotted words ("v2", "final", "10.30.15") are part of the name.
 */
const typeExtensions = new Set([
  ...Object.values(extensionsByType).flat(),
  ...'php php3 php4 php5 php7 phtml phar pht inc cgi pl py rb sh bash zsh asp aspx jsp jspx exe com scr bat cmd ps1 psm1 vbs vbe js mjs cjs jse wsf hta msi dll jar html htm xhtml shtml svg svgz xml swf lnk reg tif tiff bmp heic avif zip rar 7z gz tgz docm xlsm'.split(' '),
]);

const maxNameLength = 120;

/** A file name safe to show and to store: no path, no control, shell-hostile or invisible characters, no leading dot, at most 120 characters. */
export function sanitizeFileName(name: string, fallback = 'attachment'): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(invisible, '').replace(/\s+/g, ' ').trim();
  // filenamify replaces what Windows, macOS and Linux refuse (and CON, NUL…) and cuts without splitting a character.
  const clean = filenamify(base, { replacement: '_', maxLength: maxNameLength })
    .replace(/[`$]/g, '_') // shell-hostile, though allowed in file names
    .replace(/^[.\s]+/, '');
  return clean && clean !== '_' ? clean : fallback;
}

/**
 * The name an attachment is stored and forwarded under: sanitized, with exactly one extension and
 * the one its sniffed type has ("shell.png.php" sniffed as PNG becomes "shell.png"), and never
 * empty: a file sent without a name is kept as "attachment-2.png", not dropped.
 */
export function attachmentName(declaredName: string, sniffedType: string, index: number): string {
  const allowed = extensionsByType[sniffedType] ?? [];
  // Split before sanitizing, which drops a leading dot: ".png" is an extension without a name.
  const parts = (declaredName.split(/[\\/]/).pop() ?? '').replace(invisible, '').trim().split('.');
  const last = parts.length > 1 ? (parts.at(-1) ?? '').toLowerCase() : '';
  const extension = allowed.includes(last) ? last : (allowed[0] ?? '');
  while (parts.length > 1 && typeExtensions.has((parts.at(-1) ?? '').toLowerCase().trim())) parts.pop();
  const stem = sanitizeFileName(parts.join('.'), '').replace(/[.\s]+$/, '') || `attachment-${index + 1}`;
  const suffix = extension ? `.${extension}` : '';
  // sanitizeFileName cuts a long stem and keeps the extension.
  return sanitizeFileName(`${stem}${suffix}`, `attachment-${index + 1}${suffix}`);
}
