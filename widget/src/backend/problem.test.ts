import { describe, expect, it } from 'vitest';
import { normalizeFieldPath, readProblem, toProblem } from './problem.ts';

describe('field paths', () => {
  it.each([
    ['/subject', 'subject'],
    ['/customer/email', 'customer.email'],
    ['customer.email', 'customer.email'],
    ['subject', 'subject'],
    ['/attachments/0/type', 'attachments.0.type'],
    ['attachments[0].type', 'attachments.0.type'],
    ['#/customer/email', 'customer.email'],
    ['$.customer.email', 'customer.email'],
    ["$['customer']['email']", 'customer.email'],
    ['/a~1b/c~0d', 'a/b.c~d'],
    ['#/high/reason%20x', 'high.reason x'],
    ['/bad%', 'bad%'],
    ['', ''],
    ['/', ''],
    ['#', ''],
  ])('%j names the field %j', (path, field) => {
    expect(normalizeFieldPath(path)).toBe(field);
  });
});

describe('problems', () => {
  const answer = (body: string | null, status: number, type = 'application/problem+json') =>
    new Response(body, { status, headers: type ? { 'Content-Type': type } : {} });

  it('reads a problem+json answer with its field errors', async () => {
    const problem = await readProblem(
      answer(
        JSON.stringify({
          type: 'https://api.test/problems/invalid-ticket',
          title: 'The ticket is not valid',
          status: 422,
          detail: '2 fields',
          errors: [
            { path: '/subject', code: 'too_small', message: 'Too short' },
            { path: '/customer/email', code: 'email', message: 'Invalid' },
          ],
        }),
        422,
      ),
    );
    expect(problem).toStrictEqual({
      type: 'https://api.test/problems/invalid-ticket',
      title: 'The ticket is not valid',
      status: 422,
      detail: '2 fields',
      errors: [
        { path: 'subject', code: 'too_small', message: 'Too short' },
        { path: 'customer.email', code: 'email', message: 'Invalid' },
      ],
    });
  });

  it('gives a generic problem for an empty body, broken JSON, HTML or a JSON that is not an object', async () => {
    for (const [body, type] of [
      [null, ''],
      ['{"title": "cut', 'application/problem+json'],
      ['<html>502 Bad Gateway</html>', 'text/html'],
      ['[1,2]', 'application/json'],
      ['"text"', 'application/json'],
    ] as const) {
      expect(await readProblem(answer(body, 413, type))).toStrictEqual({ type: 'about:blank', title: 'HTTP 413', status: 413 });
    }
  });

  it('reads problems labelled plain application/json too', async () => {
    expect(await readProblem(answer('{"title":"Bad","errors":[]}', 400, 'application/json'))).toStrictEqual({
      type: 'about:blank',
      title: 'Bad',
      status: 400,
      errors: [],
    });
  });

  it('takes field errors written with pointer or path arrays, and drops those with no path', () => {
    expect(
      toProblem(
        {
          errors: [
            { pointer: '/customer/name', detail: 'Required' },
            { path: ['attachments', 1, 'size'], code: 'too_big', message: 'Too big' },
            { code: 'orphan', message: 'No path' },
            'nonsense',
          ],
        },
        422,
      ),
    ).toStrictEqual({
      type: 'about:blank',
      title: 'HTTP 422',
      status: 422,
      errors: [
        { path: 'customer.name', code: 'invalid', message: 'Required' },
        { path: 'attachments.1.size', code: 'too_big', message: 'Too big' },
      ],
    });
  });

  it('keeps the status of the answer when the body names none or a wrong one', () => {
    expect(toProblem({ title: 'x', status: 'bad' }, 415)).toMatchObject({ status: 415 });
    expect(toProblem({ title: 'x' }, 403, 'Forbidden')).toMatchObject({ status: 403, title: 'x' });
    expect(toProblem({}, 403, 'Forbidden')).toMatchObject({ title: 'Forbidden' });
  });
});
