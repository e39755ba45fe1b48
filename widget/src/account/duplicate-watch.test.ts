import { describe, expect, it } from 'vitest';
import type { CustomerTicket, DuplicateCheck } from '../../../core/contract/ticket-reply.ts';
import { DuplicateWatch } from './duplicate-watch.ts';

const open = (number: string) => ({ number, subject: 'Erro 550', department: 'technical', status: 'open', createdAt: '', updatedAt: '', statusUrl: '' }) as CustomerTicket;

/** A watch on a hand-driven clock, whose server answers when told to. */
function harness(answer: (check: DuplicateCheck) => CustomerTicket[] = () => [open('BR-000124')]) {
  const asked: DuplicateCheck[] = [];
  const shown: string[][] = [];
  let timer: (() => void) | undefined;
  const pending: (() => void)[] = [];
  const watch = new DuplicateWatch({
    ask: (check, signal) =>
      new Promise((resolve, reject) => {
        asked.push(check);
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        pending.push(() => resolve(answer(check)));
      }),
    show: (duplicates) => shown.push(duplicates.map((d) => d.number)),
    setTimer: (run) => (timer = run),
    clearTimer: () => (timer = undefined),
  });
  return {
    watch, asked, shown,
    /** The debounce delay passes. */
    tick: () => { const run = timer; timer = undefined; run?.(); },
    /** Every question in flight gets its answer. */
    answer: async () => { for (const settle of pending.splice(0)) settle(); await Promise.resolve(); await Promise.resolve(); },
  };
}

describe('the duplicate watch', () => {
  it('asks once for leaving the subject and reaching the review step together, and shows what the server found', async () => {
    const h = harness();
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.watch.check('Erro 550 nos e-mails ', 'technical');
    h.tick();
    await h.answer();
    expect(h.asked).toEqual([{ subject: 'Erro 550 nos e-mails', department: 'technical' }]);
    expect(h.shown).toEqual([['BR-000124']]);
    // The same question again (in other case and spacing) is answered from memory.
    h.watch.check('erro 550  nos e-mails', 'technical');
    h.tick();
    expect(h.asked).toHaveLength(1);
  });

  it('asks nothing without a department or with an empty subject, and clears a warning that no longer applies', async () => {
    const h = harness();
    h.watch.check('Erro 550 nos e-mails', '');
    h.watch.check('  ', 'technical');
    h.tick();
    expect(h.asked).toEqual([]);
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.tick();
    await h.answer();
    h.watch.check('', 'technical');
    expect(h.shown.at(-1)).toEqual([]);
  });

  it('drops an older question when a newer one is asked', async () => {
    const h = harness((check) => (check.subject === 'Erro 550 nos e-mails' ? [open('BR-000124')] : []));
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.tick();
    h.watch.check('Site fora do ar', 'technical');
    h.tick();
    await h.answer();
    expect(h.asked.map((c) => c.subject)).toEqual(['Erro 550 nos e-mails', 'Site fora do ar']);
    expect(h.shown).toEqual([[]]);
  });

  it('stays quiet about a subject the customer said is a different problem', async () => {
    const h = harness();
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.tick();
    await h.answer();
    h.watch.dismiss();
    expect(h.shown.at(-1)).toEqual([]);
    h.watch.check('Erro 550 nos e-mails', 'billing');
    h.tick();
    await h.answer();
    expect(h.shown.at(-1)).toEqual(['BR-000124']);
    h.watch.check('Erro 550 nos e-mails', 'technical');
    expect(h.shown.at(-1)).toEqual([]);
  });

  it('forgets every answer and hides the warning once a ticket is sent: the new one is a ticket to repeat now', async () => {
    let served = [open('BR-000124')];
    const h = harness(() => served);
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.tick();
    await h.answer();
    expect(h.shown.at(-1)).toEqual(['BR-000124']);
    h.watch.reset();
    expect(h.shown.at(-1)).toEqual([]);
    served = [open('BR-000125'), open('BR-000124')];
    h.watch.check('Erro 550 nos e-mails', 'technical');
    h.tick();
    await h.answer();
    expect(h.asked).toHaveLength(2);
    expect(h.shown.at(-1)).toEqual(['BR-000125', 'BR-000124']);
  });
});
