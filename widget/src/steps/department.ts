/** Step 2: the department as large choices, then the topic; its cost shows before any typing. */
import { html, nothing, type TemplateResult } from 'lit';
import { departmentKeys } from '../../../core/contract/support-keys.ts';
import { marketFor } from '../../../core/contract/markets.ts';
import { format } from '../../../core/i18n/format.ts';
import { paidTier, topicsOf, topicTier } from '../form/ticket-form.ts';
import type { StepHost } from './step-host.ts';

/** What the chosen topic costs, always shown once a topic is chosen: support decides, the customer is never surprised. */
function costNote(host: StepHost): TemplateResult | typeof nothing {
  const t = host.t.department;
  const config = host.supportConfig;
  const tier = topicTier(host.fields, host.context);
  if (!config || !tier) return nothing;
  if (tier === 'included') return html`<p class="note" part="tier">${t.included}</p>`;
  const market = marketFor(config, host.contentLang);
  const paid = market.paidSupport;
  const charge = paidTier(host.fields, host.context);
  if (tier === 'paid-unless-ours') return oursNote(host, paid.model === 'per-request' || paid.costKnownInAdvance);
  let text: string = t.quoted;
  if (charge === 'paid' && paid.model === 'per-request') {
    const price = new Intl.NumberFormat(host.uiLang, { style: 'currency', currency: market.currency }).format(paid.price);
    text = format(t.paidPerRequest, { price, minutes: paid.maxMinutes });
  } else if (charge === 'paid' && paid.model === 'credits') {
    text = `${format(t.paidCredits, { pack: paid.packName, days: paid.validityDays })}${paid.costKnownInAdvance ? '' : ` ${t.costUnknown}`}`;
  }
  const error = host.visibleError('paidAcknowledged');
  return html`<div class="note warning" part="tier">
    <p id="paid-terms">${text}</p>
    ${charge
      ? html`<label class="check"><input id="f-paidAcknowledged" type="checkbox" .checked=${host.fields.paidAcknowledged}
          aria-describedby=${error ? 'paid-terms f-paidAcknowledged-error' : 'paid-terms'} aria-invalid=${error ? 'true' : 'false'}
          @change=${(e: Event) => host.setField('paidAcknowledged', (e.target as HTMLInputElement).checked)} />${t.understand}</label>
        ${error ? html`<p class="error" id="f-paidAcknowledged-error" role="alert">${error}</p>` : nothing}`
      : nothing}
  </div>`;
}

const changedAnswers = ['yes', 'no', 'unsure'] as const;

/**
 * A topic free when the cause is ours: the customer says whether it started after a change of
 * theirs, and the answer words the notice. The notice never goes away: support decides the cause.
 */
function oursNote(host: StepHost, costConfirmed: boolean): TemplateResult {
  const t = host.t.department;
  const after = host.fields.changedBefore === 'yes';
  return html`<div class="note" part="tier">
    <fieldset class="inline-choices" aria-describedby="ours-terms">
      <legend>${t.changed}</legend>
      ${changedAnswers.map(
        (answer) => html`<label class="check"><input type="radio" name="changedBefore" id=${`f-changedBefore-${answer}`} .value=${answer}
          .checked=${host.fields.changedBefore === answer} @change=${() => host.setField('changedBefore', answer)} />${t.changedAnswers[answer]}</label>`,
      )}
    </fieldset>
    <p id="ours-terms">${after ? t.oursAfterChange : t.ours} ${costConfirmed ? t.costConfirmed : t.costUnknown}</p>
  </div>`;
}

export function renderDepartment(host: StepHost): TemplateResult {
  const t = host.t.department;
  const lang = host.contentLang;
  // Without a config (the KB unreachable, nothing cached), the widget's own names: never a raw key.
  const departments =
    host.supportConfig?.departments.map((d) => ({ key: d.key, name: d.name[lang], description: d.description[lang] })) ??
    departmentKeys.map((key) => ({ key, name: host.t.departments[key], description: '' }));
  const topics = topicsOf(host.fields.department, host.context);
  const deptError = host.visibleError('department');
  const topicError = host.visibleError('topic');
  return html`
    <h2 tabindex="-1" data-step-heading id="department-title">${t.heading}</h2>
    <fieldset class="choices" aria-labelledby="department-title" aria-describedby=${deptError ? 'f-department-error' : nothing}>
      ${departments.map(
        (d) => html`<label class="choice" part="choice">
          <input type="radio" name="department" id=${`f-department-${d.key}`} .value=${d.key} .checked=${host.fields.department === d.key}
            @change=${() => host.setField('department', d.key)} />
          <span><strong>${d.name}</strong>${d.description ? html`<span class="hint">${d.description}</span>` : nothing}</span>
        </label>`,
      )}
    </fieldset>
    ${deptError ? html`<p class="error" id="f-department-error" role="alert">${deptError}</p>` : nothing}
    ${topics.length
      ? html`<div class="field">
          <label for="f-topic">${t.topic}</label>
          <select id="f-topic" .value=${host.fields.topic} aria-invalid=${topicError ? 'true' : 'false'}
            aria-describedby=${topicError ? 'f-topic-error' : nothing}
            @change=${(e: Event) => host.setField('topic', (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!host.fields.topic}>—</option>
            ${topics.map((topic) => html`<option value=${topic.key} ?selected=${host.fields.topic === topic.key}>${topic.name[lang]}</option>`)}
          </select>
          ${topicError ? html`<p class="error" id="f-topic-error" role="alert">${topicError}</p>` : nothing}
        </div>`
      : nothing}
    ${costNote(host)}
    <div class="actions">
      <button type="button" class="secondary" part="back" @click=${() => host.back()}>${host.t.back}</button>
      <button type="button" part="next" @click=${() => host.next()}>${host.t.next}</button>
    </div>
  `;
}
