/**
 * The languages support-kit speaks and the one rule that maps any language tag to them: the UI
 * language (what the widget, e-mails and API errors are written in) and the content language (the
 * KB searched, the market whose hours and prices apply).
 */

/** The languages support-kit writes content in, as BCP 47 tags used in `lang` attributes. */
export const contentLanguages = ['pt-BR', 'it'] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

/** Languages the widget's interface speaks; English is the fallback for everyone else. */
export const uiLanguages = [...contentLanguages, 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** URL path segment of each content language (`/pt-br/...`, `/it/...`). */
export const languagePath: Record<ContentLanguage, string> = { 'pt-BR': 'pt-br', it: 'it' };

/**
 * The UI language for any BCP 47 tag or `Accept-Language` value: pt, pt-PT -> pt-BR; it-CH -> it;
 * anything else -> en. Only the first (preferred) entry of a list counts.
 */
export function matchLanguage(tag: string | null | undefined): UiLanguage {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_,;\s]/)[0];
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'it') return 'it';
  return 'en';
}

export function isContentLanguage(tag: string): tag is ContentLanguage {
  return (contentLanguages as readonly string[]).includes(tag);
}

/** The content language for a UI language: its own, or the KB's default for English. */
export function contentLanguageFor(lang: UiLanguage, defaultLanguage: ContentLanguage): ContentLanguage {
  return isContentLanguage(lang) ? lang : defaultLanguage;
}
