/** L'e-mail sulle novità di un ticket (un cambio di stato, una risposta), in italiano. */
import type { UpdateMessages } from './update-en.ts';

export const updateIt: UpdateMessages = {
  statuses: {
    open: 'Aperto',
    'in-review': 'In revisione',
    'in-progress': 'In lavorazione',
    'waiting-customer': 'In attesa di risposta',
    answered: 'Risposto',
    closed: 'Chiuso',
  },
  subjectReply: '[{number}] L’assistenza ha risposto: {subject}',
  subjectStatus: '[{number}] Il tuo ticket ora è “{status}”: {subject}',
  subjectClosed: '[{number}] Il tuo ticket è stato chiuso: {subject}',
  greeting: 'Ciao {name},',
  replied: 'L’assistenza ha risposto al tuo ticket {number}.',
  repliedElsewhere: 'L’assistenza ha risposto al tuo ticket {number}. Apri il ticket per leggere la risposta.',
  changed: 'Lo stato del tuo ticket {number} ora è “{status}”.',
  closed: 'Il tuo ticket {number} è stato chiuso.',
  note: 'Nota dell’assistenza:',
  waiting: 'Per andare avanti ci serve una tua risposta. Rispondi dalla pagina del ticket: senza una tua risposta, il ticket si chiude il {date}.',
  waitingNoClosing: 'Per andare avanti ci serve una tua risposta. Rispondi dalla pagina del ticket.',
  reopen: 'Se il problema non è risolto, rispondi dalla pagina del ticket e si riapre.',
  newTicket: 'Se il problema non è risolto, apri un nuovo ticket e indica il numero {number}.',
  follow: 'Apri il tuo ticket {number}',
  followText: 'Il tuo ticket: {url}',
  passwords: 'Non inviare mai password in una risposta: {company} non te le chiederà mai.',
  signature: 'Il team di assistenza di {company}',
  automatic: 'Messaggio inviato automaticamente. Rispondi dalla pagina del ticket, così la tua risposta resta nel ticket.',
};
