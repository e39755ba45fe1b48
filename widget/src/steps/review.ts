/** Step 5: everything at a glance with edit links; secrets and likely duplicates are called out before Send. */
import { html, nothing, type TemplateResult } from 'lit';
import { paidRequires, topicsOf, type FieldName } from '../form/ticket-form.ts';
import { visibleSteps, type FormStep } from '../flow/steps.ts';
import { format } from '../../../core/i18n/format.ts';
import type { SecretRange } from '../../../core/validation/secrets.ts';
import type { StepHost } from './step-host.ts';

/** The text with each secret wrapped in a highlighted <mark>. */
function highlight(text: string, ranges: SecretRange[]): TemplateResult {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const r of ranges) {
    parts.push(text.slice(last, r.start), html`<mark class="secret">${text.slice(r.start, r.end)}</mark>`);
    last = r.end;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

/** A field's label, to name it in notes and warnings. */
export const labelOf = (host: StepHost, name: FieldName): string =>
  ({
    subject: host.t.describe.subject,
    message: host.t.details.message,
    errorMessage: host.t.details.errorMessage,
    steps: host.t.details.steps,
    service: host.t.details.service,
    domain: host.t.details.domain,
    panelUser: host.t.details.panelUser,
    highReason: host.t.details.highReason,
    name: host.t.contact.name,
    email: host.t.contact.email,
  })[name as string] ?? name;

/** Which step asks a field, for the edit links next to a secret. */
const stepOf = (name: FieldName): FormStep =>
  name === 'subject' ? 'describe' : name === 'name' || name === 'email' ? 'contact' : name === 'department' || name === 'topic' ? 'department' : 'details';

function row(host: StepHost, name: FieldName, value: string): TemplateResult | typeof nothing {
  const rejected = host.serverErrors.get(name);
  if (!value.trim() && !rejected) return nothing;
  const ranges = host.secrets.get(name);
  return html`<div><dt>${labelOf(host, name)}</dt><dd>${ranges ? highlight(value, ranges) : value}${
    rejected ? html`<p class="error" role="alert">${rejected}</p>` : nothing
  }</dd></div>`;
}

/** Server errors no review row shows (the form as a whole, or a field this step list does not have). */
const rowFields = new Set(['subject', 'service', 'domain', 'panelUser', 'highReason', 'message', 'steps', 'errorMessage', 'name', 'email']);

function section(host: StepHost, step: FormStep, rows: (TemplateResult | typeof nothing)[]): TemplateResult {
  const title = host.t.steps[step as Exclude<FormStep, 'review'>];
  return html`<section part="review-section">
    <div class="section-head"><h3>${title}</h3>
      <button type="button" class="link" ?disabled=${host.sendState.busy || host.sendState.canRetry} aria-label=${format(host.t.review.editLabel, { section: title })} @click=${() => host.edit(step)}>${host.t.review.edit}</button>
    </div>
    <dl>${rows}</dl>
  </section>`;
}

export function renderReview(host: StepHost): TemplateResult {
  const t = host.t.review;
  const f = host.fields;
  const lang = host.contentLang;
  const department = host.supportConfig?.departments.find((d) => d.key === f.department);
  const topic = topicsOf(f.department, host.context).find((x) => x.key === f.topic);
  const priority = host.supportConfig?.priorities.find((p) => p.key === f.priority);
  const steps = visibleSteps({ contactKnown: host.context.contactKnown });
  const secrets = [...host.secrets.entries()];
  return html`
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${host.persistent ? nothing : html`<p class="note warning">${t.draftNotSaved}</p>`}
    ${secrets.map(([name, ranges]) => html`<div class="note warning" role="alert" part="secret-warning">
      <p>${format(t.secrets, { kind: host.t.secretKinds[ranges[0]!.kind] })} <strong>${labelOf(host, name)}</strong></p>
      <button type="button" class="secondary" @click=${() => host.edit(stepOf(name))}>${t.edit}: ${labelOf(host, name)}</button>
    </div>`)}
    ${[...host.serverErrors].filter(([name]) => !rowFields.has(name)).map(([name, message]) => html`<p class="note warning" role="alert" part="server-error">
      ${name === 'form' || name === '(body)' ? message : `${labelOf(host, name as FieldName)}: ${message}`}</p>`)}
    ${host.sendState.canRetry ? html`<p class="note" part="frozen">${t.frozen}</p>` : nothing}
    ${host.duplicate
      ? html`<div class="note warning" part="duplicate-warning"><p>${format(t.duplicate, {
          number: host.duplicate.number ?? '—',
          date: host.formatDate(new Date(host.duplicate.sentAt), { dateStyle: 'long' }),
        })}</p></div>`
      : nothing}
    ${section(host, 'describe', [row(host, 'subject', f.subject)])}
    ${section(host, 'department', [
      html`<div><dt>${host.t.steps.department}</dt><dd>${department?.name[lang] ?? (f.department && host.t.departments[f.department])}</dd></div>`,
      topic ? html`<div><dt>${host.t.department.topic}</dt><dd>${topic.name[lang]}</dd></div>` : nothing,
    ])}
    ${section(host, 'details', [
      row(host, 'service', f.service),
      row(host, 'domain', f.domain),
      row(host, 'panelUser', f.panelUser),
      html`<div><dt>${host.t.details.priority}</dt><dd>${priority?.name[lang] ?? host.t.priorities[f.priority]}</dd></div>`,
      f.priority === 'high' ? row(host, 'highReason', f.highReason) : nothing,
      row(host, 'message', f.message),
      paidRequires(f, host.context).includes('steps') ? row(host, 'steps', f.steps) : nothing,
      row(host, 'errorMessage', f.errorMessage),
      html`<div><dt>${host.t.details.attachments}</dt><dd>${host.attachments.length ? host.attachments.map((a) => a.file.name).join(', ') : t.attachmentsNone}</dd></div>`,
    ])}
    ${steps.includes('contact') ? section(host, 'contact', [row(host, 'name', f.name), row(host, 'email', f.email)]) : nothing}
    <div class="actions">
      <button type="button" class="secondary" part="back" ?disabled=${host.sendState.busy || host.sendState.canRetry} @click=${() => host.back()}>${host.t.back}</button>
      <button type="button" part="send" ?disabled=${host.sendState.busy || secrets.length > 0} aria-disabled=${host.sendState.busy ? 'true' : 'false'}
        @click=${() => host.send()}>${host.sendState.canRetry ? t.retry : t.send}</button>
    </div>
  `;
}

export function renderDone(host: StepHost): TemplateResult {
  const t = host.t.done;
  const result = host.result;
  return html`
    <h2 tabindex="-1" data-step-heading>${format(t.heading, { number: result?.number ?? '' })}</h2>
    ${result ? host.replyText(result.replyExpectation, new Date(result.sentAt)).map((line) => html`<p part="expected-reply">${line}</p>`) : nothing}
    ${result ? html`<p>${result.confirmationEmail ? format(t.email, { email: result.email }) : t.noEmail}</p>` : nothing}
    ${result?.statusUrl ? html`<p><a part="status-link" href=${result.statusUrl} target="_blank" rel="noopener">${t.follow}</a></p>` : nothing}
    <p class="note">${t.etiquette}</p>
    <div class="actions"><button type="button" class="secondary" @click=${() => host.restart()}>${t.another}</button></div>
  `;
}
