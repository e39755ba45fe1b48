/** The console's language: `?lang=` (remembered in a cookie), else the cookie, else the browser's Accept-Language. */
import { matchLanguage, uiLanguages, type UiLanguage } from '../../../../core/contract/locales.ts';
import type { ConsoleMessages } from './en.ts';
import { en } from './en.ts';
import { it } from './it.ts';
import { ptBR } from './pt-BR.ts';

export const consoleMessages: Record<UiLanguage, ConsoleMessages> = { 'pt-BR': ptBR, it, en };

export const isUiLanguage = (value: string | undefined): value is UiLanguage => (uiLanguages as readonly (string | undefined)[]).includes(value);

export function consoleLanguage(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (isUiLanguage(query)) return query;
  if (isUiLanguage(cookie)) return cookie;
  return matchLanguage(acceptLanguage);
}
