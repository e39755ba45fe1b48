/**
 * What happens to an upload once its type is sniffed, before the ticket is stored: photos lose their
 * EXIF (GPS position, device, owner), text files lose the secrets in them, and every file gets a name
 * that is safe and honest about its type. A ticket is read by many agents and kept for years; a
 * phone photo of a router tells them where the customer lives.
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { attachmentName } from './attachment-type.ts';
import { IntakeError, type UploadedFile } from './multipart.ts';
import { redactTextFully } from './redact.ts';

/** Formats sharp re-encodes without their metadata; GIF keeps its frames. */
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif', 'image/heif']);

/**
 * Re-encodes an image without EXIF, XMP, IPTC or GPS, turned upright first (EXIF orientation would
 * otherwise be lost with the rest) and with its colour profile kept, since that tells nothing about
 * the customer. Returns the new bytes.
 */
export async function withoutImageMetadata(bytes: Buffer, type: string): Promise<Buffer> {
  // A bomb of a few KB that decodes to gigapixels is refused rather than decoded.
  const image = sharp(bytes, { animated: type === 'image/gif', limitInputPixels: 100_000_000 });
  return (type === 'image/gif' ? image : image.rotate()).keepIccProfile().toBuffer();
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
      let clean: Buffer;
      try {
        clean = await withoutImageMetadata(await readFile(file.path), type);
      } catch {
        throw new IntakeError(422, 'unreadable-image', `Attachment ${index + 1} is not a readable image.`, `attachments.${index}`);
      }
      await writeFile(file.path, clean);
      file.size = clean.length;
    } else if (type === 'text/plain') {
      if (await redactTextFile(file.path, lang)) {
        redacted = true;
        file.size = (await readFile(file.path)).length;
      }
    }
  }
  return redacted;
}
