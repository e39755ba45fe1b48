/** What a step's render function may read and call on the element: state down, intents up. */
import type { SupportConfig, ServiceNotice } from '../../../core/contract/support-config.ts';
import type { ContentLanguage, UiLanguage } from '../../../core/contract/locales.ts';
import type { FormContext, FieldName, TicketFields } from '../form/ticket-form.ts';
import type { FlowState, FormStep } from '../flow/steps.ts';
import type { ArticleHit } from '../../../core/search/pagefind.ts';
import type { Messages } from '../i18n/en.ts';
import type { SecretRange } from '../../../core/validation/secrets.ts';

export interface AttachmentView {
  id: string;
  file: File;
  url?: string;
}

export type SearchState = 'idle' | 'loading' | 'ready' | 'unavailable';

export interface StepHost {
  readonly t: Messages;
  readonly uiLang: UiLanguage;
  readonly contentLang: ContentLanguage;
  readonly supportConfig?: SupportConfig;
  readonly context: FormContext;
  readonly fields: TicketFields;
  readonly flow: FlowState;
  readonly notices: ServiceNotice[];
  readonly suggestions: ArticleHit[];
  readonly searchState: SearchState;
  readonly attachments: AttachmentView[];
  readonly attachmentErrors: string[];
  readonly services: readonly (string | { id: string; label: string })[];
  readonly secrets: Map<FieldName, SecretRange[]>;
  readonly duplicate?: { number?: string; sentAt: string };
  readonly persistent: boolean;
  readonly serverErrors: ReadonlyMap<string, string>;
  readonly sendState: { busy: boolean; message: string; canRetry: boolean };
  readonly result?: { number: string; email: string; expectedReplyBy?: string; statusUrl?: string };
  visibleError(name: FieldName): string | undefined;
  setField<K extends FieldName>(name: K, value: TicketFields[K]): void;
  touch(name: FieldName): void;
  next(): void;
  back(): void;
  edit(step: FormStep): void;
  send(): void;
  deflect(hit: ArticleHit): void;
  restart(): void;
  addFiles(files: Iterable<File>): void;
  removeFile(id: string): void;
  /** `{ timeZone }` of the market whose hours apply, for dates the customer reads. */
  readonly marketZone: { timeZone?: string };
  formatDate(date: Date, options: Intl.DateTimeFormatOptions): string;
}
