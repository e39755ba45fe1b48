/** Step 3: what support needs to act at once: service, domain, priority with its expected reply, message, error, files. */
import { html, nothing, type TemplateResult } from 'lit';
import { priorityKeys, type PriorityKey } from '../../../core/contract/support-keys.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { hasClockTimes, isOpen, nextOpening } from '../../../core/hours/business-hours.ts';
import { format } from '../../../core/i18n/format.ts';
import { renderField } from './field.ts';
import { renderAttachments } from './attachments.ts';
import type { StepHost } from './step-host.ts';
import { limits } from '../../../core/contract/limits.ts';

/** How people name a market's clock ("horário de Brasília"). */
const placeOf = (timeZone: string) => ({ 'America/Sao_Paulo': 'Brasília', 'Europe/Rome': 'Roma' })[timeZone] ?? timeZone.split('/').at(-1)?.replace(/_/g, ' ') ?? timeZone;

export function replyTexts(host: StepHost, priority: PriorityKey, now = new Date()): { when: string; nowIs?: string } | undefined {
  if (!host.supportConfig) return undefined;
  const market = marketFor(host.supportConfig, host.contentLang);
  if (!hasClockTimes(market)) return undefined;
  const due = nextOpening(market, now);
  const zone = { timeZone: market.timeZone };
  const when = host.formatDate(due, { ...zone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
  const nowIs = isOpen(market, now)
    ? undefined
    : format(host.t.details.nowIs, { now: host.formatDate(now, { ...zone, weekday: 'long', hour: '2-digit', minute: '2-digit' }), place: placeOf(market.timeZone) });
  return { when, ...(nowIs ? { nowIs } : {}) };
}

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
  const selected = replyTexts(host, host.fields.priority);
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
    ${selected
      ? html`<p class="note" part="expected-reply">${[selected.nowIs, format(t.expectReply, { when: selected.when })].filter(Boolean).join(' ')}</p>`
      : nothing}
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
  return html`
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${renderService(host)}
    ${technical
      ? html`${renderField(host, 'domain', { label: t.domain, hint: t.domainHint, inputmode: 'url', maxlength: limits.domain.max })}
        ${renderField(host, 'panelUser', { label: t.panelUser, hint: t.panelUserHint, maxlength: limits.panelUser.max, autocomplete: 'username' })}`
      : nothing}
    ${renderPriority(host)}
    ${renderField(host, 'message', { label: t.message, hint: t.messageHint, kind: 'textarea', required: true, maxlength: limits.message.max })}
    ${technical ? renderField(host, 'errorMessage', { label: t.errorMessage, hint: t.errorMessageHint, kind: 'textarea', maxlength: limits.errorMessage.max }) : nothing}
    ${renderAttachments(host)}
    <div class="actions">
      <button type="button" class="secondary" part="back" @click=${() => host.back()}>${host.t.back}</button>
      <button type="button" part="next" @click=${() => host.next()}>${host.t.next}</button>
    </div>
  `;
}
