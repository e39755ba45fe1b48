/**
 * Which files the operator's attachment policy accepts, and file sizes in words: pure, shared by
 * the widget (new tickets) and the KB's status page (replies), which must say the same thing about
 * the same file.
 */
import type { SupportConfig } from '../contract/support-config.ts';

/** The attachment policy from the support config. */
export type AttachmentPolicy = SupportConfig['attachments'];

/** Why a file was turned away: not an allowed type, over the per-file cap, one file too many, over the total cap. */
export const rejectionCodes = ['type', 'too-big', 'too-many', 'total-too-big'] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export interface RejectedFile {
  file: File;
  code: RejectionCode;
}

export interface FileCheck {
  /** Files to add, in the order given. A file without a type gets one from its extension (a new File). */
  accepted: File[];
  rejected: RejectedFile[];
}

/** MIME types guessed from the extension when the browser reports none (it often does for .log files). */
const typesByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
};

/** The file's MIME type without parameters, lowercased, or guessed from its extension; '' when unknown. */
export function effectiveType(file: Pick<File, 'name' | 'type'>): string {
  const reported = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (reported) return reported === 'image/jpg' ? 'image/jpeg' : reported;
  return typesByExtension[extensionOf(file.name)] ?? '';
}

/**
 * Splits `incoming` into files the policy accepts next to `existing` ones and files it rejects,
 * with one code each; never throws. Run `downscaleImage` first: a screenshot over the cap may fit
 * once downscaled.
 */
export function checkFiles(
  existing: readonly Pick<File, 'size'>[],
  incoming: readonly File[],
  policy: AttachmentPolicy,
): FileCheck {
  const allowed = new Set(policy.allowedTypes.map((t) => t.toLowerCase()));
  let count = existing.length;
  let total = existing.reduce((sum, f) => sum + f.size, 0);
  const accepted: File[] = [];
  const rejected: RejectedFile[] = [];
  for (const file of incoming) {
    const type = effectiveType(file);
    const code: RejectionCode | null = !allowed.has(type)
      ? 'type'
      : file.size > policy.maxFileBytes
        ? 'too-big'
        : count + 1 > policy.maxFiles
          ? 'too-many'
          : total + file.size > policy.maxTotalBytes
            ? 'total-too-big'
            : null;
    if (code) {
      rejected.push({ file, code });
      continue;
    }
    count += 1;
    total += file.size;
    // The ticket contract requires a type for every attachment; wrapping copies no bytes.
    accepted.push(file.type === type ? file : new File([file], file.name, { type, lastModified: file.lastModified }));
  }
  return { accepted, rejected };
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * "512 bytes", "1,5 MB", "10 MB" in the given locale. Steps of 1024, like the config's caps
 * (10 * 1024 * 1024 reads "10 MB"), with one decimal under 10.
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (unit < byteUnits.length - 1 && roundForDisplay(value) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit > 0 && value < 10 ? 1 : 0,
  }).format(value);
}

function roundForDisplay(value: number): number {
  return value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}
