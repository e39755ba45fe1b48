/** One labelled control with its hint and error wired through ARIA, shared by every step. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { TicketFields } from '../form/ticket-form.ts';
import type { FirstStepHost } from './step-host.ts';

export interface FieldOptions {
  label: string;
  hint?: string;
  kind?: 'text' | 'email' | 'textarea';
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: 'text' | 'email' | 'url';
  /** Extra content under the control (e.g. a "did you mean" button). */
  after?: TemplateResult | typeof nothing;
}

export function renderField(host: FirstStepHost, name: keyof TicketFields, options: FieldOptions): TemplateResult {
  const id = `f-${name}`;
  const error = host.visibleError(name);
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const value = String(host.fields[name] ?? '');
  const onInput = (event: Event) => host.setField(name, (event.target as HTMLInputElement).value);
  const onBlur = () => host.touch(name);
  const label = html`<label for=${id}>${options.label}${options.required ? nothing : html`<span class="hint optional">(${host.t.optional})</span>`}</label>`;
  const control =
    options.kind === 'textarea'
      ? html`<textarea id=${id} name=${name} .value=${live(value)} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy}
          ?required=${options.required} maxlength=${options.maxlength ?? nothing} @input=${onInput} @blur=${onBlur}></textarea>`
      : html`<input id=${id} name=${name} type=${options.kind ?? 'text'} .value=${live(value)} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy} ?required=${options.required} autocomplete=${options.autocomplete ?? 'off'}
          inputmode=${options.inputmode ?? nothing} maxlength=${options.maxlength ?? nothing} @input=${onInput} @blur=${onBlur} />`;
  return html`<div class="field" part="field">
    ${label} ${options.hint ? html`<p class="hint" id=${`${id}-hint`}>${options.hint}</p>` : nothing} ${control}
    ${error ? html`<p class="error" id=${`${id}-error`} role="alert">${error}</p>` : nothing} ${options.after ?? nothing}
  </div>`;
}
