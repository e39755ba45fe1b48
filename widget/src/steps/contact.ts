/** Step 4 (skipped when the host page knows the customer): name, e-mail, privacy notice. */
import { html, nothing, type TemplateResult } from 'lit';
import { validateEmail } from '../../../core/validation/email.ts';
import { format } from '../../../core/i18n/format.ts';
import { renderField } from './field.ts';
import type { StepHost } from './step-host.ts';
import { limits } from '../../../core/contract/limits.ts';

export function renderContact(host: StepHost): TemplateResult {
  const t = host.t.contact;
  const check = validateEmail(host.fields.email);
  const suggestion = check.ok ? check.suggestion : undefined;
  const privacy = host.supportConfig?.privacyNotice[host.contentLang];
  return html`
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${renderField(host, 'name', { label: t.name, required: true, autocomplete: 'name', maxlength: limits.name.max })}
    ${renderField(host, 'email', {
      label: t.email,
      hint: t.emailHint,
      kind: 'email',
      required: true,
      autocomplete: 'email',
      inputmode: 'email',
      maxlength: limits.email.max,
      after: suggestion
        ? html`<p><button type="button" class="link" @click=${() => host.setField('email', suggestion)}>${format(t.didYouMean, { suggestion })}</button></p>`
        : nothing,
    })}
    ${privacy ? html`<p><a href=${privacy} target="_blank" rel="noopener">${t.privacy}</a></p>` : nothing}
    <div class="actions">
      <button type="button" class="secondary" part="back" @click=${() => host.back()}>${host.t.back}</button>
      <button type="button" part="next" @click=${() => host.next()}>${host.t.next}</button>
    </div>
  `;
}
