/** Picks the dictionary of a UI language. */
import type { UiLanguage } from '../../../core/contract/locales.ts';
import { en, type Messages } from './en.ts';
import { ptBR } from './pt-BR.ts';
import { it } from './it.ts';

const dictionaries: Record<UiLanguage, Messages> = { 'pt-BR': ptBR, it, en };

export function messagesFor(lang: UiLanguage): Messages {
  return dictionaries[lang];
}
