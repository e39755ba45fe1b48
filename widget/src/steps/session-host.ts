/** The session as the steps see it, once the form has loaded. */
import { activeNotices, marketFor } from '../../../core/contract/markets.ts';
import type { UiLanguage } from '../../../core/contract/locales.ts';
import { errorMessage, format } from '../../../core/i18n/format.ts';
import { replySentences } from '../../../core/i18n/reply-text.ts';
import { secretsIn, type FieldName } from '../form/ticket-form.ts';
import type { TicketSession } from '../flow/session.ts';
import type { Messages } from '../i18n/en.ts';
import type { StepHost } from './step-host.ts';

export interface StepHostOptions {
  session: TicketSession;
  t: Messages;
  uiLang: UiLanguage;
  services: readonly (string | { id: string; label: string })[];
  /** Moves focus to a field the customer must fix. */
  focusField: (name: FieldName) => void;
  now: Date;
}

export function createStepHost({ session, t, uiLang, services, focusField, now }: StepHostOptions): StepHost {
  const state = session.state;
  const config = session.config;
  const focusIfRefused = (field: FieldName | undefined) => field && focusField(field);
  return {
    t,
    uiLang,
    contentLang: session.contentLang,
    ...(config ? { supportConfig: config } : {}),
    context: session.context,
    fields: state.fields,
    flow: state.flow,
    notices: config ? activeNotices(config, now) : [],
    suggestions: state.search.suggestions,
    searchState: state.search.state,
    attachments: state.attachments,
    attachmentErrors: state.attachmentErrors.map((r) => `${r.name}: ${errorMessage(t.errors, `attachment.${r.code}`)}`),
    services,
    secrets: secretsIn(state.fields),
    ...(session.duplicate ? { duplicate: session.duplicate } : {}),
    persistent: state.persistent,
    ...(state.restoredDraft ? { restoredDraft: state.restoredDraft } : {}),
    configFailed: state.configFailed && !config,
    serverErrors: state.serverErrors,
    sendState: sendState(session, t),
    ...(state.result ? { result: state.result } : {}),
    marketZone: config ? { timeZone: marketFor(config, session.contentLang).timeZone } : {},
    replyText(expectation, at) {
      if (!config) return [];
      const { timeZone, firstReply } = marketFor(config, session.contentLang);
      // A queue's next opening needs the opening hours, which only the server computes: the widget does not ship them.
      if (!expectation && firstReply.model === 'queue') return [t.reply.queue];
      const condition = firstReply.model === 'calendar-days' ? firstReply.condition[session.contentLang] : undefined;
      return replySentences(expectation, { lang: uiLang, timeZone, words: t.reply, at, ...(condition ? { condition } : {}) });
    },
    visibleError(name) {
      const error = session.visibleError(name);
      if (!error) return undefined;
      return 'text' in error ? error.text : errorMessage(t.errors, error.key, error.params);
    },
    formatDate: (date, options) => new Intl.DateTimeFormat(uiLang, options).format(date),
    setField: (name, value) => session.setField(name, value),
    touch: (name) => session.touch(name),
    next: () => focusIfRefused(session.next()),
    back: () => session.back(),
    edit: (step) => session.edit(step),
    send: () => void session.send().then(focusIfRefused),
    deflect: (hit) => session.deflect(hit),
    openSuggestion: (hit) => session.openSuggestion(hit),
    undoDeflect: () => session.undoDeflect(),
    // The notice and its button disappear: focus goes where the customer starts again.
    discard: () => (session.discard(), focusField('subject')),
    restart: () => session.restart(),
    addFiles: (files) => void session.addFiles([...files]),
    removeFile: (id) => session.removeFile(id),
  };
}

/** What the live region says about sending, derived from the flow and the send's progress. */
function sendState(session: TicketSession, t: Messages): StepHost['sendState'] {
  const { flow, progress } = session.state;
  const r = t.review;
  if (flow.step === 'sending') {
    const message =
      progress?.phase === 'retrying' ? format(r.retrying, { attempt: progress.attempt })
      : progress?.phase === 'waiting' ? format(r.waiting, { seconds: Math.ceil((progress.delayMs ?? 0) / 1000) })
      : r.sending;
    return { busy: true, message, canRetry: false };
  }
  const failure = flow.step === 'review' ? flow.failure : undefined;
  if (!failure) return { busy: false, message: '', canRetry: false };
  if (!failure.retryable) return { busy: false, message: r.rejected, canRetry: false };
  const message = failure.reason === 'rate-limited' ? format(r.rateLimited, { minutes: Math.ceil((failure.retryAfterMs ?? 60_000) / 60_000) }) : r.gaveUp;
  return { busy: false, message, canRetry: true };
}
