/** Step 1: service notices first, then the problem in the customer's words, with articles that may solve it. */
import { html, nothing, type TemplateResult } from 'lit';
import { excerptSegments, type ArticleHit } from '../../../core/search/pagefind.ts';
import { format, plural } from '../../../core/i18n/format.ts';
import { renderField } from './field.ts';
import type { StepHost } from './step-host.ts';
import { limits } from '../../../core/contract/limits.ts';

export function renderNotices(host: StepHost): TemplateResult | typeof nothing {
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

function renderExcerpt(hit: ArticleHit): TemplateResult {
  return html`${excerptSegments(hit.excerpt).map((s) => (s.mark ? html`<mark>${s.text}</mark>` : s.text))}`;
}

/** Articles to show: while a new search runs the last ones stay, so the list does not flicker. */
const listed = (host: StepHost): boolean => host.suggestions.length > 0 && (host.searchState === 'ready' || host.searchState === 'loading');

/**
 * What the live region says about the search: a short status, or how many articles were found (read
 * by screen readers only: the list is on screen). Never the list itself, which would be read out
 * whole after every pause in typing.
 */
function renderSearchStatus(host: StepHost): TemplateResult | typeof nothing {
  const t = host.t.describe;
  const count = host.suggestions.length;
  if (listed(host)) {
    return html`<span class="visually-hidden">${plural(host.uiLang, t.found, count)}</span>`;
  }
  const status = { idle: '', loading: t.searching, ready: t.noSuggestions, unavailable: t.searchUnavailable }[host.searchState];
  return status ? html`<p class="hint" part="search-status">${status}</p>` : nothing;
}

function renderSuggestions(host: StepHost): TemplateResult | typeof nothing {
  const t = host.t.describe;
  if (!listed(host)) return nothing;
  return html`<section aria-labelledby="suggestions-title" part="suggestions">
    <h3 id="suggestions-title">${t.suggestionsHeading}</h3>
    <ul class="suggestions">
      ${host.suggestions.map(
        (hit) => html`<li>
          <a href=${hit.url} target="_blank" rel="noopener" title=${t.open} @click=${() => host.openSuggestion(hit)}>${hit.title}</a>
          <p class="excerpt">${renderExcerpt(hit)}</p>
          <button type="button" class="secondary" aria-label=${format(t.solvedLabel, { title: hit.title })} @click=${() => host.deflect(hit)}>${t.solved}</button>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function renderDescribe(host: StepHost): TemplateResult {
  const t = host.t.describe;
  return html`
    ${renderNotices(host)}
    <h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    ${renderField(host, 'subject', { label: host.t.describe.subject, hint: t.subjectHint, required: true, maxlength: limits.subject.max })}
    <div class="search" role="status">${renderSearchStatus(host)}</div>
    ${renderSuggestions(host)}
    ${renderField(host, 'message', { label: t.message, hint: t.messageHint, kind: 'textarea', maxlength: limits.message.max })}
    <div class="actions">
      <span></span>
      <button type="button" part="next" @click=${() => host.next()}>${listed(host) ? t.stillNeedHelp : host.t.next}</button>
    </div>
  `;
}

export function renderDeflected(host: StepHost): TemplateResult {
  const t = host.t.deflected;
  return html`<h2 tabindex="-1" data-step-heading>${t.heading}</h2>
    <p>${t.body}</p>
    <div class="actions">
      <button type="button" class="secondary" @click=${() => host.undoDeflect()}>${t.undo}</button>
      <button type="button" class="secondary" @click=${() => host.restart()}>${t.again}</button>
    </div>`;
}
