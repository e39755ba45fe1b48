import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import type { StoredTicket } from '../store/records.ts';
import { composeConfirmation } from './confirmation.ts';
import { loadSupportConfig } from '../../../core/node/load-support-config.ts';
import { smtpFromEnv } from './smtp.ts';

interface Received {
  mailFrom: string | undefined;
  rcptTo: string[];
  raw: string;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A real SMTP server on a random loopback port that keeps every message it accepts. */
async function localSmtpServer(options: SMTPServerOptions = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received };
}

const ticket: StoredTicket = {
  id: 'tkt_01JDQ8Z6W0',
  number: 'BR-000123',
  status: 'open',
  createdAt: '2026-11-23T12:41:30.000Z',
  expectedReplyBy: '2026-11-23T12:41:30.000Z',
  // Accents in the subject and the name, so both headers travel encoded.
  ticket: {
    ...exampleTicket,
    subject: 'E-mails não chegam em vendas@padariapaodequeijo.com.br: erro 550',
    customer: { name: 'Mariana Conceição', email: 'mariana@padariapaodequeijo.com.br' },
  },
  redacted: false,
  attachments: [],
};
const statusUrl = 'https://ajuda.nuvolo.example/pt-br/ticket/#BR-000123.s3cr3t-t0k3n';
const from = 'Nuvolo Hosting <suporte@nuvolo.example>';

function confirmationOf(stored: StoredTicket) {
  return {
    to: { name: stored.ticket.customer.name, address: stored.ticket.customer.email },
    ...composeConfirmation(stored, { statusUrl, company: { name: 'Nuvolo Hosting' }, market: loadSupportConfig('content').markets.br }),
    messageKey: `confirmation.${stored.id}`,
  };
}

describe('smtpFromEnv sending through a real SMTP server', () => {
  it('delivers one confirmation to the customer with the decoded subject, the link and the headers', async () => {
    const { port, received } = await localSmtpServer();
    const mailer = smtpFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: from });

    await mailer!.send(confirmationOf(ticket));

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.mailFrom).toBe('suporte@nuvolo.example');
    expect(message!.rcptTo).toEqual(['mariana@padariapaodequeijo.com.br']);

    const { headers, body } = parseMessage(message!.raw);
    expect(headers.get('subject')).toMatch(/^=\?UTF-8\?/i);
    expect(decodeWords(headers.get('subject')!)).toBe('[BR-000123] Recebemos seu ticket: E-mails não chegam em vendas@padariapaodequeijo.com.br: erro 550');
    expect(decodeWords(headers.get('from')!)).toBe(from);
    expect(decodeWords(headers.get('to')!)).toBe('Mariana Conceição <mariana@padariapaodequeijo.com.br>');
    expect(headers.get('message-id')).toBe('<confirmation.tkt_01JDQ8Z6W0@nuvolo.example>');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('x-auto-response-suppress')).toBe('OOF, AutoReply');
    expect(headers.has('reply-to')).toBe(false);
    expect(headers.has('list-unsubscribe')).toBe(false);
    expect(headers.get('content-type')).toMatch(/^multipart\/alternative/);

    const parts = partsOf(headers.get('content-type')!, body);
    expect(parts.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(parts[0]!.content).toContain('Olá, Mariana Conceição,');
    expect(parts[0]!.content).toContain(`Acompanhe seu ticket: ${statusUrl}`);
    expect(parts[1]!.content).toContain('<html lang="pt-BR">');
    expect(parts[1]!.content).toContain(`<a href="${statusUrl}"`);
  });

  it('keeps the same Message-ID when the outbox sends the confirmation again', async () => {
    const { port, received } = await localSmtpServer();
    const mailer = smtpFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: from })!;

    await mailer.send(confirmationOf(ticket));
    await mailer.send(confirmationOf(ticket));

    const ids = received.map((message) => parseMessage(message.raw).headers.get('message-id'));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('logs in with the percent-encoded user and password of SMTP_URL and sets Reply-To', async () => {
    const logins: { username: unknown; password: unknown }[] = [];
    const { port, received } = await localSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username, password: auth.password });
        if (auth.username === 'suporte@nuvolo.example' && auth.password === 'p@ss:w/rd') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
    });
    const mailer = smtpFromEnv({
      SMTP_URL: `smtp://suporte%40nuvolo.example:p%40ss%3Aw%2Frd@127.0.0.1:${port}`,
      SMTP_FROM: from,
      SMTP_REPLY_TO: 'Central de Suporte <tickets@nuvolo.example>',
    })!;

    await mailer.send(confirmationOf(ticket));

    expect(logins).toEqual([{ username: 'suporte@nuvolo.example', password: 'p@ss:w/rd' }]);
    expect(received).toHaveLength(1);
    expect(parseMessage(received[0]!.raw).headers.get('reply-to')).toBe('Central de Suporte <tickets@nuvolo.example>');
  });

  it('rejects when the SMTP server cannot be reached, so the caller can retry', async () => {
    const { port } = await localSmtpServer();
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const mailer = smtpFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: from })!;

    await expect(mailer.send(confirmationOf(ticket))).rejects.toThrow();
  });

  it('rejects when the SMTP server refuses the recipient', async () => {
    const { port, received } = await localSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const mailer = smtpFromEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: from })!;

    await expect(mailer.send(confirmationOf(ticket))).rejects.toThrow(/Mailbox unavailable/);
    expect(received).toHaveLength(0);
  });
});

