/**
 * `<kb-search-page>`: the search page's island. Enhances a plain GET form: searches as the visitor
 * types (debounced), keeps `?q=` in the address, filters by department, and reports queries with no
 * result (fire and forget) so editors learn what to write next.
 */
import { limits } from '../../../../core/contract/limits.ts';
import type { ContentLanguage } from '../../../../core/contract/locales.ts';
import type { SearchEvent } from '../../../../core/contract/search-event.ts';
import { format, plural, type PluralForms } from '../../../../core/i18n/format.ts';
import type { ArticleHit, KbSearch, excerptSegments } from '../../../../core/search/pagefind.ts';

interface Engine {
  kb: KbSearch;
  excerptSegments: typeof excerptSegments;
}

class KbSearchPage extends HTMLElement {
  #engine?: Promise<Engine>;
  #timer?: ReturnType<typeof setTimeout>;
  #missTimer?: ReturnType<typeof setTimeout>;
  #reported = new Set<string>();
  #run = 0;

  connectedCallback(): void {
    const form = this.querySelector('form');
    const input = this.querySelector<HTMLInputElement>('input[name="q"]');
    const select = this.querySelector<HTMLSelectElement>('select[name="department"]');
    if (!form || !input) return;
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') ?? input.value;
    if (select) select.value = params.get('department') ?? '';
    const update = (delay: number) => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#search(input.value, select?.value ?? ''), delay);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      update(0);
    });
    input.addEventListener('input', () => update(180));
    select?.addEventListener('change', () => update(0));
    if (input.value.trim()) update(0);
  }

  /** The search (its pipeline and Pagefind) loads on the first search: the page itself ships only this island. */
  #engineLoaded(): Promise<Engine> {
    this.#engine ??= import('../../../../core/search/pagefind.ts').then(async ({ loadKbSearch, excerptSegments }) => ({
      kb: await loadKbSearch(new URL(this.dataset.bundle ?? '', location.href).href),
      excerptSegments,
    }));
    return this.#engine;
  }

  async #search(raw: string, department: string): Promise<void> {
    const query = raw.trim();
    const run = ++this.#run;
    const url = new URL(location.href);
    url.searchParams.set('q', query);
    if (department) url.searchParams.set('department', department);
    else url.searchParams.delete('department');
    history.replaceState(null, '', url);
    const status = this.querySelector<HTMLElement>('[role="status"]');
    const list = this.querySelector<HTMLOListElement>('ol.results');
    const empty = this.querySelector<HTMLElement>('.no-results');
    if (!status || !list || !empty) return;
    if (!query) {
      list.replaceChildren();
      empty.hidden = true;
      status.textContent = '';
      return;
    }
    status.textContent = this.dataset.loading ?? '';
    let hits: ArticleHit[];
    let engine: Engine;
    try {
      engine = await this.#engineLoaded();
      // Each result shown is one Pagefind fragment fetched: ten answer a query, past ten a visitor rewords it.
      hits = await engine.kb.search(query, { department: department || undefined, limit: 10 });
    } catch {
      this.#engine = undefined;
      if (run === this.#run) status.textContent = this.dataset.unavailable ?? '';
      return;
    }
    if (run !== this.#run) return; // a newer query is on its way
    list.replaceChildren(...hits.map((hit) => this.#item(hit, engine.excerptSegments)));
    empty.hidden = hits.length > 0;
    // "1 resultado", "2 resultados": the count's plural form in the page's language.
    status.textContent = hits.length
      ? plural(document.documentElement.lang, JSON.parse(this.dataset.results ?? '{"one":"","other":""}') as PluralForms, hits.length, { query })
      : format(this.dataset.none ?? '', { query });
    const queryText = empty.querySelector('[data-query]');
    if (queryText) queryText.textContent = query;
    clearTimeout(this.#missTimer);
    // Report a miss only once the visitor stops typing, not every prefix of a word.
    if (!hits.length) this.#missTimer = setTimeout(() => this.#reportMiss(query), 1500);
  }

  #item(hit: ArticleHit, excerptSegments: Engine['excerptSegments']): HTMLLIElement {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = hit.url;
    link.textContent = hit.title;
    const excerpt = document.createElement('p');
    for (const part of excerptSegments(hit.excerpt)) {
      excerpt.append(part.mark ? Object.assign(document.createElement('mark'), { textContent: part.text }) : part.text);
    }
    li.append(link);
    // The department's name as the filter lists it (the index holds only its key).
    const departmentName = hit.department && this.querySelector(`select[name="department"] option[value="${CSS.escape(hit.department)}"]`)?.textContent;
    if (departmentName) {
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = departmentName;
      li.append(tag);
    }
    li.append(excerpt);
    return li;
  }

  #reportMiss(query: string): void {
    const endpoint = this.dataset.events;
    const key = query.toLowerCase();
    if (!endpoint || this.#reported.has(key)) return;
    this.#reported.add(key);
    // The page is rendered in one of the KB's languages, which its <html lang> names.
    const event: SearchEvent = { type: 'search-miss', query: query.slice(0, limits.searchQuery.max), lang: document.documentElement.lang as ContentLanguage };
    fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
      keepalive: true,
    }).catch(() => {});
  }
}

if (!customElements.get('kb-search-page')) customElements.define('kb-search-page', KbSearchPage);
