/**
 * The site's interface strings, one typed dictionary per language: a key missing in one language
 * fails type checking. `{name}` placeholders are filled by `format()`.
 */
import type { ContentLanguage } from '../../../widget/src/contract/locales.ts';

const ptBR = {
  siteName: 'Central de Ajuda',
  skipToContent: 'Pular para o conteúdo',
  homeLink: 'Início',
  searchLabel: 'Buscar na central de ajuda',
  searchPlaceholder: 'Ex.: e-mail devolvido, erro 500, senha',
  searchButton: 'Buscar',
  otherLanguageName: 'Italiano',
  otherLanguageLabel: 'Leggi questa pagina in italiano',
  heroTitle: 'Como podemos ajudar?',
  heroLead: 'Encontre a resposta em poucos minutos. Se não encontrar, nossa equipe atende pelo ticket.',
  departmentsTitle: 'Assuntos',
  departmentArticles: '{count} artigos',
  mostHelpfulTitle: 'Artigos mais úteis',
  allArticlesTitle: 'Todos os artigos',
  ticketCtaTitle: 'Não encontrou o que procurava?',
  ticketCtaBody: 'Abra um ticket: descreva o problema e a equipe responde por ordem de chegada.',
  ticketCtaButton: 'Abrir um ticket',
  updated: 'Atualizado em {date}',
  print: 'Imprimir',
  back: 'Voltar para a central de ajuda',
  related: 'Artigos relacionados',
  errorsTitle: 'Mensagens de erro que este artigo resolve',
  kindPolicy: 'Política',
  kindHowto: 'Passo a passo',
  searchTitle: 'Buscar artigos',
  searchLead: 'Digite palavras ou cole a mensagem de erro exata.',
  searchFilterLabel: 'Departamento',
  searchFilterAll: 'Todos',
  searchLoading: 'Buscando…',
  searchResults: '{count} resultado(s) para “{query}”',
  searchNoResults: 'Nenhum artigo encontrado para “{query}”.',
  searchNoResultsHint: 'Tente outras palavras ou abra um ticket: nós ajudamos.',
  searchUnavailable: 'A busca não está disponível agora. Veja a lista de artigos na página inicial.',
  searchNeedsJs: 'A busca precisa de JavaScript. Veja todos os artigos na página inicial.',
  notFoundTitle: 'Página não encontrada',
  notFoundBody: 'O endereço pode ter mudado ou o artigo foi removido. Tente a busca:',
  ticketTitle: 'Abrir um ticket',
  ticketLead: 'Antes de abrir, descreva o problema: sugerimos artigos que podem resolver na hora.',
  ticketNeedsJs: 'O formulário de tickets precisa de JavaScript. Você também pode abrir um ticket pela sua área do cliente.',
  privacy: 'Aviso de privacidade',
  footerNote: 'Atendimento técnico por ticket, de segunda a sexta, das 09:00 às 18:00 (horário de Brasília).',
  chooseLanguage: 'Escolha o idioma',
} as const;

type Strings = { readonly [K in keyof typeof ptBR]: string };

const it: Strings = {
  siteName: 'Centro assistenza',
  skipToContent: 'Vai al contenuto',
  homeLink: 'Home',
  searchLabel: 'Cerca nel centro assistenza',
  searchPlaceholder: 'Es.: email respinta, errore 500, password',
  searchButton: 'Cerca',
  otherLanguageName: 'Português (Brasil)',
  otherLanguageLabel: 'Ler esta página em português',
  heroTitle: 'Come possiamo aiutarti?',
  heroLead: 'Trova la risposta in pochi minuti. Se non la trovi, il nostro team ti segue tramite ticket.',
  departmentsTitle: 'Argomenti',
  departmentArticles: '{count} articoli',
  mostHelpfulTitle: 'Gli articoli più utili',
  allArticlesTitle: 'Tutti gli articoli',
  ticketCtaTitle: 'Non hai trovato quello che cercavi?',
  ticketCtaBody: 'Apri un ticket: descrivi il problema e il team risponde in ordine di arrivo.',
  ticketCtaButton: 'Apri un ticket',
  updated: 'Aggiornato il {date}',
  print: 'Stampa',
  back: 'Torna al centro assistenza',
  related: 'Articoli correlati',
  errorsTitle: 'Messaggi di errore risolti da questo articolo',
  kindPolicy: 'Regole',
  kindHowto: 'Guida passo passo',
  searchTitle: 'Cerca negli articoli',
  searchLead: 'Scrivi qualche parola o incolla il messaggio di errore esatto.',
  searchFilterLabel: 'Reparto',
  searchFilterAll: 'Tutti',
  searchLoading: 'Ricerca in corso…',
  searchResults: '{count} risultati per «{query}»',
  searchNoResults: 'Nessun articolo trovato per «{query}».',
  searchNoResultsHint: 'Prova con altre parole oppure apri un ticket: ti aiutiamo noi.',
  searchUnavailable: 'La ricerca non è disponibile in questo momento. Trovi l’elenco degli articoli nella home.',
  searchNeedsJs: 'La ricerca richiede JavaScript. Trovi tutti gli articoli nella home.',
  notFoundTitle: 'Pagina non trovata',
  notFoundBody: 'L’indirizzo potrebbe essere cambiato o l’articolo è stato rimosso. Prova a cercare:',
  ticketTitle: 'Apri un ticket',
  ticketLead: 'Prima di aprirlo, descrivi il problema: ti suggeriamo gli articoli che possono risolverlo subito.',
  ticketNeedsJs: 'Il modulo per i ticket richiede JavaScript. Puoi aprire un ticket anche dalla tua area clienti.',
  privacy: 'Informativa sulla privacy',
  footerNote: 'Assistenza tecnica tramite ticket, dal lunedì al venerdì in orario d’ufficio, festivi esclusi.',
  chooseLanguage: 'Scegli la lingua',
};

export const ui: Record<ContentLanguage, Strings> = { 'pt-BR': ptBR, it };

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
