/**
 * The signed-in customer's part of the widget, in its three languages: their open tickets above the
 * form, and the warning before they open one they already have.
 */
import type { UiLanguage } from '../../../core/contract/locales.ts';
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';

export interface AccountMessages {
  openTickets: string;
  /** `{number}`, `{subject}`: a link's accessible name. */
  ticketLink: string;
  statuses: Record<TicketStatus, string>;
  /** `{date}`: the last change. */
  updated: string;
  duplicateTitle: string;
  /** `{count}`: how many open tickets look like this one. */
  duplicateLead: { one: string; other: string };
  /** `{number}`. */
  openExisting: string;
  notDuplicate: string;
}

const en: AccountMessages = {
  openTickets: 'Your open tickets',
  ticketLink: '{number}: {subject}',
  statuses: { open: 'Open', 'in-review': 'In review', 'in-progress': 'In progress', 'waiting-customer': 'Waiting for your reply', answered: 'Answered', closed: 'Closed' },
  updated: 'updated {date}',
  duplicateTitle: 'You may already have a ticket about this',
  duplicateLead: {
    one: 'This open ticket has the same department and a similar subject. Following up there is faster than starting again.',
    other: 'These {count} open tickets have the same department and a similar subject. Following up there is faster than starting again.',
  },
  openExisting: 'Go to ticket {number}',
  notDuplicate: 'No, this is a different problem',
};

const ptBR: AccountMessages = {
  openTickets: 'Seus tickets abertos',
  ticketLink: '{number}: {subject}',
  statuses: { open: 'Aberto', 'in-review': 'Em análise', 'in-progress': 'Em andamento', 'waiting-customer': 'Aguardando resposta', answered: 'Respondido', closed: 'Fechado' },
  updated: 'atualizado em {date}',
  duplicateTitle: 'Você talvez já tenha um ticket sobre isso',
  duplicateLead: {
    one: 'Este ticket aberto é do mesmo departamento e tem um assunto parecido. Continuar por ele é mais rápido do que começar de novo.',
    other: 'Estes {count} tickets abertos são do mesmo departamento e têm assuntos parecidos. Continuar por eles é mais rápido do que começar de novo.',
  },
  openExisting: 'Ir para o ticket {number}',
  notDuplicate: 'Não, é outro problema',
};

const it: AccountMessages = {
  openTickets: 'I tuoi ticket aperti',
  ticketLink: '{number}: {subject}',
  statuses: { open: 'Aperto', 'in-review': 'In lavorazione', 'in-progress': 'In lavorazione', 'waiting-customer': 'In attesa di risposta', answered: 'Risposto', closed: 'Chiuso' },
  updated: 'aggiornato il {date}',
  duplicateTitle: 'Forse hai già un ticket su questo',
  duplicateLead: {
    one: 'Questo ticket aperto è dello stesso reparto e ha un oggetto simile. Proseguire lì è più rapido che ricominciare.',
    other: 'Questi {count} ticket aperti sono dello stesso reparto e hanno oggetti simili. Proseguire lì è più rapido che ricominciare.',
  },
  openExisting: 'Vai al ticket {number}',
  notDuplicate: 'No, è un altro problema',
};

const dictionaries: Record<UiLanguage, AccountMessages> = { 'pt-BR': ptBR, it, en };

export function accountMessages(lang: UiLanguage): AccountMessages {
  return dictionaries[lang];
}
