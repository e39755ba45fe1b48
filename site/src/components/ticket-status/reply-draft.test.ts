import { describe, expect, it } from 'vitest';
import { limits } from '../../../../core/contract/limits.ts';
import { ui } from '../../i18n/ui.ts';
import { characterRule, problemText, ReplyDraft, replyFingerprint, replyProblem } from './reply-draft.ts';
import type { ThreadWords } from './ticket-thread.ts';

const t = ui['pt-BR'];
const words = { replyCount: t.ticketReplyCount, replyTooShort: t.ticketReplyTooShort, replyTooLong: t.ticketReplyTooLong } as ThreadWords;

/** sessionStorage as far as the draft uses it; shared between two drafts it is "a reload". */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

describe('the character rule', () => {
  it('takes "ok" as a reply, but not spaces or a run of one letter', () => {
    expect(replyProblem('ok')).toBeNull();
    expect(replyProblem('   \n ')).toBe('too-short');
    expect(replyProblem('aaaaaaa')).toBe('too-short');
    expect(problemText('too-short', '', words, 'pt-BR')).toBe('Escreva a sua resposta (pelo menos 2 caracteres).');
  });

  it('counts live in the page language and, past the maximum, says by how much and what to do', () => {
    expect(characterRule('Segue o log.', words, 'pt-BR')).toEqual({ text: '12 de 10.000 caracteres', over: false });
    const long = 'abcd'.repeat(limits.reply.max / 4) + 'a'.repeat(1234);
    expect(replyProblem(long)).toBe('too-long');
    expect(characterRule(long, words, 'pt-BR')).toEqual({
      text: 'A resposta passa 1.234 caracteres do limite de 10.000. Envie textos longos, como logs, em um arquivo anexo.',
      over: true,
    });
  });
});

describe('the reply draft', () => {
  it('survives a reload of the tab and is gone once the reply is sent', () => {
    const storage = memoryStorage();
    new ReplyDraft('BR-000123', storage).save('Ainda recebo o erro 550');
    const reloaded = new ReplyDraft('BR-000123', storage);
    expect(reloaded.message).toBe('Ainda recebo o erro 550');
    expect(new ReplyDraft('BR-000999', storage).message).toBe('');
    reloaded.clear();
    expect(new ReplyDraft('BR-000123', storage).message).toBe('');
    expect(storage.items.size).toBe(0);
  });

  it('keeps one Idempotency-Key for the same reply across retries and reloads, and takes a new one for a changed reply', () => {
    const storage = memoryStorage();
    let n = 0;
    const newKey = () => `key-${++n}`;
    const files = [{ name: 'erro.png', size: 67, lastModified: 1 }];
    const first = new ReplyDraft('BR-000123', storage, newKey).keyFor(replyFingerprint('Segue o print', files));
    expect(new ReplyDraft('BR-000123', storage, newKey).keyFor(replyFingerprint(' Segue o print ', files))).toBe(first);
    expect(new ReplyDraft('BR-000123', storage, newKey).keyFor(replyFingerprint('Segue o print', []))).toBe('key-2');
    const sent = new ReplyDraft('BR-000123', storage, newKey);
    sent.clear();
    expect(sent.keyFor(replyFingerprint('Segue o print', []))).toBe('key-3');
  });

  it('works on the page alone when storage is blocked', () => {
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    const draft = new ReplyDraft('BR-000123', blocked, () => 'k');
    expect(() => draft.save('texto')).not.toThrow();
    expect(draft.message).toBe('');
    expect(draft.keyFor('x')).toBe('k');
  });
});
