/** A realistic stored ticket and its files, shared by the forwarder and outbox tests. */
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { StoredAttachment, StoredTicket } from '../store/records.ts';
import type { OutgoingReply } from './forwarder.ts';

/** A real 1×1 PNG. */
export const pngBytes = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
);

/** A minimal PDF. */
export const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const files: Record<string, Uint8Array> = {
  '/srv/support-kit/data/attachments/6f1c-falha.png': pngBytes,
  '/srv/support-kit/data/attachments/6f1c-fatura.pdf': pdfBytes,
};

export const storedAttachments: StoredAttachment[] = [
  { id: 'att_1', ticketId: 'tkt_6f1c', name: 'falha-entrega-550.png', type: 'image/png', size: pngBytes.length, path: '/srv/support-kit/data/attachments/6f1c-falha.png' },
  { id: 'att_2', ticketId: 'tkt_6f1c', name: 'fatura novembro.pdf', type: 'application/pdf', size: pdfBytes.length, path: '/srv/support-kit/data/attachments/6f1c-fatura.pdf' },
];

/** The example ticket as the server stores it, with two attachments and a verified WHMCS client. */
export function storedTicket(overrides: Partial<StoredTicket> = {}): StoredTicket {
  return {
    id: 'tkt_6f1c',
    number: 'BR-000123',
    status: 'open',
    createdAt: '2026-11-23T12:41:09.000Z',
    expectedReplyBy: '2026-11-23T14:41:09.000Z',
    ticket: { ...exampleTicket, customer: { ...exampleTicket.customer, token: 'eyJhbGciOi.signed.customer-token' } },
    redacted: false,
    verifiedCustomerId: '42',
    attachments: storedAttachments,
    ...overrides,
  };
}

/** Reads the fixture files by path, counting reads. */
export function fixtureFiles() {
  const reads: string[] = [];
  return {
    reads,
    async readAttachment(path: string): Promise<Uint8Array> {
      reads.push(path);
      const bytes = files[path];
      if (!bytes) throw new Error(`no fixture file at ${path}`);
      return bytes;
    },
  };
}

/** A customer's reply to the stored ticket, with the screenshot support asked for. */
export function customerReply(overrides: Partial<OutgoingReply> = {}): OutgoingReply {
  return { id: 'rpl_1', at: '2026-11-23T15:02:00.000Z', message: 'Segue o print do erro depois da mudança.', attachments: [storedAttachments[0]!], author: 'customer', ...overrides };
}
