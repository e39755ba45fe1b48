/** Localized URLs of the site's fixed pages; articles live at `/{lang}/{slug}/`. */
import { contentLanguages, languagePath, type ContentLanguage } from '../../../core/contract/locales.ts';

export const pageSlugs = {
  search: { 'pt-BR': 'busca', it: 'cerca' },
  newTicket: { 'pt-BR': 'abrir-ticket', it: 'apri-ticket' },
  ticketStatus: { 'pt-BR': 'ticket', it: 'ticket' },
  /** For operators: the embed snippet, its integrity hash and a generator with a live preview. */
  embed: { 'pt-BR': 'incorporar', it: 'integrare' },
} as const satisfies Record<string, Record<ContentLanguage, string>>;

export type PageName = keyof typeof pageSlugs;

export function homeUrl(lang: ContentLanguage): string {
  return `/${languagePath[lang]}/`;
}

export function pageUrl(page: PageName, lang: ContentLanguage): string {
  return `/${languagePath[lang]}/${pageSlugs[page][lang]}/`;
}

/** Slugs an article may not take, because a fixed page (or the 404) already uses them. */
export const reservedSlugs: ReadonlySet<string> = new Set([
  '404',
  ...Object.values(pageSlugs).flatMap((slugs) => Object.values(slugs)),
]);

export function otherLanguage(lang: ContentLanguage): ContentLanguage {
  return contentLanguages.find((l) => l !== lang) ?? lang;
}

export function languageFromPath(segment: string): ContentLanguage | undefined {
  return contentLanguages.find((l) => languagePath[l] === segment);
}
