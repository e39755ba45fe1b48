import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanAttachments } from './attachment-cleaning.ts';
import { IntakeError, type UploadedFile } from './multipart.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An upload as the multipart parser leaves it, with its type already sniffed. */
async function upload(name: string, type: string, bytes: Buffer | string): Promise<UploadedFile> {
  const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-clean-'));
  dirs.push(dir);
  const file = path.join(dir, 'upload');
  await writeFile(file, bytes);
  const size = (await stat(file)).size;
  return { id: 'f1', path: file, declaredName: name, declaredType: type, size, sha256: '', head: Buffer.alloc(0) };
}

/** A phone photo: 4×2 pixels stored sideways (EXIF orientation 6), with the place it was taken. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 2, channels: 3, background: '#c03' } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '23/1 33/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '46/1 38/1 0/1' } })
    .jpeg()
    .toBuffer();
}

describe('cleaning uploads before they are stored', () => {
  it('strips the location and camera from a photo and keeps it upright', async () => {
    const photo = await phonePhoto();
    expect((await sharp(photo).metadata()).exif?.includes('PhoneMaker')).toBe(true);
    const file = await upload('IMG_2041.jpg', 'image/jpeg', photo);

    await cleanAttachments([file], 'pt-BR');

    const stored = await readFile(file.path);
    const metadata = await sharp(stored).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(stored.includes('PhoneMaker')).toBe(false);
    // Turned as the camera meant it, so dropping the orientation tag does not leave it sideways.
    expect([metadata.width, metadata.height, metadata.orientation]).toEqual([2, 4, undefined]);
    expect(file.size).toBe(stored.length);
  });

  it('removes secrets from a text log in place and says so', async () => {
    const log = '[error] SMTP auth failed\nDB_PASSWORD=Segreto2025\nuser=admin\n';
    const file = await upload('laravel.log', 'text/plain', log);

    expect(await cleanAttachments([file], 'it')).toBe(true);

    const stored = await readFile(file.path, 'utf8');
    expect(stored).toBe('[error] SMTP auth failed\nDB_PASSWORD=[rimosso automaticamente]\nuser=admin\n');
    expect(file.size).toBe(Buffer.byteLength(stored));
  });

  it('leaves a harmless text file byte for byte as it was', async () => {
    const log = '550 5.1.1 <vendas@loja.com.br>: Recipient address rejected\n';
    const file = await upload('bounce.txt', 'text/plain', log);
    expect(await cleanAttachments([file], 'pt-BR')).toBe(false);
    expect(await readFile(file.path, 'utf8')).toBe(log);
  });

  it('names files honestly: one extension from the sniffed type, a generated name when there was none', async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
    const files = [await upload('shell.png.php', 'image/png', png), await upload('', 'image/png', png)];
    await cleanAttachments(files, 'en');
    expect(files.map((f) => f.declaredName)).toEqual(['shell.png', 'attachment-2.png']);
  });

  it('refuses an image that does not decode, naming the attachment', async () => {
    const file = await upload('foto.png', 'image/png', Buffer.from('\x89PNG\r\n\x1a\nnot really a png'));
    const error = await cleanAttachments([file], 'en').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntakeError);
    expect(error).toMatchObject({ status: 422, code: 'unreadable-image', path: 'attachments.0' });
  });
});
