/** What every console page is built from, and what it gives back: a title, its HTML, and its tables as data (JSON, CSV). */
import type { UiLanguage } from '../../../../core/contract/locales.ts';
import type { ServerConfig } from '../../config.ts';
import type { CatalogArticle } from '../../published-articles.ts';
import type { StaffAccount } from '../../store/console-store.ts';
import type { Store } from '../../store/store.ts';
import type { ConsoleMessages } from '../i18n/en.ts';
import type { Formats } from '../i18n/formats.ts';
import type { Html } from '../render/html.ts';
import type { PageKey } from '../render/layout.ts';
import type { DataTable } from '../render/table.ts';

export interface PageContext {
  t: ConsoleMessages;
  lang: UiLanguage;
  formats: Formats;
  staff: StaffAccount;
  /** The page's query string (filters, windows). */
  query: URLSearchParams;
  now: Date;
  store: Store;
  config: ServerConfig;
  /** The KB's published articles; undefined when the site is not built where the server runs. */
  catalog: CatalogArticle[] | undefined;
  forwarders: readonly string[];
  /** A fresh single-use token for a form on this page. */
  formToken(): string;
  /** True when the rows are for a CSV download: every row, not one page of them. */
  exporting: boolean;
}

export interface PageView {
  title: string;
  body: Html;
  tables: DataTable[];
  /** Anything else the JSON API gives (summaries). */
  data?: unknown;
}

/** `value` when it is one of `options`, else `fallback`: a hand-edited query string never breaks a page. */
export function choice<T extends string | number>(value: string | null, options: readonly T[], fallback: T): T {
  return options.find((option) => String(option) === value) ?? fallback;
}

/** Where a table of `page` is downloaded as CSV, with the page's own filters. */
export function csvHref(page: PageKey, tableId: string, query: URLSearchParams, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  params.delete('lang');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const search = params.toString();
  return `/console/api/export/${page}/${tableId}.csv${search ? `?${search}` : ''}`;
}
