/**
 * Loads a Pagefind bundle from a knowledge base and searches it. Shared by the site's search page
 * and the widget's deflection step. The bundle is imported at run time from `basePath` (another
 * origin for the widget), so nothing loads until someone searches.
 */

/** One search hit, ready to show. */
export interface ArticleHit {
  url: string;
  title: string;
  /** Pagefind's excerpt: escaped text with `<mark>` around matched words. */
  excerpt: string;
  department?: string;
  departmentName?: string;
  /** Pagefind's relevance for the query that found it. */
  score: number;
}

interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[] | undefined>;
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{
    results: { id: string; score: number; data(): Promise<PagefindData> }[];
  } | null>;
}

export interface KbSearch {
  search(query: string, options?: { department?: string; limit?: number }): Promise<ArticleHit[]>;
}

/** `{kb}/pagefind/{pt-br|it}/` for a KB origin and a language path segment. */
export function bundleUrl(kbOrigin: string, languageSegment: string): string {
  return new URL(`/pagefind/${languageSegment}/`, kbOrigin).href;
}

/** Imports and initializes the bundle at `basePath` (absolute URL ending in `/`). Rejects when it cannot load. */
export async function loadKbSearch(basePath: string, importer = (url: string) => import(/* @vite-ignore */ url)): Promise<KbSearch> {
  const pagefind = (await importer(`${basePath}pagefind.js`)) as PagefindModule;
  await pagefind.options({ basePath, excerptLength: 22 });
  await pagefind.init();
  const origin = new URL(basePath).origin;
  return {
    async search(query, { department, limit = 5 } = {}) {
      const response = await pagefind.search(query, department ? { filters: { department } } : {});
      const top = response?.results.slice(0, limit) ?? [];
      const data = await Promise.all(top.map(async (r) => ({ ...(await r.data()), score: Number(r.score) || 0 })));
      return data.map((d) => ({
        score: d.score,
        // Pagefind answers with site-relative URLs; the widget shows them on another origin.
        url: new URL(d.url, origin).href,
        title: d.meta.title ?? d.url,
        excerpt: d.excerpt,
        department: d.filters.department?.[0],
        departmentName: d.meta.department,
      }));
    },
  };
}

/** Pagefind excerpts as text/mark segments, so callers render them without innerHTML. */
export function excerptSegments(excerpt: string): { text: string; mark: boolean }[] {
  const decode = (s: string) =>
    s.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", amp: '&' })[e] ?? '');
  const segments: { text: string; mark: boolean }[] = [];
  const pattern = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (const match of excerpt.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: decode(excerpt.slice(last, match.index)), mark: false });
    segments.push({ text: decode(match[1] ?? ''), mark: true });
    last = match.index + match[0].length;
  }
  if (last < excerpt.length) segments.push({ text: decode(excerpt.slice(last)), mark: false });
  return segments.filter((s) => s.text.length > 0);
}
