/** Notes above a form step that are about the form as a whole: a config that never came. */
import { html, nothing, type TemplateResult } from 'lit';
import type { StepHost } from './step-host.ts';

export function renderFormNotes(host: StepHost): TemplateResult | typeof nothing {
  return host.configFailed && host.flow.step !== 'describe'
    ? html`<p class="note warning" role="alert" part="config-warning">${host.t.configFailed}</p>`
    : nothing;
}
