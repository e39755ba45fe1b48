/** The articles suggested on the first step, each with "This solved it"; part of the form that loads on first interaction. */
import { html, nothing, type TemplateResult } from 'lit';
import { excerptSegments, type ArticleHit } from '../../../core/search/pagefind.ts';
import { format } from '../../../core/i18n/format.ts';
import { listed } from './describe.ts';
import type { FirstStepHost } from './step-host.ts';

function renderExcerpt(hit: ArticleHit): TemplateResult {
  return html`${excerptSegments(hit.excerpt).map((s) => (s.mark ? html`<mark>${s.text}</mark>` : s.text))}`;
}

export function renderSuggestions(host: FirstStepHost): TemplateResult | typeof nothing {
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
