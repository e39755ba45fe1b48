import { describe, expect, it, vi } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import { callSubmitFunction, type SubmitContext, type SubmitFunction } from './submit-function.ts';

const idempotencyKey = '5d3c1e0a-7b2f-4e8d-a1c9-0f6e2b4d8a37';

describe("an integrator's submit function", () => {
  it('a resolved ticket shows as created, and the function got the ticket, key, signal and files', async () => {
    const file = new File(['x'], 'shot.png', { type: 'image/png' });
    let seen: SubmitContext | undefined;
    const submit: SubmitFunction = async (ticket, context) => {
      seen = context;
      expect(ticket).toBe(exampleTicket);
      return { id: 'zd-4411', number: '4411' };
    };

    const result = await callSubmitFunction(submit, { ticket: exampleTicket, files: [file], idempotencyKey });

    expect(result).toStrictEqual({ kind: 'created', id: 'zd-4411', number: '4411', replayed: false });
    expect(seen?.idempotencyKey).toBe(idempotencyKey);
    expect(seen?.files).toStrictEqual([file]);
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });

  it('extra details the function returns (token, reply expectation, confirmation e-mail) are kept', async () => {
    const replyExpectation = { kind: 'by-date', date: '2026-12-03', days: 7 } as const;
    const submit = (async () => ({ id: '1', number: 'A-1', token: 't', replyExpectation, confirmationEmail: true, other: 3 })) as SubmitFunction;

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({
      kind: 'created',
      id: '1',
      number: 'A-1',
      token: 't',
      replyExpectation,
      confirmationEmail: true,
      replayed: false,
    });
  });

  it('a reply expectation it cannot word is left out, and no confirmation e-mail is promised unless said', async () => {
    const submit = (async () => ({ id: '1', number: 'A-1', replyExpectation: { kind: 'queue', nextOpening: 'Monday' }, confirmationEmail: 'yes' })) as unknown as SubmitFunction;
    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({ kind: 'created', id: '1', number: 'A-1', replayed: false });
  });

  it('an ordinary error counts as a network failure the customer can retry', async () => {
    const submit: SubmitFunction = async () => {
      throw new TypeError('Failed to fetch');
    };

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({ kind: 'gave-up', reason: 'network' });
  });

  it('an error carrying a 422 problem is a rejection with the fields it names', async () => {
    const submit: SubmitFunction = async () => {
      throw Object.assign(new Error('Invalid'), {
        status: 422,
        problem: { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ path: '/customer/email', code: 'email', message: 'Bad' }] },
      });
    };

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({
      kind: 'rejected',
      status: 422,
      problem: { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ path: 'customer.email', code: 'email', message: 'Bad' }] },
      fieldErrors: [{ path: 'customer.email', code: 'email', message: 'Bad' }],
    });
  });

  it('an error with only a status of 400 is a rejection with a generic problem', async () => {
    const submit: SubmitFunction = async () => {
      throw Object.assign(new Error('Subject too short'), { status: 400 });
    };

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({
      kind: 'rejected',
      status: 400,
      problem: { type: 'about:blank', title: 'Subject too short', status: 400 },
      fieldErrors: [],
    });
  });

  it('an error with a server or rate-limit status is a failure to retry, not the customer\'s to fix', async () => {
    const failing = (status: number): SubmitFunction => async () => {
      throw Object.assign(new Error('x'), { status });
    };

    expect(await callSubmitFunction(failing(503), { ticket: exampleTicket, idempotencyKey })).toStrictEqual({ kind: 'gave-up', reason: 'server' });
    expect(await callSubmitFunction(failing(429), { ticket: exampleTicket, idempotencyKey })).toStrictEqual({ kind: 'gave-up', reason: 'rate-limited' });
  });

  it('stopping while the function runs ends as aborted', async () => {
    const controller = new AbortController();
    const submit: SubmitFunction = (_ticket, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason as Error));
        controller.abort();
      });

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey, signal: controller.signal })).toStrictEqual({ kind: 'aborted' });
  });

  it('an answer without a ticket number is a server failure, reported in the console', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const submit = (async () => ({ ok: true })) as unknown as SubmitFunction;

    expect(await callSubmitFunction(submit, { ticket: exampleTicket, idempotencyKey })).toStrictEqual({ kind: 'gave-up', reason: 'server' });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[support-ticket\] /), { ok: true });
    log.mockRestore();
  });
});
