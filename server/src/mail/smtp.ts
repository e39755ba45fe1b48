/**
 * Sends the server's own e-mails (the ticket confirmation) through the SMTP server configured in
 * the environment. Without `SMTP_URL` the server sends no e-mail at all.
 */
import { domainToASCII } from 'node:url';
import type { Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

export interface OutgoingMail {
  /** The customer; pass the name too so the To line shows it (nodemailer encodes it). */
  to: string | { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /**
   * Stable key of what the mail is about, e.g. `confirmation.<ticket id>`. It becomes the
   * Message-ID, so a send the outbox retries is recognisable as the same message downstream.
   */
  messageKey?: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects otherwise (the caller retries). */
  send(message: OutgoingMail): Promise<void>;
}

/** The SMTP settings the server reads from its environment. */
export const smtpEnvSchema = z.object({
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS); user and password percent-encoded. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).refine((url) => Boolean(URL.parse(url)?.hostname)),
  /** The sender customers see, e.g. `Nuvolo Hosting <suporte@nuvolo.example>`. */
  SMTP_FROM: z.string().refine((value) => mailbox(value) !== undefined),
  /** Where customers' replies go, when not to SMTP_FROM (e.g. the helpdesk's mailbox). */
  SMTP_REPLY_TO: z.optional(z.string().refine((value) => mailbox(value) !== undefined)),
});
export type SmtpEnv = z.infer<typeof smtpEnvSchema>;

const expected: Record<keyof SmtpEnv, string> = {
  SMTP_URL: 'a URL like "smtp://user:pass@mail.example.com:587" or "smtps://user:pass@mail.example.com:465"',
  SMTP_FROM: 'a sender like "Nuvolo Hosting <suporte@nuvolo.example>"',
  SMTP_REPLY_TO: 'an address like "suporte@nuvolo.example" or "Suporte <suporte@nuvolo.example>"',
};

/** Short, so a dead SMTP server delays the outbox worker by seconds, not minutes. */
const timeoutMs = 10_000;

/**
 * The mailer configured by `SMTP_URL`, `SMTP_FROM` and `SMTP_REPLY_TO`, or null without `SMTP_URL`.
 * Throws an Error naming the variable when a setting is wrong.
 */
export function smtpFromEnv(env: Readonly<Record<string, string | undefined>>): Mailer | null {
  // An empty value in a .env file means "not set".
  const read = (name: keyof SmtpEnv) => env[name]?.trim() || undefined;
  const raw = { SMTP_URL: read('SMTP_URL'), SMTP_FROM: read('SMTP_FROM'), SMTP_REPLY_TO: read('SMTP_REPLY_TO') };
  if (raw.SMTP_URL === undefined) return null;

  const parsed = smtpEnvSchema.safeParse(raw);
  if (!parsed.success) {
    const name = parsed.error.issues[0]?.path[0] as keyof SmtpEnv;
    const value = raw[name];
    const found = value === undefined ? 'nothing' : `"${name === 'SMTP_URL' ? withoutCredentials(value) : value}"`;
    const required = value === undefined ? ' (required when SMTP_URL is set)' : '';
    throw new Error(`${name}${required}: expected ${expected[name]}, found ${found}`);
  }
  const settings = parsed.data;
  const from = mailbox(settings.SMTP_FROM)!;
  const replyTo = settings.SMTP_REPLY_TO === undefined ? undefined : mailbox(settings.SMTP_REPLY_TO);
  const idDomain = domainToASCII(from.address.slice(from.address.lastIndexOf('@') + 1)) || 'localhost';

  // nodemailer (about 5 MB of heap) loads with the first e-mail, not with the server: most
  // deployments hand e-mail to their helpdesk and never send one.
  let transport: Promise<Transporter> | undefined;
  const connect = async () =>
    (await import('nodemailer')).createTransport({
      url: settings.SMTP_URL,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });

  return {
    async send(message) {
      transport ??= connect();
      await (await transport).sendMail({
        from,
        ...(replyTo ? { replyTo } : {}),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.messageKey ? { messageId: `<${message.messageKey.replace(/[^A-Za-z0-9._-]/g, '-')}@${idDomain}>` } : {}),
        headers: {
          // RFC 3834: a machine wrote this, so vacation responders and other robots stay quiet.
          'Auto-Submitted': 'auto-generated',
          // Exchange ignores Auto-Submitted; this asks it not to send out-of-office or auto-replies.
          'X-Auto-Response-Suppress': 'OOF, AutoReply',
        },
      });
    },
  };
}

/** The single mailbox in an address header value, or undefined when it is not exactly one valid one. */
function mailbox(value: string): { name: string; address: string } | undefined {
  const parsed = addressparser(value, { flatten: true });
  const [first] = parsed;
  if (parsed.length !== 1 || !first) return undefined;
  const valid = z.email({ pattern: z.regexes.unicodeEmail }).safeParse(first.address).success;
  return valid ? { name: first.name, address: first.address } : undefined;
}

/** Error messages show what was found, but never the SMTP credentials, even in a malformed URL. */
function withoutCredentials(url: string): string {
  const at = url.lastIndexOf('@');
  if (at === -1) return url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  return `${scheme}***@${url.slice(at + 1)}`;
}
