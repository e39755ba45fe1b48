/**
 * The customer's reply before it is sent: the character rule (core limits.reply, the server's own),
 * the draft kept in sessionStorage until the reply is sent, and the Idempotency-Key that makes a
 * retry (a second click, a lost answer, a reload mid-send) add the reply once.
 */
import { limits } from '../../../../core/contract/limits.ts';
import { contentLength } from '../../../../core/validation/message.ts';
import { format } from '../../../../core/i18n/format.ts';
import type { ThreadWords } from './ticket-thread.ts';

export type ReplyProblem = 'too-short' | 'too-long';

/** What is wrong with the text, as the server's contract sees it (whitespace and bare punctuation do not count). */
export function replyProblem(message: string): ReplyProblem | null {
  const text = message.trim();
  if (text.length > limits.reply.max) return 'too-long';
  if (contentLength(text) < limits.reply.min) return 'too-short';
  return null;
}

/** The live rule under the textarea: the count, or, past the maximum, by how much and what to do. */
export function characterRule(message: string, words: ThreadWords, lang: string): { text: string; over: boolean } {
  const number = new Intl.NumberFormat(lang);
  const length = message.trim().length;
  if (length > limits.reply.max) {
    return { text: format(words.replyTooLong, { max: number.format(limits.reply.max), over: number.format(length - limits.reply.max) }), over: true };
  }
  return { text: format(words.replyCount, { count: number.format(length), max: number.format(limits.reply.max) }), over: false };
}

export function problemText(problem: ReplyProblem, message: string, words: ThreadWords, lang: string): string {
  return problem === 'too-long' ? characterRule(message, words, lang).text : format(words.replyTooShort, { min: limits.reply.min });
}

/** What the server is asked to add: a key stays with the same text and files, a changed reply gets a new one. */
export function replyFingerprint(message: string, files: readonly Pick<File, 'name' | 'size' | 'lastModified'>[]): string {
  return JSON.stringify([message.trim(), files.map((f) => [f.name, f.size, f.lastModified])]);
}

interface StoredDraft {
  message: string;
  /** The key of the last attempt and what it sent, kept until the server confirms. */
  key?: string;
  fingerprint?: string;
}

/**
 * A ticket's reply draft in the tab's sessionStorage: it survives a reload and a failed send, and
 * is gone with the tab (a shared computer keeps nothing). Files cannot be kept there and are not.
 */
export class ReplyDraft {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  readonly #name: string;
  readonly #newKey: () => string;

  constructor(number: string, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined, newKey: () => string = () => crypto.randomUUID()) {
    this.#storage = storage;
    this.#name = `kb-ticket-reply:${number}`;
    this.#newKey = newKey;
  }

  #read(): StoredDraft {
    try {
      const stored = JSON.parse(this.#storage?.getItem(this.#name) ?? 'null') as StoredDraft | null;
      return stored && typeof stored.message === 'string' ? stored : { message: '' };
    } catch {
      return { message: '' };
    }
  }

  #write(draft: StoredDraft): void {
    try {
      if (!draft.message && !draft.key) this.#storage?.removeItem(this.#name);
      else this.#storage?.setItem(this.#name, JSON.stringify(draft));
    } catch {
      // Storage full or blocked: the reply is still on the page.
    }
  }

  get message(): string {
    return this.#read().message;
  }

  save(message: string): void {
    this.#write({ ...this.#read(), message });
  }

  /** The Idempotency-Key for sending this reply: the previous attempt's when nothing changed since. */
  keyFor(fingerprint: string): string {
    const draft = this.#read();
    if (draft.key && draft.fingerprint === fingerprint) return draft.key;
    const key = this.#newKey();
    this.#write({ ...draft, key, fingerprint });
    return key;
  }

  /** The server has the reply: the next one is a new reply with a new key. */
  clear(): void {
    try {
      this.#storage?.removeItem(this.#name);
    } catch {
      // Nothing to clear.
    }
  }
}
