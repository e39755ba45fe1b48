/** The attachment picker: choose, drop or paste; caps shown up front; thumbnails with remove buttons. */
import { html, nothing, type TemplateResult } from 'lit';
import { format } from '../../../core/i18n/format.ts';
import { defaultAttachmentPolicy } from '../../../core/contract/support-keys.ts';
import { formatBytes } from '../attachments/attachments.ts';
import type { StepHost } from './step-host.ts';

/** "image/png" -> "PNG", "text/plain" -> "TXT": what people call the files they attach. */
const typeLabel = (type: string) => ({ 'text/plain': 'TXT', 'image/jpeg': 'JPEG', 'image/svg+xml': 'SVG' })[type] ?? (type.split('/')[1] ?? type).toUpperCase();

/** `screenshot`: the request is paid and the market needs a screenshot, so an image is required. */
export function renderAttachments(host: StepHost, screenshot = false): TemplateResult | typeof nothing {
  const policy = host.supportConfig?.attachments ?? defaultAttachmentPolicy;
  if (policy.maxFiles === 0) return nothing;
  const t = host.t.details;
  const types = [...new Set(policy.allowedTypes.map(typeLabel))].join(', ');
  const hint = format(t.attachmentsHint, {
    files: policy.maxFiles,
    fileSize: formatBytes(policy.maxFileBytes, host.uiLang),
    totalSize: formatBytes(policy.maxTotalBytes, host.uiLang),
    types,
  });
  const error = host.visibleError('screenshot');
  const describedBy = `attachments-hint${error ? ' f-screenshot-error' : ''}`;
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).classList.remove('over');
    if (event.dataTransfer?.files.length) host.addFiles(event.dataTransfer.files);
  };
  const onDrag = (event: DragEvent) => {
    event.preventDefault();
    (event.currentTarget as HTMLElement).classList.toggle('over', event.type === 'dragover');
  };
  return html`<div class="field" part="attachments">
    <span class="label" id="attachments-label">${t.attachments}${screenshot ? nothing : html`<span class="hint optional">(${host.t.optional})</span>`}</span>
    <p class="hint" id="attachments-hint">${screenshot ? `${t.screenshotNeeded} ` : ''}${hint}</p>
    <div class="drop" @dragover=${onDrag} @dragleave=${onDrag} @drop=${onDrop}>
      <input id="f-files" class="visually-hidden" type="file" multiple tabindex="-1" accept=${policy.allowedTypes.join(',')}
        aria-labelledby="attachments-label" aria-describedby="attachments-hint"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          if (input.files) host.addFiles([...input.files]);
          input.value = '';
        }} />
      <button type="button" class="secondary" part="add-files" id="f-screenshot" aria-describedby=${describedBy}
        @click=${(e: Event) => ((e.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click()}>${t.addFiles}</button>
      <span class="hint">${t.dropHere}</span>
    </div>
    ${error ? html`<p class="error" id="f-screenshot-error" role="alert">${error}</p>` : nothing}
    ${host.attachmentErrors.map((message) => html`<p class="error" role="alert">${message}</p>`)}
    ${host.serverErrors.get('attachments') ? html`<p class="error" role="alert">${host.serverErrors.get('attachments')}</p>` : nothing}
    ${host.attachments.length
      ? html`<ul class="files" part="files">
          ${host.attachments.map(
            (a) => html`<li>
              ${a.url ? html`<img src=${a.url} alt="" />` : nothing}
              <span class="name">${a.file.name} · ${formatBytes(a.file.size, host.uiLang)}</span>
              <button type="button" class="link" aria-label=${format(t.remove, { name: a.file.name })} @click=${() => host.removeFile(a.id)}>✕</button>
            </li>`,
          )}
        </ul>`
      : nothing}
  </div>`;
}

