/** Notes above a form step that are about the form as a whole: a draft brought back, a config that never came. */
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../../core/i18n/format.ts';
import { labelOf } from './review.ts';
import type { StepHost } from './step-host.ts';

export function renderFormNotes(host: StepHost): TemplateResult {
  const t = host.t.draft;
  const draft = host.restoredDraft;
  const step = host.flow.step;
  return html`${draft
    ? html`<div class="note" part="draft-notice">
        <p>${format(t.restored, { date: host.formatDate(new Date(draft.savedAt), { dateStyle: 'short', timeStyle: 'short' }) })}
          ${draft.cut.length ? format(t.cut, { fields: draft.cut.map((name) => labelOf(host, name)).join(', ') }) : nothing}</p>
        <button type="button" class="secondary" @click=${() => host.discard()}>${t.discard}</button>
      </div>`
    : nothing}${host.configFailed && step !== 'describe'
    ? html`<p class="note warning" role="alert" part="config-warning">${host.t.configFailed}</p>`
    : nothing}`;
}
