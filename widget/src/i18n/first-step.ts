/**
 * The strings of the first step and the frame around it (title, progress, notices, the problem in
 * the customer's words), in every UI language. The script-tag entry carries only these; the rest of
 * each dictionary (en.ts, pt-BR.ts, it.ts, which spread these in) arrives with the form on the first
 * interaction.
 */
import type { UiLanguage } from '../../../core/contract/locales.ts';

export type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English. */
export const firstStepEn = {
  title: 'Contact support',
  progress: 'Step {current} of {total}: {name}',
  next: 'Continue',
  optional: 'optional',
  steps: {
    describe: 'Describe the problem',
    department: 'Department',
    details: 'Details',
    contact: 'Contact',
    review: 'Review and send',
  },
  notice: {
    incident: 'Known incident',
    maintenance: 'Scheduled maintenance',
    info: 'Notice',
    since: 'Since {time}',
    until: 'until {time}',
  },
  describe: {
    heading: 'What do you need help with?',
    subject: 'Subject',
    subjectHint: 'Short and specific, e.g. "E-mail to contato@example.com rejected with error 550".',
    message: 'Describe what happened',
    messageHint: 'Optional for now: you can also paste the exact error message here.',
    suggestionsHeading: 'These articles may solve it right away',
    found: { one: '{count} article may solve it', other: '{count} articles may solve it' },
    searching: 'Looking for articles that match…',
    noSuggestions: 'No article matches yet. Keep typing, or continue to open a ticket.',
    searchUnavailable: 'Article suggestions are not available right now. You can still open a ticket.',
    open: 'Read the article (opens in a new tab)',
    solved: 'This solved it',
    solvedLabel: 'This solved it: {title}',
    stillNeedHelp: 'I still need help',
  },
  load: {
    failed: 'The rest of the form could not be loaded. Check your connection: what you typed stays here.',
    retry: 'Try again',
  },
} as const;

/** The shape every language's first-step strings have. */
export type FirstStepMessages = Widen<typeof firstStepEn>;

/** Brazilian Portuguese. */
export const firstStepPtBR: FirstStepMessages = {
  title: 'Fale com o suporte',
  progress: 'Etapa {current} de {total}: {name}',
  next: 'Continuar',
  optional: 'opcional',
  steps: {
    describe: 'Descreva o problema',
    department: 'Departamento',
    details: 'Detalhes',
    contact: 'Contato',
    review: 'Revisar e enviar',
  },
  notice: {
    incident: 'Incidente conhecido',
    maintenance: 'Manutenção programada',
    info: 'Aviso',
    since: 'Desde {time}',
    until: 'até {time}',
  },
  describe: {
    heading: 'Em que podemos ajudar?',
    subject: 'Assunto',
    subjectHint: 'Curto e específico, ex.: “E-mail para contato@seudominio.com.br devolvido com erro 550”.',
    message: 'Conte o que aconteceu',
    messageHint: 'Opcional por enquanto: se quiser, cole aqui a mensagem de erro exata.',
    suggestionsHeading: 'Estes artigos podem resolver na hora',
    found: { one: '{count} artigo pode resolver', other: '{count} artigos podem resolver' },
    searching: 'Procurando artigos relacionados…',
    noSuggestions: 'Nenhum artigo encontrado ainda. Continue escrevendo ou siga para abrir um ticket.',
    searchUnavailable: 'As sugestões de artigos não estão disponíveis agora. Você ainda pode abrir um ticket.',
    open: 'Ler o artigo (abre em nova aba)',
    solved: 'Isso resolveu',
    solvedLabel: 'Isso resolveu: {title}',
    stillNeedHelp: 'Ainda preciso de ajuda',
  },
  load: {
    failed: 'Não foi possível carregar o restante do formulário. Verifique sua conexão: o que você escreveu continua aqui.',
    retry: 'Tentar de novo',
  },
};

/** Italian. */
export const firstStepIt: FirstStepMessages = {
  title: 'Contatta l’assistenza',
  progress: 'Passo {current} di {total}: {name}',
  next: 'Continua',
  optional: 'facoltativo',
  steps: {
    describe: 'Descrivi il problema',
    department: 'Reparto',
    details: 'Dettagli',
    contact: 'Contatti',
    review: 'Controlla e invia',
  },
  notice: {
    incident: 'Disservizio noto',
    maintenance: 'Manutenzione programmata',
    info: 'Avviso',
    since: 'Inizio: {time}',
    until: 'fine prevista: {time}',
  },
  describe: {
    heading: 'In cosa possiamo aiutarti?',
    subject: 'Oggetto',
    subjectHint: 'Breve e preciso, es.: «Email a info@tuodominio.it respinta con errore 550».',
    message: 'Descrivi cosa è successo',
    messageHint: 'Per ora è facoltativo: puoi anche incollare qui il messaggio di errore esatto.',
    suggestionsHeading: 'Questi articoli potrebbero risolverlo subito',
    found: { one: '{count} articolo potrebbe risolvere', other: '{count} articoli potrebbero risolvere' },
    searching: 'Cerco articoli pertinenti…',
    noSuggestions: 'Ancora nessun articolo corrispondente. Continua a scrivere o prosegui per aprire un ticket.',
    searchUnavailable: 'I suggerimenti di articoli non sono disponibili al momento. Puoi comunque aprire un ticket.',
    open: 'Leggi l’articolo (si apre in una nuova scheda)',
    solved: 'Ho risolto',
    solvedLabel: 'Ho risolto con: {title}',
    stillNeedHelp: 'Ho ancora bisogno di aiuto',
  },
  load: {
    failed: 'Non è stato possibile caricare il resto del modulo. Controlla la connessione: ciò che hai scritto resta qui.',
    retry: 'Riprova',
  },
};

export const firstStepMessages: Record<UiLanguage, FirstStepMessages> = { 'pt-BR': firstStepPtBR, it: firstStepIt, en: firstStepEn };
