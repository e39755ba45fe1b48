/** What a customer reads about a first reply, in Italian (see reply-words.en.ts). */
import type { ReplyWords } from './reply-words.en.ts';

export const replyWordsIt: ReplyWords = {
  queue: 'Non c’è un tempo di risposta garantito: i ticket ricevono risposta il prima possibile, in ordine di arrivo, e l’urgenza non fa saltare la coda.',
  attending: 'L’assistenza è operativa ora.',
  nextOpening: 'Prossima apertura dell’assistenza: {when}.',
  byDate: { one: 'Ci impegniamo a rispondere entro {count} giorno (entro {date}) {condition}.', other: 'Ci impegniamo a rispondere entro {count} giorni (entro {date}) {condition}.' },
  zones: { 'America/Sao_Paulo': 'ora di Brasília', 'Europe/Rome': 'ora italiana' },
};
