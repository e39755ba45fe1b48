import type { ConfirmationMessages } from './en.ts';
import { keyNamesIt } from '../../../../core/i18n/key-names.it.ts';

/** The confirmation e-mail in Italian (tu, as the widget speaks). */
export const it: ConfirmationMessages = {
  subject: '[{number}] Abbiamo ricevuto il tuo ticket: {subject}',
  greeting: 'Ciao {name},',
  received: 'abbiamo ricevuto il tuo ticket, che è già in coda presso la nostra assistenza. Il suo numero è {number}.',
  summary: 'Riepilogo',
  number: 'Numero',
  department: 'Reparto',
  priority: 'Priorità',
  subjectLabel: 'Oggetto',
  message: 'Messaggio',
  ...keyNamesIt,
  follow: 'Segui il tuo ticket {number}',
  followText: 'Segui il tuo ticket: {url}',
  redacted:
    'Alla ricezione del ticket abbiamo rimosso automaticamente qualcosa che sembrava una password, una chiave o un numero di carta. Se l’avevi già condiviso altrove, cambialo.',
  tips: 'Buono a sapersi',
  tipReply:
    'Per aggiungere informazioni, rispondi a questa email o scrivi all’interno del ticket, lasciando il numero {number} nell’oggetto.',
  tipDuplicate: 'Non aprire un nuovo ticket per lo stesso problema: un secondo ticket non accelera i tempi.',
  tipDuplicateClosed: 'Viene chiuso.',
  tipClosing: 'Quando ti chiediamo informazioni, rispondi entro {days} giorni: un ticket senza una tua risposta per {days} giorni viene chiuso automaticamente.',
  tipPasswords:
    'Non inviare mai password, né via email né nel ticket: {company} non te le chiederà mai. Se ci serve un accesso, ti spiegheremo come darcelo in modo sicuro.',
  signature: 'Il team di assistenza di {company}',
  automatic: 'Questo messaggio è stato inviato automaticamente, ma le risposte arrivano al nostro team.',
};
