/**
 * The link that lets a customer follow a ticket: the KB's status page with number and read token in
 * the fragment (never sent to a server). Built by the widget and the confirmation e-mail, parsed by
 * the status page.
 */
import { languagePath, type ContentLanguage } from './locales.ts';

export function statusPageUrl(kbOrigin: string, lang: ContentLanguage, number: string, token: string): string {
  return `${kbOrigin}/${languagePath[lang]}/ticket/#${encodeURIComponent(number)}:${encodeURIComponent(token)}`;
}
