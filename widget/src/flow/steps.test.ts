import { describe, expect, it } from 'vitest';
import { initialState, steps, transition, visibleSteps, type FlowContext, type FlowEvent, type FlowState, type FormStep } from './steps.ts';

interface Context extends FlowContext {
  invalid: FormStep[];
}
const anonymous: Context = { contactKnown: false, invalid: [] };
const loggedIn: Context = { contactKnown: true, invalid: [] };
const canLeave = (step: FormStep, context: Context) => !context.invalid.includes(step);

const run = (events: FlowEvent[], context: Context = anonymous, from: FlowState = initialState) =>
  events.reduce((state, event) => transition(state, event, context, canLeave), from);
const next: FlowEvent = { type: 'next' };
const back: FlowEvent = { type: 'back' };
const article = { url: 'https://ajuda.nuvolo.example/pt-br/email/erro-550/', title: 'Erro 550' };
const result = { id: 't_01', number: 'BR-000123' };

describe('flow', () => {
  it('lists every step once', () => {
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('walks the customer from describing the problem to review', () => {
    expect(run([next]).step).toBe('department');
    expect(run([next, next]).step).toBe('details');
    expect(run([next, next, next]).step).toBe('contact');
    expect(run([next, next, next, next]).step).toBe('review');
  });

  it('skips the contact step when the host page already knows the customer', () => {
    expect(run([next, next, next], loggedIn).step).toBe('review');
    expect(run([next, next, next, back], loggedIn).step).toBe('details');
    expect(visibleSteps(loggedIn)).toEqual(['describe', 'department', 'details', 'review']);
    expect(visibleSteps(anonymous)).toEqual(['describe', 'department', 'details', 'contact', 'review']);
  });

  it('keeps the customer on a step whose fields are not valid, returning the same state', () => {
    const details: FlowState = { step: 'details' };
    expect(transition(details, next, { ...anonymous, invalid: ['details'] }, canLeave)).toBe(details);
  });

  it('goes back one step from every form step, and nowhere from the first', () => {
    expect(run([back], anonymous, { step: 'review' }).step).toBe('contact');
    expect(run([back], anonymous, { step: 'contact' }).step).toBe('details');
    expect(run([back], anonymous, { step: 'details' }).step).toBe('department');
    expect(run([back], anonymous, { step: 'department' }).step).toBe('describe');
    expect(run([back])).toBe(initialState);
  });

  it('goes back even when the current step is not valid', () => {
    expect(run([back], { ...anonymous, invalid: ['details'] }, { step: 'details' }).step).toBe('department');
  });

  it('ends with thanks when an article solved the problem', () => {
    expect(run([{ type: 'deflect', article }])).toEqual({ step: 'deflected', article });
  });

  it('goes back to describing the problem when the article did not solve it after all, and only from the thanks', () => {
    expect(run([{ type: 'deflect', article }, { type: 'undo-deflect' }])).toEqual({ step: 'describe' });
    expect(run([next, { type: 'undo-deflect' }])).toEqual({ step: 'department' });
  });

  it('starts a blank form when the customer discards a restored draft, but never while sending', () => {
    expect(run([next, next, { type: 'discard' }])).toBe(initialState);
    const sending: FlowState = { step: 'sending' };
    expect(transition(sending, { type: 'discard' }, anonymous, canLeave)).toBe(sending);
  });

  it('offers "this solved it" only while describing the problem', () => {
    const department: FlowState = { step: 'department' };
    expect(run([{ type: 'deflect', article }], anonymous, department)).toBe(department);
  });

  it('sends from review and shows the ticket number when done', () => {
    const sending = run([{ type: 'send' }], anonymous, { step: 'review' });
    expect(sending).toEqual({ step: 'sending' });
    expect(run([{ type: 'sent', result }], anonymous, sending)).toEqual({ step: 'done', result });
  });

  it('does not send while something blocks it, such as a pasted password', () => {
    const review: FlowState = { step: 'review' };
    expect(run([{ type: 'send' }], { ...anonymous, invalid: ['review'] }, review)).toBe(review);
  });

  it('cannot go back, send again or edit while the ticket is being sent', () => {
    const sending: FlowState = { step: 'sending' };
    for (const event of [back, next, { type: 'send' }, { type: 'edit', step: 'details' }] satisfies FlowEvent[])
      expect(run([event], anonymous, sending)).toBe(sending);
  });

  it('returns to review with the reason when sending fails, and can send again', () => {
    const failure = { retryable: true, reason: 'network' } as const;
    const failed = run([{ type: 'failed', failure }], anonymous, { step: 'sending' });
    expect(failed).toEqual({ step: 'review', failure });
    expect(run([{ type: 'send' }], anonymous, failed)).toEqual({ step: 'sending' });
    expect(run([back], anonymous, failed).step).toBe('contact');
  });

  it('ignores a late answer that arrives when nothing is being sent', () => {
    const review: FlowState = { step: 'review' };
    expect(run([{ type: 'sent', result }], anonymous, review)).toBe(review);
    expect(run([{ type: 'failed', failure: { retryable: true, reason: 'timeout' } }], anonymous, review)).toBe(review);
  });

  it('lets review edit links open a step and come straight back to review', () => {
    const editing = run([{ type: 'edit', step: 'department' }], anonymous, { step: 'review' });
    expect(editing).toEqual({ step: 'department', editing: true });
    expect(run([next], anonymous, editing)).toEqual({ step: 'review' });
  });

  it('after an edit, stops at a later step that now needs attention', () => {
    // A new department asks for different details.
    const editing: FlowState = { step: 'department', editing: true };
    expect(run([next], { ...anonymous, invalid: ['details'] }, editing)).toEqual({ step: 'details', editing: true });
  });

  it('does not open a step the customer does not see from review', () => {
    const review: FlowState = { step: 'review' };
    expect(run([{ type: 'edit', step: 'contact' }], loggedIn, review)).toBe(review);
    expect(run([{ type: 'edit', step: 'details' }], anonymous, { step: 'details' })).toEqual({ step: 'details' });
  });

  it('stays on the end screens until the customer starts a new ticket', () => {
    const done: FlowState = { step: 'done', result };
    expect(run([back], anonymous, done)).toBe(done);
    expect(run([next], anonymous, done)).toBe(done);
    expect(run([{ type: 'restart' }], anonymous, done)).toBe(initialState);
    expect(run([{ type: 'restart' }], anonymous, { step: 'deflected', article })).toBe(initialState);
    expect(run([{ type: 'restart' }], anonymous, { step: 'details' })).toEqual({ step: 'details' });
  });

  it('does not ask for contact details restored from an old draft once the host page knows the customer', () => {
    expect(run([next], loggedIn, { step: 'contact' }).step).toBe('review');
    expect(run([back], loggedIn, { step: 'contact' }).step).toBe('details');
  });

  it('puts a restored draft back on its step, only at the start and only on a step this customer has', () => {
    expect(run([{ type: 'restore', step: 'details' }])).toEqual({ step: 'details' });
    expect(run([{ type: 'restore', step: 'contact' }], loggedIn)).toBe(initialState);
    const moved: FlowState = { step: 'department' };
    expect(run([{ type: 'restore', step: 'review' }], anonymous, moved)).toBe(moved);
  });

  it('resumes a Send that was in flight when the page went away, even if the form would not let it through now', () => {
    expect(run([{ type: 'resume' }], { ...anonymous, invalid: ['review'] }, { step: 'review' })).toEqual({ step: 'sending' });
    const done: FlowState = { step: 'done', result };
    expect(run([{ type: 'resume' }], anonymous, done)).toBe(done);
  });
});
