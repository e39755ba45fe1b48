/**
 * Which market's hours, prices and ticket prefix apply, and which notices are on. Kept apart from
 * the schema module: the widget needs these few lines, not the schemas (which cannot be tree-shaken).
 */
import { contentLanguageFor, type UiLanguage } from './locales.ts';
import { marketKeys } from './support-keys.ts';
import type { Market, ServiceNotice, SupportConfig } from './support-config.ts';

/** The market whose language is the content language for `lang` (English: the KB's default language). */
export function marketFor(config: SupportConfig, lang: UiLanguage): Market {
  const language = contentLanguageFor(lang, config.defaultLanguage);
  const key = marketKeys.find((k) => config.markets[k].language === language) ?? marketKeys[0];
  return config.markets[key];
}

/** Notices that are on at `now`. */
export function activeNotices(config: SupportConfig, now: Date): ServiceNotice[] {
  return config.notices.filter(
    (n) => Date.parse(n.startsAt) <= now.getTime() && (!n.endsAt || now.getTime() < Date.parse(n.endsAt)),
  );
}
