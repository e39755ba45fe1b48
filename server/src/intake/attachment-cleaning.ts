/**
 * What happens to an upload once its type is sniffed, before the ticket is stored: photos lose their
 * EXIF (GPS position, device, owner), text files lose the secrets in them, and every file gets a name
 * that is safe and honest about its type. A ticket is read by many agents and kept for years; a
 * phone photo of a router tells them where the customer lives.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type Sharp from 'sharp';
import { attachmentName } from './attachment-type.ts';
import { IntakeError, type UploadedFile } from './multipart.ts';
import { redactTextFully } from './redact.ts';

/** Formats sharp re-encodes without their metadata; GIF keeps its frames. */
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif', 'image/heif']);

/**
 * sharp, loaded with the first image rather than at start: libvips adds about 11 MB to a server
 * that may never see one. Its cache is off (it keeps up to 50 MB of decoded images to speed up the
 * same operation on the same input, which never comes twice here) and each image is worked on by
 * one thread: concurrent uploads, not threads per image, keep the cores busy.
 */
let imageLibrary: Promise<typeof Sharp> | undefined;
const loadImageLibrary = () =>
  (imageLibrary ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  }));

/**
 * At most this many images are decoded at once, whatever the number of uploads in flight: a decoded
 * photo takes several times its file's size, and twenty arriving together must not take twenty times that.
 * One: the peak RSS of twenty 10 MB uploads was lower than with two (161-182 MB against 174-192),
 * for the same total time; the other cores keep serving everything else.
 */
const maxImagesAtOnce = 1;
let imagesInWork = 0;
const waitingForImage: (() => void)[] = [];
async function oneImageAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (imagesInWork >= maxImagesAtOnce) await new Promise<void>((resolve) => waitingForImage.push(resolve));
  else imagesInWork++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waitingForImage.shift();
    if (next) next();
    else imagesInWork--;
  }
}

/**
 * Re-encodes an image file in place without EXIF, XMP, IPTC or GPS, turned upright first (EXIF
 * orientation would otherwise be lost with the rest) and with its colour profile kept, since that
 * tells nothing about the customer. File to file: neither the upload nor the result is held in
 * JavaScript memory. Returns the new size.
 */
export async function withoutImageMetadata(file: string, type: string): Promise<number> {
  const sharp = await loadImageLibrary();
  const cleaned = `${file}.clean`;
  try {
    return await oneImageAtATime(async () => {
      // A bomb of a few KB that decodes to gigapixels is refused rather than decoded.
      const image = sharp(file, { animated: type === 'image/gif', limitInputPixels: 100_000_000 });
      const { size } = await (type === 'image/gif' ? image : image.rotate()).keepIccProfile().toFile(cleaned);
      await rename(cleaned, file);
      return size;
    });
  } finally {
    await rm(cleaned, { force: true });
  }
}

/**
 * A stored text file (`.txt`, `.log`) without the secrets found in it, rewritten in place; the
 * same two passes as the ticket's fields. Returns whether anything was removed.
 */
export async function redactTextFile(path: string, lang: string): Promise<boolean> {
  const text = await readFile(path, 'utf8');
  const result = await redactTextFully(text, lang);
  if (result.redacted) await writeFile(path, result.text, 'utf8');
  return result.redacted;
}

/**
 * Cleans the sniffed uploads in place: names (`declaredName`), image metadata and text secrets,
 * updating `size`. Call it once the types are checked and before the ticket is stored:
 * `const attachmentsRedacted = await cleanAttachments(files, ticket.lang);`. Returns whether a text
 * file had secrets removed (the ticket is then marked redacted). An image that does not decode is a
 * 422 on its field, like a wrong type.
 */
export async function cleanAttachments(files: UploadedFile[], lang: string): Promise<boolean> {
  let redacted = false;
  for (const [index, file] of files.entries()) {
    const type = file.declaredType;
    file.declaredName = attachmentName(file.declaredName, type, index);
    if (imageTypes.has(type)) {
      try {
        file.size = await withoutImageMetadata(file.path, type);
      } catch {
        throw new IntakeError(422, 'unreadable-image', `Attachment ${index + 1} is not a readable image.`, `attachments.${index}`);
      }
    } else if (type === 'text/plain') {
      if (await redactTextFile(file.path, lang)) {
        redacted = true;
        file.size = (await readFile(file.path)).length;
      }
    }
  }
  return redacted;
}
