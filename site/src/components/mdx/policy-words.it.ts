/** The policy components' wording in Italian: every fact comes in as a value, never written here. */
import type { PolicyWords } from './policy-text.ts';

const dayNames = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'] as const;
// Sunday is feminine: "dal lunedì alla domenica", "la domenica".
const feminine = (day: number) => day === 7;
const dayName = (day: number) => dayNames[day - 1] ?? '';

const and = (items: readonly string[]) => new Intl.ListFormat('it', { type: 'conjunction' }).format(items);
const or = (items: readonly string[]) => new Intl.ListFormat('it', { type: 'disjunction' }).format(items);
const days = (n: number) => `${n} ${n === 1 ? 'giorno' : 'giorni'}`;

export const it: PolicyWords = {
  locale: 'it',
  and,
  or,
  zoneNames: { 'Europe/Rome': 'ora italiana', 'America/Sao_Paulo': 'ora di Brasília' },
  everyDay: 'tutti i giorni',
  dayRange: (from, to) => `${feminine(from) ? 'dalla' : 'dal'} ${dayName(from)} ${feminine(to) ? 'alla' : 'al'} ${dayName(to)}`,
  dayList: (list) => and(list.map((d) => `${feminine(d) ? 'la' : 'il'} ${dayName(d)}`)),
  hours: ({ days: when, clock, holidaysExcluded }) =>
    [
      `L'assistenza è attiva ${when}, ${clock ? `dalle ${clock.open} alle ${clock.close} (${clock.zone})` : "in orario d'ufficio"}${holidaysExcluded ? ', esclusi i giorni festivi' : ''}.`,
      clock ? "Fuori da questo orario puoi comunque inviare un ticket dall'area clienti." : '',
    ]
      .filter(Boolean)
      .join(' '),

  replyQueue:
    "Non promettiamo un tempo per la prima risposta: rispondiamo il prima possibile, in ordine di arrivo dei ticket, e l'urgenza non cambia quest'ordine.",
  replyWithin: ({ days: n, condition, covered, uncovered }) =>
    [
      `Ci impegniamo a dare una prima risposta entro ${days(n)} di calendario dall'invio del ticket, ${condition}. È un impegno, non una garanzia.`,
      uncovered.length
        ? `Vale per ${covered.length === 1 ? 'il reparto' : 'i reparti'} ${and(covered)}; per ${uncovered.length === 1 ? 'il reparto' : 'i reparti'} ${and(uncovered)} non è previsto un tempo di risposta.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),

  ticketClosing: (n) => `Un ticket che resta ${days(n)} senza una tua risposta viene chiuso automaticamente.`,

  duplicates: {
    closed: 'Aprire un secondo ticket sullo stesso problema non velocizza la risposta: il ticket doppio viene chiuso. Se hai altro da aggiungere, rispondi nel ticket già aperto.',
    'not-faster': 'Aprire un secondo ticket sullo stesso problema non velocizza la risposta. Se hai altro da aggiungere, rispondi nel ticket già aperto.',
  },

  channelNames: { ticket: 'ticket', phone: 'telefono', chat: 'chat' },
  channelScope: {
    everything: (ticket) => (ticket ? "dall'area clienti, per qualsiasi richiesta." : 'per qualsiasi richiesta.'),
    basic: 'solo per queste richieste di base:',
    commercial: 'solo per informazioni commerciali, senza assistenza tecnica.',
  },
  channelsRestByTicket: 'Ogni altra richiesta si fa solo tramite ticket.',
  channelsOnlyTicket: "L'assistenza si riceve solo tramite ticket.",

  paidPerRequest: ({ price, maxMinutes }) =>
    `L'assistenza avanzata si paga a richiesta, e il costo è indicato nel ticket: in media ${price} per ogni soluzione che richiede meno di ${maxMinutes} minuti. I lavori più lunghi vengono calcolati e preventivati prima di iniziare.`,
  prepaid: "Il pagamento avviene prima dell'intervento, perché è un servizio separato dall'hosting.",
  paidCredits: ({ pack, validityDays, terms }) =>
    `Gli interventi extra si pagano con pacchetti di crediti ${pack}, acquistati in anticipo. I crediti valgono ${days(validityDays)} dall'acquisto, ${terms}.`,
  costNotKnown: 'Non è sempre possibile sapere in anticipo se un intervento sarà a pagamento, né quanto costerà.',
  requires: (items) => `Ogni richiesta a pagamento deve contenere ${and(items)}.`,
  requirement: { screenshot: 'uno screenshot del problema', steps: 'i passaggi che portano al problema' },
  terms: ({ refundable, resellable }) =>
    and([refundable ? 'sono rimborsabili' : 'non sono rimborsabili', resellable ? 'possono essere rivenduti' : 'non possono essere rivenduti']),

  tier: {
    included: 'incluso nel piano',
    paid: (model, pack) => `a pagamento (${model === 'credits' ? `crediti ${pack}` : 'assistenza avanzata'})`,
    quoted: "su preventivo, prima dell'intervento",
    'paid-unless-ours': 'gratuito se la causa è nostra; a pagamento se dipende da una tua configurazione',
  },

  attachments: ({ maxFiles, perFile, total, types }) => {
    if (maxFiles === 0) return 'nessun allegato';
    const files = `fino a ${maxFiles} file, di massimo ${perFile}${maxFiles === 1 ? '' : ` ciascuno e ${total} in totale`}`;
    return types.length ? `${files}, nei formati ${or(types)}` : files;
  },

  planResize: (paid) => (paid ? 'Passare a un piano superiore o inferiore è un servizio a pagamento.' : 'Passare a un piano superiore o inferiore è gratuito.'),
  platformMove: (paid) =>
    paid
      ? "Nel passaggio tra piattaforme (Linux ↔ Windows), la copia dei file è a pagamento se vuoi che la faccia l'assistenza; altrimenti puoi copiarli tu."
      : "Nel passaggio tra piattaforme (Linux ↔ Windows), la copia dei file fatta dall'assistenza non si paga.",

  backupsPaid: (actions, paid) =>
    `${actions.length === 2 ? 'Creare o ripristinare un backup' : actions[0] === 'generate' ? 'Creare un backup' : 'Ripristinare un backup'} è ${paid}.`,
  backupAvailability: 'Prima di un ripristino bisogna verificare che un backup sia disponibile.',

  maintenancePlans: (extraordinary) =>
    [
      'I piani di manutenzione, che non sono piani hosting, coprono la manutenzione ordinaria e la messa in sicurezza del sito.',
      extraordinary.length
        ? `Solo ${extraordinary.length === 1 ? `il piano ${extraordinary[0] ?? ''} include` : `i piani ${and(extraordinary)} includono`} anche l'assistenza straordinaria.`
        : "Nessuno include l'assistenza straordinaria.",
    ].join(' '),

  supportPlans: ({ validityDays, terms }) =>
    `I piani di assistenza e i crediti acquistati valgono ${days(validityDays)} dall'acquisto, ${terms}. Questo vale per i piani di assistenza, non per i piani hosting.`,
};
