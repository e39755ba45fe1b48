/**
 * Attachments: which files the operator's policy accepts, how big they are in words, and the
 * browser work that keeps screenshots small (downscaling, clipboard paste, thumbnails).
 * `checkFiles` and `formatBytes` are pure; the rest needs a browser.
 */
import { effectiveType } from '../../../core/validation/attachments.ts';

// The policy checks are shared with the KB's status page through core.
export { checkFiles, effectiveType, formatBytes, rejectionCodes } from '../../../core/validation/attachments.ts';
export type { AttachmentPolicy, FileCheck, RejectedFile, RejectionCode } from '../../../core/validation/attachments.ts';

export interface DownscaleOptions {
  /** Longest side, in pixels, after downscaling. */
  maxDimension?: number;
  /** Lossy encoding quality, 0 to 1. */
  quality?: number;
  /** Files up to this size are left alone unless a side exceeds `maxDimension`. */
  minBytes?: number;
  /** Types the result may have, usually the policy's `allowedTypes`; a type not listed is never produced. */
  allowedTypes?: readonly string[];
}

const downscalableTypes = new Set(['image/png', 'image/jpeg', 'image/webp']);
const extensionsByType: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/**
 * Makes a large PNG, JPEG or WebP smaller before upload: sides down to `maxDimension`, re-encoded as
 * WebP (or JPEG where the browser cannot encode WebP), or as PNG when the original was a PNG and
 * that is smaller. Returns the original file when it is small already or nothing smaller comes out.
 */
export async function downscaleImage(file: File, options: DownscaleOptions = {}): Promise<File> {
  const { maxDimension = 2000, quality = 0.85, minBytes = 1024 * 1024, allowedTypes } = options;
  const type = effectiveType(file);
  // GIFs may be animated, and other types are not images we can redraw.
  if (!downscalableTypes.has(type)) return file;
  let bitmap: ImageBitmap;
  try {
    // Photos from phones are often rotated by EXIF only; the re-encoded file has no EXIF left.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, maxDimension / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= minBytes) return file;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const may = (t: string) => !allowedTypes || allowedTypes.includes(t);

    const canvas = newCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);

    const candidates: Blob[] = [];
    const webp = may('image/webp') ? await encode(canvas, 'image/webp', quality) : null;
    if (webp) candidates.push(webp);
    else if (may('image/jpeg')) {
      const jpeg = await encodeJpeg(canvas, width, height, quality);
      if (jpeg) candidates.push(jpeg);
    }
    if (type === 'image/png' && may('image/png')) {
      const png = await encode(canvas, 'image/png');
      if (png) candidates.push(png);
    }
    releaseCanvas(canvas);

    const best = candidates.reduce<Blob | null>((a, b) => (a && a.size <= b.size ? a : b), null);
    if (!best || best.size >= file.size) return file;
    return new File([best], renameForType(file.name, best.type), { type: best.type, lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

function newCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function releaseCanvas(canvas: AnyCanvas): void {
  // Frees the pixel buffer now instead of at garbage collection.
  canvas.width = 0;
  canvas.height = 0;
}

/** Encodes the canvas, or null when the browser cannot produce `type` (it silently falls back to PNG). */
async function encode(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob | null> {
  try {
    const blob =
      'convertToBlob' in canvas
        ? await canvas.convertToBlob({ type, quality })
        : await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
    return blob?.type === type ? blob : null;
  } catch {
    return null;
  }
}

/** JPEG has no transparency: transparent pixels (window shadows in screenshots) become white, not black. */
async function encodeJpeg(source: AnyCanvas, width: number, height: number, quality: number): Promise<Blob | null> {
  const canvas = newCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(source, 0, 0);
  const blob = await encode(canvas, 'image/jpeg', quality);
  releaseCanvas(canvas);
  return blob;
}

/** "screen.png" -> "screen.webp"; a name without extension gets one. */
export function renameForType(name: string, type: string): string {
  const extension = extensionsByType[type];
  if (!extension) return name;
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return `${base || 'image'}.${extension}`;
}

export interface ClipboardOptions {
  /** When the files were pasted; names them. */
  now?: Date;
  /**
   * Also take images that come with formatted text. Off by default: Word and Excel put a picture of
   * the copied text next to it (plain text + HTML + image), and a customer pasting an error message
   * wants the text. A screenshot tool, "Copy image" or a file copied in the file manager carry at
   * most one of the two text types.
   */
  includeWithText?: boolean;
}

/** Images pasted from the clipboard, named like `screenshot-2026-11-23-1410.png`; [] when there are none. */
export function fileFromClipboard(event: ClipboardEvent, options: ClipboardOptions = {}): File[] {
  const data = event.clipboardData;
  if (!data) return [];
  if (!options.includeWithText && data.types.includes('text/plain') && data.types.includes('text/html')) return [];
  const images = [...data.items]
    .filter((item) => item.kind === 'file' && item.type.startsWith('image/'))
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
  const stamp = screenshotStamp(options.now ?? new Date());
  return images.map((file, index) => {
    const type = effectiveType(file) || 'image/png';
    const name = `screenshot-${stamp}${index > 0 ? `-${index + 1}` : ''}.${extensionsByType[type] ?? 'png'}`;
    return new File([file], name, { type, lastModified: file.lastModified });
  });
}

/** "2026-11-23-1410", in the customer's local time. */
function screenshotStamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
}

/** An object URL to show an image's thumbnail, or null for files that are not images. The caller revokes it. */
export function thumbnailUrl(file: File): string | null {
  return effectiveType(file).startsWith('image/') ? URL.createObjectURL(file) : null;
}
