import { expect } from '@open-wc/testing';
import { checkFiles, downscaleImage, fileFromClipboard, thumbnailUrl, type AttachmentPolicy } from './attachments.ts';

// Mocha's globals, provided by @web/test-runner (the project has no @types/mocha).
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: () => Promise<void> | void): void;

/** A screenshot-like PNG: flat panels and text, plus a noisy photo area that makes it heavy. */
async function screenshotPng(width: number, height: number, name = 'screenshot.png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#f4f5f7';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#1f6feb';
  context.fillRect(0, 0, width, 64);
  context.fillStyle = '#222';
  context.font = '28px sans-serif';
  for (let y = 120; y < height; y += 48) context.fillText('Erro 550: mailbox unavailable for contato@loja.com.br', 40, y);
  const photo = context.createImageData(Math.floor(width / 2), Math.floor(height / 2));
  for (let i = 0; i < photo.data.length; i += 4) {
    const shade = ((i / 4) % photo.width) / 4 + Math.random() * 40;
    photo.data.set([shade, 120 + Math.random() * 30, 200 - shade / 2, 255], i);
  }
  context.putImageData(photo, Math.floor(width / 2), Math.floor(height / 2));
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new File([blob], name, { type: 'image/png' });
}

async function sizeOf(file: File): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(file);
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

describe('downscaleImage', () => {
  it('shrinks a big screenshot to at most 2000 px and fewer bytes, keeping its name', async () => {
    const original = await screenshotPng(3200, 1800);
    expect(original.size).to.be.greaterThan(1024 * 1024);

    const result = await downscaleImage(original, { maxDimension: 2000, quality: 0.85 });
    const { width, height } = await sizeOf(result);
    expect(Math.max(width, height)).to.equal(2000);
    expect(width / height).to.be.closeTo(3200 / 1800, 0.01);
    expect(result.size).to.be.lessThan(original.size);
    expect(result.type).to.equal('image/webp');
    expect(result.name).to.equal('screenshot.webp');
  });

  it('only produces types the policy allows', async () => {
    const original = await screenshotPng(2400, 1500, 'painel');
    const result = await downscaleImage(original, { allowedTypes: ['image/png', 'image/jpeg'] });
    expect(['image/png', 'image/jpeg']).to.include(result.type);
    expect(result.name).to.equal(result.type === 'image/png' ? 'painel.png' : 'painel.jpg');
    expect(Math.max(...Object.values(await sizeOf(result)))).to.equal(2000);
    expect(result.size).to.be.lessThan(original.size);
  });

  it('returns a small screenshot untouched', async () => {
    const small = await screenshotPng(640, 400);
    expect(await downscaleImage(small)).to.equal(small);
  });

  it('returns files it cannot redraw untouched', async () => {
    const pdf = new File(['%PDF-1.7'], 'fatura.pdf', { type: 'application/pdf' });
    const broken = new File([new Uint8Array(2 * 1024 * 1024)], 'broken.png', { type: 'image/png' });
    expect(await downscaleImage(pdf)).to.equal(pdf);
    expect(await downscaleImage(broken)).to.equal(broken);
  });
});

describe('fileFromClipboard', () => {
  const paste = (fill: (data: DataTransfer) => void) => {
    const data = new DataTransfer();
    fill(data);
    return new ClipboardEvent('paste', { clipboardData: data });
  };
  const now = new Date(2026, 10, 23, 14, 10);

  it('names pasted screenshots after the moment they were pasted', async () => {
    const image = await screenshotPng(200, 100, 'image.png');
    const event = paste((data) => {
      data.items.add(image);
      data.items.add(image);
    });
    const files = fileFromClipboard(event, { now });
    expect(files.map((f) => [f.name, f.type])).to.deep.equal([
      ['screenshot-2026-11-23-1410.png', 'image/png'],
      ['screenshot-2026-11-23-1410-2.png', 'image/png'],
    ]);
    expect(files[0]?.size).to.equal(image.size);
  });

  it('leaves text pasted from an office program as text, without its picture', async () => {
    const event = paste((data) => {
      data.setData('text/plain', 'Erro 550');
      data.setData('text/html', '<p>Erro 550</p>');
      data.items.add(new File(['x'], 'image.png', { type: 'image/png' }));
    });
    expect(fileFromClipboard(event, { now })).to.deep.equal([]);
    expect(fileFromClipboard(event, { now, includeWithText: true })).to.have.length(1);
  });

  it('finds nothing in plain text', () => {
    expect(fileFromClipboard(paste((data) => data.setData('text/plain', 'senha: 123')))).to.deep.equal([]);
  });
});

describe('thumbnailUrl', () => {
  it('gives an object URL for images and nothing for other files', async () => {
    const image = await screenshotPng(20, 10);
    const url = thumbnailUrl(image);
    expect(url).to.match(/^blob:/);
    expect((await (await fetch(url!)).blob()).size).to.equal(image.size);
    URL.revokeObjectURL(url!);
    expect(thumbnailUrl(new File(['%PDF'], 'fatura.pdf', { type: 'application/pdf' }))).to.equal(null);
  });
});

describe('checkFiles in the browser', () => {
  const policy: AttachmentPolicy = { allowedTypes: ['image/png', 'application/pdf'], maxFiles: 2, maxFileBytes: 1000, maxTotalBytes: 1500 };

  it('accepts what fits and names the reason for each file it turns away', async () => {
    const png = await screenshotPng(10, 10, 'a.png');
    const big = new File([new Uint8Array(1001)], 'big.pdf', { type: 'application/pdf' });
    const zip = new File(['PK'], 'site.zip', { type: 'application/zip' });
    const third = new File(['%PDF'], 'c.pdf', { type: 'application/pdf' });
    const { accepted, rejected } = checkFiles([new File([new Uint8Array(900)], 'old.pdf')], [zip, big, png, third], policy);
    expect(accepted).to.deep.equal([png]);
    expect(rejected.map((r) => [r.file.name, r.code])).to.deep.equal([
      ['site.zip', 'type'],
      ['big.pdf', 'too-big'],
      ['c.pdf', 'too-many'],
    ]);
  });
});
