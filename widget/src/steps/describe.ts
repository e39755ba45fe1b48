/**
 * Step 1: service notices first, then the problem in the customer's words, with articles that may
 * solve it. In the script-tag entry: it renders before the rest of the form has loaded (no
 * suggestions can exist yet, so their list comes from the form, see suggestions.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { format, plural } from '../../../core/i18n/format.ts';
import { renderField } from './field.ts';
import type { FirstStepHost } from './step-host.ts';
import { limits } from '../../../core/contract/limits.ts';

export function renderNotices(host: FirstStepHost): TemplateResult | typeof nothing {
  if (!host.notices.length) return nothing;
  const lang = host.contentLang;
  return html`${host.notices.map(
    (n) => html`<section class="note notice" part="notice" role="note" aria-label=${host.t.notice[n.severity]}>
      <p><strong>${host.t.notice[n.severity]}: ${n.title[lang]}</strong></p>
      <p>${n.body[lang]}</p>
      <p class="hint">${[
        format(host.t.notice.since, { time: host.formatDate(new Date(n.startsAt), { dateStyle: 'short', timeStyle: 'short', ...host.marketZone }) }),
        n.endsAt ? format(host.t.notice.until, { time: host.formatDate(new Date(n.endsAt), { timeStyle: 'short', ...host.marketZone }) }) : '',
      ].filter(Boolean).join(' ')}</p>
    </section>`,
  )}`;
}

/** Articles to show: while a new search runs the last ones stay, so the list does not flicker. */
export const listed = (host: FirstStepHost): boolean => host.suggestions.length > 0 && (host.searchState === 'ready' || host.searchState === 'loading');

/**
 * What the live region says about the search: a short status, or how many articles were found (read
 * by screen readers only: the list is on screen). Never the list itself, which would be read out
 * whole after every pause in typing.
 */
function renderSearchStatus(host: FirstStepHost): TemplateResult | typeof nothing {
  const t = host.t.describe;
  const count = host.suggestions.length;
  if (listed(host)) {
    return html`<span class="visually-hidden">${plural(host.uiLang, t.found, count)}</span>`;
  }
  const status = { idle: '', loading: t.searching, ready: t.noSuggestions, unavailable: t.searchUnavailable }[host.searchState];
  return status ? html`<p class="hint" part="search-status">${status}</p>` : nothing;
}

/** `suggestions` renders the suggested articles; the form brings it, as only a loaded form can have any. */
export function renderDescribe(host: FirstStepHost, suggestions: (host: FirstStepHost) => TemplateResult | typeof nothing = () => nothing): TemplateResult {
  const t = host.t.describe;
  return html`
    ${renderNotices(host)}
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${renderField(host, 'subject', { label: host.t.describe.subject, hint: t.subjectHint, required: true, maxlength: limits.subject.max })}
    <div class="search" role="status">${renderSearchStatus(host)}</div>
    ${suggestions(host)}
    ${renderField(host, 'message', { label: t.message, hint: t.messageHint, kind: 'textarea', maxlength: limits.message.max })}
    <div class="actions">
      <span></span>
      <button type="button" part="next" @click=${() => host.next()}>${listed(host) ? t.stillNeedHelp : host.t.next}</button>
    </div>
  `;
}
