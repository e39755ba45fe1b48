/**
 * The widget's flow as an explicit state machine: a pure reducer that the session feeds with events
 * and the element renders. Every change of step goes through `transition`. Validation is not done
 * here; the caller passes a `canLeave` guard.
 */
import type { ProblemDetails } from '../../../core/contract/problem.ts';

/** Every step, in order. `deflected` ends the flow early, when an article solved the problem. */
export const steps = ['describe', 'department', 'details', 'contact', 'review', 'sending', 'done', 'deflected'] as const;
export type Step = (typeof steps)[number];

/** Steps where the customer fills something in and can move back and forth. */
export const formSteps = ['describe', 'department', 'details', 'contact', 'review'] as const;
export type FormStep = (typeof formSteps)[number];

export interface FlowContext {
  /** The host page supplied the customer's name and e-mail, or a signed customer token: no contact step. */
  contactKnown: boolean;
}

/** Whether the customer may move on from a step (the step's fields are valid; on review: nothing blocks Send). */
export type CanLeave<C extends FlowContext> = (step: FormStep, context: C) => boolean;

export interface DeflectedArticle {
  url: string;
  title: string;
}

export interface SentResult {
  id: string;
  number: string;
}

/** Why sending failed; the customer is back on review and may send again. */
export type SendFailure =
  | {
      /** The server refused this ticket: the customer corrects it and sends it with a new key. */
      retryable: false;
      /** The server's problem+json answer, whose field errors the session maps onto the fields. */
      problem: ProblemDetails;
    }
  | {
      /** Worth trying again as it is, with the same key: it may even have arrived. */
      retryable: true;
      reason: 'network' | 'timeout' | 'server' | 'rate-limited' | 'aborted';
      /** How long the server asked to wait, when it said so. */
      retryAfterMs?: number;
    };

export type FlowState =
  | {
      step: FormStep;
      /** Set when the customer came from review's edit links: Next then returns to review. */
      editing?: true;
      /** The last send failed. */
      failure?: SendFailure;
    }
  | { step: 'sending' }
  | { step: 'done'; result: SentResult }
  | { step: 'deflected'; article: DeflectedArticle };

export type FlowEvent =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'deflect'; article: DeflectedArticle }
  /** "No, I still need help" after an article seemed to solve it: back to the form as it was. */
  | { type: 'undo-deflect' }
  /** The customer threw the restored draft away. */
  | { type: 'discard' }
  | { type: 'edit'; step: FormStep }
  | { type: 'send' }
  /** A draft read back at start-up: the customer is put back on the step they left. */
  | { type: 'restore'; step: FormStep }
  /** A Send was in flight when the page went away: it goes out again, as frozen then. */
  | { type: 'resume' }
  | { type: 'sent'; result: SentResult }
  | { type: 'failed'; failure: SendFailure }
  | { type: 'restart' };

export const initialState: FlowState = { step: 'describe' };

/** The steps a progress indicator shows, in order, for this customer. */
export function visibleSteps(context: FlowContext): FormStep[] {
  return formSteps.filter((step) => step !== 'contact' || !context.contactKnown);
}

type FormState = Extract<FlowState, { step: FormStep }>;
const isFormState = (state: FlowState): state is FormState => (formSteps as readonly Step[]).includes(state.step);
const order = (step: FormStep) => formSteps.indexOf(step);

/**
 * The state after `event`. Events that make no sense in the current state (Back while sending,
 * Send from a form step, Next when `canLeave` says no) return the same state object, so the
 * element can tell a refused move (and show the errors) from a real one.
 */
export function transition<C extends FlowContext>(state: FlowState, event: FlowEvent, context: C, canLeave: CanLeave<C>): FlowState {
  const visible = visibleSteps(context);
  switch (event.type) {
    case 'next': {
      if (!isFormState(state) || state.step === 'review' || !canLeave(state.step, context)) return state;
      const current = order(state.step);
      const ahead = visible.filter((step) => order(step) > current);
      // After an edit, go on to the first step that still needs attention (a new department may need new details), else review.
      const step = (state.editing ? ahead.find((s) => s === 'review' || !canLeave(s, context)) : ahead[0]) ?? 'review';
      return state.editing && step !== 'review' ? { step, editing: true } : { step };
    }
    case 'back': {
      if (!isFormState(state)) return state;
      const current = order(state.step);
      const step = visible.filter((s) => order(s) < current).at(-1);
      return step ? { step } : state;
    }
    case 'deflect':
      return state.step === 'describe' ? { step: 'deflected', article: event.article } : state;
    case 'undo-deflect':
      return state.step === 'deflected' ? { step: 'describe' } : state;
    case 'discard':
      return isFormState(state) ? initialState : state;
    case 'edit':
      return state.step === 'review' && event.step !== 'review' && visible.includes(event.step)
        ? { step: event.step, editing: true }
        : state;
    case 'send':
      return state.step === 'review' && canLeave('review', context) ? { step: 'sending' } : state;
    case 'restore':
      return state === initialState && visible.includes(event.step) ? { step: event.step } : state;
    case 'resume':
      // The payload was checked when it was frozen; the form may have changed since (a new config).
      return isFormState(state) ? { step: 'sending' } : state;
    case 'sent':
      return state.step === 'sending' ? { step: 'done', result: event.result } : state;
    case 'failed':
      return state.step === 'sending' ? { step: 'review', failure: event.failure } : state;
    case 'restart':
      return state.step === 'done' || state.step === 'deflected' ? initialState : state;
  }
}
