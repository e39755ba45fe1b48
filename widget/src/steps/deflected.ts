/** After "This solved it": nothing was sent; the customer may go back to the form or start over. */
import { html, type TemplateResult } from 'lit';
import type { StepHost } from './step-host.ts';

export function renderDeflected(host: StepHost): TemplateResult {
  const t = host.t.deflected;
  return html`<h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    <p>${t.body}</p>
    <div class="actions">
      <button type="button" class="secondary" @click=${() => host.undoDeflect()}>${t.undo}</button>
      <button type="button" class="secondary" @click=${() => host.restart()}>${t.again}</button>
    </div>`;
}
