/**
 * What a step's render function reads and calls: the session's state in the customer's words, and
 * the session's intents. Built by the element for each render; the steps never see the element.
 * Before the form has loaded (the script-tag entry carries the first step only), the first step
 * renders over a `FirstStepHost` that keeps what the customer types until the session takes it.
 */
import type { ContentLanguage, UiLanguage } from '../../../core/contract/locales.ts';
import type { ServiceNotice, SupportConfig } from '../../../core/contract/support-config.ts';
import type { ReplyExpectation } from '../../../core/contract/reply-expectation.ts';
import type { ArticleHit } from '../../../core/search/pagefind.ts';
import type { SecretRange } from '../../../core/validation/secrets.ts';
import type { RecentTicket } from '../draft/draft-store.ts';
import type { FieldName, FormContext, TicketFields } from '../form/ticket-form.ts';
import type { AttachmentView, SearchState, SentTicket } from '../flow/session.ts';
import type { FlowState, FormStep } from '../flow/steps.ts';
import type { Messages } from '../i18n/en.ts';
import type { FirstStepMessages } from '../i18n/first-step.ts';

export type { AttachmentView, SearchState };

/** What the first step (and every field) reads and calls: all of it exists before the form has loaded. */
export interface FirstStepHost {
  readonly t: FirstStepMessages;
  readonly uiLang: UiLanguage;
  readonly contentLang: ContentLanguage;
  /** What the customer typed; before the form has loaded, only what the first step asks. */
  readonly fields: Partial<TicketFields>;
  readonly notices: ServiceNotice[];
  readonly suggestions: ArticleHit[];
  readonly searchState: SearchState;
  /** `{ timeZone }` of the market whose hours apply, for dates the customer reads. */
  readonly marketZone: { timeZone?: string };
  visibleError(name: FieldName): string | undefined;
  formatDate(date: Date, options: Intl.DateTimeFormatOptions): string;
  setField<K extends keyof TicketFields>(name: K, value: TicketFields[K]): void;
  touch(name: FieldName): void;
  next(): void;
  deflect(hit: ArticleHit): void;
  openSuggestion(hit: ArticleHit): void;
}

export interface StepHost extends FirstStepHost {
  readonly t: Messages;
  readonly context: FormContext;
  readonly fields: TicketFields;
  readonly flow: FlowState;
  readonly supportConfig?: SupportConfig;
  readonly attachments: AttachmentView[];
  /** One sentence per file turned away. */
  readonly attachmentErrors: string[];
  readonly services: readonly (string | { id: string; label: string })[];
  readonly secrets: Map<FieldName, SecretRange[]>;
  readonly duplicate?: RecentTicket;
  readonly persistent: boolean;
  /** A draft was brought back on load: when it was saved, and the fields saved without their secret. */
  readonly restoredDraft?: { savedAt: string; cut: FieldName[] };
  /** No support config could be loaded, not even a cached one: topics, prices and reply times are missing. */
  readonly configFailed: boolean;
  readonly serverErrors: ReadonlyMap<string, string>;
  /** `busy` while sending; `canRetry` when the frozen ticket may go again as it is; `message` for the live region. */
  readonly sendState: { busy: boolean; message: string; canRetry: boolean };
  readonly result?: SentTicket;
  /** What the customer reads about a first reply, said at `at`, in the policy's words (none without a config); a queue without its next opening is the policy's sentence alone. */
  replyText(expectation: ReplyExpectation | undefined, at: Date): string[];
  back(): void;
  edit(step: FormStep): void;
  send(): void;
  undoDeflect(): void;
  discard(): void;
  restart(): void;
  addFiles(files: Iterable<File>): void;
  removeFile(id: string): void;
}
