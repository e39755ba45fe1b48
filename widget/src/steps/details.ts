/** Step 3: what support needs to act at once: service, domain, priority with what the policy says of a reply, message, steps and screenshot for a paid request, error, files. */
import { html, nothing, type TemplateResult } from 'lit';
import { priorityKeys } from '../../../core/contract/support-keys.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { commitment } from '../../../core/hours/business-hours.ts';
import { renderField } from './field.ts';
import { renderAttachments } from './attachments.ts';
import { paidRequires } from '../form/ticket-form.ts';
import type { StepHost } from './step-host.ts';
import { limits } from '../../../core/contract/limits.ts';

/** What the customer reads under the priority: the market's rule for a ticket sent now (a queue's next opening comes with the answer, after sending). */
export const replyTexts = (host: StepHost, now = new Date()): string[] =>
  host.supportConfig ? host.replyText(commitment(marketFor(host.supportConfig, host.contentLang), host.fields.department || 'technical', now), now) : [];

function renderService(host: StepHost): TemplateResult | typeof nothing {
  if (host.context.serviceKnown) return nothing;
  const t = host.t.details;
  if (!host.services.length) return renderField(host, 'service', { label: t.service, hint: t.serviceHint, maxlength: limits.service.max });
  return html`<div class="field">
    <label for="f-service">${t.service}<span class="hint optional">(${host.t.optional})</span></label>
    <p class="hint" id="f-service-hint">${t.serviceHint}</p>
    <select id="f-service" aria-describedby="f-service-hint" @change=${(e: Event) => host.setField('service', (e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!host.fields.service}>${t.serviceChoose}</option>
      ${host.services.map((s) => {
        const label = typeof s === 'string' ? s : s.label;
        return html`<option value=${label} ?selected=${host.fields.service === label}>${label}</option>`;
      })}
    </select>
  </div>`;
}

function renderPriority(host: StepHost): TemplateResult {
  const t = host.t.details;
  const lang = host.contentLang;
  // Without a config, the widget's own names: never a raw key.
  const priorities =
    host.supportConfig?.priorities.map((p) => ({ key: p.key, name: p.name[lang], description: p.description[lang] })) ??
    priorityKeys.map((key) => ({ key, name: host.t.priorities[key], description: '' }));
  const reply = replyTexts(host);
  return html`<fieldset class="choices" part="priority">
      <legend class="label">${t.priority}</legend>
      ${priorities.map(
        (p) => html`<label class="choice">
          <input type="radio" name="priority" id=${`f-priority-${p.key}`} .checked=${host.fields.priority === p.key}
            @change=${() => host.setField('priority', p.key)} />
          <span><strong>${p.name}</strong><span class="hint">${p.description}</span></span>
        </label>`,
      )}
    </fieldset>
    ${reply.length ? html`<p class="note" part="expected-reply">${reply.join(' ')}</p>` : nothing}
    ${host.fields.priority === 'high'
      ? html`<div class="note warning">
          <label class="check"><input id="f-serviceDown" type="checkbox" .checked=${host.fields.serviceDown}
            aria-invalid=${host.visibleError('serviceDown') ? 'true' : 'false'}
            aria-describedby=${host.visibleError('serviceDown') ? 'f-serviceDown-error' : nothing}
            @change=${(e: Event) => host.setField('serviceDown', (e.target as HTMLInputElement).checked)} />${t.serviceDown}</label>
          ${host.visibleError('serviceDown') ? html`<p class="error" id="f-serviceDown-error" role="alert">${host.visibleError('serviceDown')}</p>` : nothing}
          ${renderField(host, 'highReason', { label: t.highReason, required: true, maxlength: limits.highReason.max })}
        </div>`
      : nothing}`;
}

export function renderDetails(host: StepHost): TemplateResult {
  const t = host.t.details;
  const technical = host.fields.department === 'technical';
  const required = paidRequires(host.fields, host.context);
  return html`
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${renderService(host)}
    ${technical
      ? html`${renderField(host, 'domain', { label: t.domain, hint: t.domainHint, inputmode: 'url', maxlength: limits.domain.max })}
        ${renderField(host, 'panelUser', { label: t.panelUser, hint: t.panelUserHint, maxlength: limits.panelUser.max, autocomplete: 'username' })}`
      : nothing}
    ${renderPriority(host)}
    ${renderField(host, 'message', { label: t.message, hint: t.messageHint, kind: 'textarea', required: true, maxlength: limits.message.max })}
    ${required.includes('steps') ? renderField(host, 'steps', { label: t.steps, kind: 'textarea', required: true, maxlength: limits.steps.max }) : nothing}
    ${technical ? renderField(host, 'errorMessage', { label: t.errorMessage, hint: t.errorMessageHint, kind: 'textarea', maxlength: limits.errorMessage.max }) : nothing}
    ${renderAttachments(host, required.includes('screenshot'))}
    <div class="actions">
      <button type="button" class="secondary" part="back" @click=${() => host.back()}>${host.t.back}</button>
      <button type="button" part="next" @click=${() => host.next()}>${host.t.next}</button>
    </div>
  `;
}