describe('smtpFromEnv settings', () => {
  it('sends no e-mail without SMTP_URL', () => {
    expect(smtpFromEnv({})).toBeNull();
    expect(smtpFromEnv({ SMTP_URL: '', SMTP_FROM: from })).toBeNull();
    expect(smtpFromEnv({ SMTP_URL: '   ' })).toBeNull();
  });

  it('accepts smtp and smtps URLs and a bare sender address', () => {
    expect(smtpFromEnv({ SMTP_URL: 'smtp://user:pass@mail.nuvolo.example:587', SMTP_FROM: from })).not.toBeNull();
    expect(smtpFromEnv({ SMTP_URL: 'smtps://mail.nuvolo.example', SMTP_FROM: 'suporte@nuvolo.example' })).not.toBeNull();
  });

  it('names SMTP_FROM when SMTP_URL is set without it', () => {
    expect(() => smtpFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow(
      'SMTP_FROM (required when SMTP_URL is set): expected a sender like "Nuvolo Hosting <suporte@nuvolo.example>", found nothing',
    );
  });

  it('names SMTP_FROM when it is not one valid address', () => {
    expect(() => smtpFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'Nuvolo Hosting' })).toThrow(
      /^SMTP_FROM: expected a sender .* found "Nuvolo Hosting"$/,
    );
    expect(() => smtpFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'a@nuvolo.example, b@nuvolo.example' })).toThrow(/^SMTP_FROM:/);
  });

  it('names SMTP_URL when it is not an smtp(s) URL, without showing the credentials', () => {
    const attempt = () => smtpFromEnv({ SMTP_URL: 'https://user:hunter2@mail.nuvolo.example', SMTP_FROM: from });
    expect(attempt).toThrow(/^SMTP_URL: expected a URL like "smtp:\/\/user:pass@mail\.example\.com:587"/);
    expect(attempt).toThrow('found "https://***@mail.nuvolo.example"');
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => smtpFromEnv({ SMTP_URL: 'mail.nuvolo.example:587', SMTP_FROM: from })).toThrow(/^SMTP_URL:/);
  });

  it('names SMTP_REPLY_TO when it is not an address', () => {
    expect(() => smtpFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: from, SMTP_REPLY_TO: 'tickets at nuvolo' })).toThrow(
      /^SMTP_REPLY_TO: expected an address/,
    );
  });
});

// --- A little MIME reading, enough to check what the customer's mail client will show. ---

function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=); whitespace between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < unfolded.length; i++) {
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function partsOf(contentType: string, body: string) {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)![1]!;
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const { headers, body: encoded } = parseMessage(chunk.replace(/^\r\n/, ''));
      const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
      const content =
        encoding === 'base64'
          ? Buffer.from(encoded, 'base64').toString('utf8')
          : encoding === 'quoted-printable'
            ? decodeQuotedPrintable(encoded)
            : encoded;
      return { type: headers.get('content-type')!.split(';')[0]!, content };
    });
}
