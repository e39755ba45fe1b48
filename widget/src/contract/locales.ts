/** The languages support-kit writes content in, as BCP 47 tags used in `lang` attributes. */
export const contentLanguages = ['pt-BR', 'it'] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

/** Languages the widget's interface speaks; English is the fallback for everyone else. */
export const uiLanguages = [...contentLanguages, 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/** URL path segment of each content language (`/pt-br/...`, `/it/...`). */
export const languagePath: Record<ContentLanguage, string> = { 'pt-BR': 'pt-br', it: 'it' };

/** Maps any BCP 47 tag to the language support-kit serves for it (pt, pt-PT -> pt-BR; it-CH -> it). */
export function matchLanguage(tag: string | null | undefined): UiLanguage {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'it') return 'it';
  return 'en';
}
