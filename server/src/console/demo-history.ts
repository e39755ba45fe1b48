/**
 * A realistic, synthetic support history for the staff console: weeks of widget sessions in
 * Portuguese and Italian (searches as customers type them, misses the KB cannot answer, suggestions
 * opened, "this solved it" and its undo, tickets), article votes with comments, and the tickets
 * those sessions sent, with attachments, statuses and deliveries. Seeded: the same options give the
 * same history. Used by `npm run demo:data` and by `npm run bench` (at 100,000 events).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import type { SearchEventType } from '../../../core/contract/search-event.ts';
import type { TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { CatalogArticle } from '../published-articles.ts';
import type { Store } from '../store/store.ts';

export interface HistoryOptions {
  /** The last day of the history (its sessions end before `now`). */
  now: Date;
  days: number;
  /** Widget sessions on an average weekday (weekends have fewer). */
  sessionsPerDay: number;
  /** Tickets sent outside the widget's sessions (the WHMCS form, e-mail), spread over the days. */
  extraTickets?: number;
  catalog: readonly CatalogArticle[];
  /** Where attachments go (DATA_DIR/attachments). */
  attachmentsDir: string;
  /** The KB's origin in event URLs. */
  kbOrigin?: string;
  seed?: number;
  /** Forwarders each ticket is delivered to; some deliveries fail for good. */
  forwarders?: readonly string[];
}

export interface HistoryCounts {
  events: number;
  sessions: number;
  tickets: number;
  votes: number;
}

/** mulberry32: small, fast, seeded. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

/** What customers type that an article answers: the article's translation key, and phrasings. */
const answerable: Record<ContentLanguage, [string, string[]][]> = {
  'pt-BR': [
    ['email-bounce-550-554', ['erro 550', 'email voltando erro 550', 'Mail delivery failed', 'email devolvido', '554 5.7.1 relay access denied']],
    ['reset-password', ['esqueci a senha', 'redefinir senha area do cliente', 'não consigo entrar na área do cliente']],
    ['email-client-setup', ['configurar email no outlook', 'configurar email iphone', 'smtp porta 587']],
    ['site-error-500', ['erro 500', 'site fora do ar', 'pagina em branco', 'site caiu']],
    ['ssl-certificate', ['certificado ssl expirado', 'site não seguro', 'NET::ERR_CERT_DATE_INVALID']],
    ['domain-dns', ['apontar dominio', 'propagação dns', 'dominio não abre']],
    ['wordpress-slow', ['wordpress lento', 'site muito lento']],
    ['restore-backup', ['restaurar backup', 'voltar backup de ontem']],
    ['php-version', ['mudar versão do php', 'php 8.2']],
    ['database-connection-error', ['erro ao estabelecer conexão com o banco de dados', 'erro conexão banco']],
    ['invoices-payments', ['segunda via boleto', 'fatura em aberto']],
    ['ftp-sftp', ['acesso ftp', 'sftp não conecta']],
    ['wordpress-hacked', ['site invadido', 'wordpress hackeado']],
  ],
  it: [
    ['email-bounce-550-554', ['errore 550', 'email respinta', 'Mail delivery failed', 'mi tornano indietro le mail']],
    ['reset-password', ['password dimenticata', 'reimpostare password area clienti']],
    ['email-client-setup', ['configurare posta outlook', 'configurare email iphone', 'porta smtp']],
    ['site-error-500', ['errore 500', 'sito non raggiungibile', 'pagina bianca']],
    ['ssl-certificate', ['certificato ssl scaduto', 'sito non sicuro']],
    ['domain-dns', ['puntare dominio', 'propagazione dns']],
    ['wordpress-slow', ['wordpress lento', 'sito lentissimo']],
    ['restore-backup', ['ripristinare backup']],
    ['php-version', ['cambiare versione php']],
    ['invoices-payments', ['fattura non pagata', 'pagamento fattura']],
    ['wordpress-hacked', ['sito violato', 'mi hanno bucato il sito']],
  ],
};

/** What the KB has no article for (yet): the content gaps the console should surface. */
const unanswered: Record<ContentLanguage, string[][]> = {
  'pt-BR': [
    ['registro dkim', 'como criar registro DKIM', 'DKIM selector'],
    ['email caindo no spam', 'emails vão para o spam', 'meus emails caem no spam do gmail'],
    ['limite de envio de emails', 'quantos emails posso enviar por hora'],
    ['cron job', 'agendar tarefa cron'],
    ['hospedar node.js', 'node js na hospedagem'],
    ['redirecionamento 301', 'redirecionar http para https'],
    ['cancelar plano reembolso'],
  ],
  it: [
    ['record dkim', 'selettore dkim', 'DKIM selettore'],
    ['le mail finiscono nello spam', 'posta nello spam'],
    ['cron job', 'attività pianificata cron'],
    ['redirect 301', 'reindirizzare http a https'],
    ['disdetta rimborso'],
  ],
};

const comments: Record<ContentLanguage, string[]> = {
  'pt-BR': ['Faltou explicar o passo no celular.', 'Os prints estão desatualizados, o painel mudou.', 'Não resolveu, o erro continua.', 'Muito técnico, não entendi.', 'Escreva para mim em ana.souza@exemplo.com.br'],
  it: ['Mancano le schermate del pannello nuovo.', 'Non ha risolto, l’errore resta.', 'Troppo tecnico.', 'Manca il passaggio per Android.'],
};

const ticketTexts: Record<ContentLanguage, { subject: string; message: string; department: Ticket['department']; topic: string; priority: Ticket['priority'] }[]> = {
  'pt-BR': [
    { subject: 'E-mails da loja voltam com erro 550 desde ontem', message: 'Desde ontem à tarde os e-mails enviados para contato@ voltam com erro 550. Não mudei nada no DNS.', department: 'technical', topic: 'email', priority: 'high' },
    { subject: 'Site mostra erro 500 depois de atualizar plugin', message: 'Atualizei o plugin de cache e a página inicial passou a mostrar erro 500. O painel ainda abre.', department: 'technical', topic: 'cms', priority: 'medium' },
    { subject: 'Registro DKIM para o domínio da empresa', message: 'Preciso configurar o DKIM para os e-mails não caírem no spam dos clientes. Onde encontro a chave?', department: 'technical', topic: 'dns', priority: 'medium' },
    { subject: 'Fatura cobrada duas vezes neste mês', message: 'Recebi duas cobranças da mesma fatura no cartão este mês. Podem estornar uma delas, por favor?', department: 'billing', topic: 'invoices', priority: 'low' },
    { subject: 'Quero migrar para um plano com mais espaço', message: 'Meu site está quase sem espaço em disco. Qual plano recomendam e a migração tem custo?', department: 'sales', topic: 'plans', priority: 'low' },
  ],
  it: [
    { subject: 'Le email al dominio tornano indietro con errore 550', message: 'Da questa mattina le email verso info@ tornano indietro con errore 550. Non ho toccato i DNS.', department: 'technical', topic: 'email', priority: 'high' },
    { subject: 'Il sito è lentissimo dopo il cambio di tema', message: 'Da quando ho cambiato tema WordPress il sito impiega dieci secondi a caricare la home.', department: 'technical', topic: 'cms', priority: 'medium' },
    { subject: 'Record DKIM per la posta aziendale', message: 'Mi serve il selettore DKIM per configurare la posta, le email finiscono nello spam dei clienti.', department: 'technical', topic: 'dns', priority: 'medium' },
    { subject: 'Fattura di novembre non corrisponde al piano', message: 'La fattura di novembre riporta un importo diverso dal mio piano. Potete controllare per favore?', department: 'billing', topic: 'invoices', priority: 'low' },
  ],
};

const firstNames: Record<ContentLanguage, string[]> = {
  'pt-BR': ['Mariana', 'João', 'Ana', 'Carlos', 'Beatriz', 'Rafael', 'Juliana', 'Pedro', 'Fernanda', 'Lucas', 'Camila', 'Tiago'],
  it: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Alessandro', 'Sara', 'Matteo', 'Elena', 'Davide'],
};
const lastNames: Record<ContentLanguage, string[]> = {
  'pt-BR': ['Costa', 'Pereira', 'Souza', 'Lima', 'Rocha', 'Almeida', 'Ribeiro', 'Carvalho', 'Gomes', 'Martins'],
  it: ['Bianchi', 'Rossi', 'Esposito', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo'],
};
const domains: Record<ContentLanguage, string[]> = {
  'pt-BR': ['padariapaodequeijo.com.br', 'oficinadojoao.com.br', 'lojadaana.com.br', 'limaadvocacia.com.br', 'rochaimoveis.com.br', 'clinicasorriso.com.br'],
  it: ['caffebianchi.it', 'rossiarredamenti.it', 'studioesposito.it', 'romanoviaggi.it', 'pizzeriagallo.it'],
};

/** A 1×1 PNG: a screenshot stand-in, so attachments download as real images. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const dayMs = 24 * 60 * 60 * 1000;

export async function generateHistory(store: Store, options: HistoryOptions): Promise<HistoryCounts> {
  const rnd = random(options.seed ?? 14);
  const origin = options.kbOrigin ?? 'http://localhost:4321';
  const counts: HistoryCounts = { events: 0, sessions: 0, tickets: 0, votes: 0 };
  const pathOf = new Map(options.catalog.filter((a) => a.path).map((a) => [`${a.translationKey} ${a.lang}`, a.path!]));
  const firstDay = new Date(Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate()) - (options.days - 1) * dayMs);
  mkdirSync(options.attachmentsDir, { recursive: true });

  const event = async (type: SearchEventType, lang: ContentLanguage, at: Date, more: { query?: string; article?: string; session?: string } = {}) => {
    await store.addEvent({ type, lang, query: more.query ?? '', ...(more.article ? { article: more.article } : {}), ...(more.session ? { session: more.session } : {}) }, at);
    counts.events += 1;
  };
  /** Customers type the same thing many ways: case, a leading "como", a trailing "urgente". */
  const typed = (query: string) => {
    const r = rnd.next();
    if (r < 0.15) return query.toUpperCase();
    if (r < 0.3) return query.split(' ').reverse().join(' ');
    if (r < 0.4) return `${query} urgente`;
    return query;
  };

  async function ticket(lang: ContentLanguage, at: Date, ageDays: number): Promise<void> {
    const text = rnd.pick(ticketTexts[lang]);
    // Customers come back, a few times each: about one customer for every five tickets.
    const first = rnd.pick(firstNames[lang]);
    const last = rnd.pick(lastNames[lang]);
    const name = `${first} ${last}`;
    const email = `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${last.toLowerCase()}${rnd.int(1, Math.max(1, Math.round(((options.extraTickets ?? 0) + options.days * options.sessionsPerDay * 0.3) / 5 / 120)))}@${rnd.pick(domains[lang])}`;
    const id = randomUUID();
    const withFile = rnd.chance(0.25);
    const attachments = withFile ? [{ id: `${id}-1`, name: 'captura-de-tela.png', type: 'image/png', size: png.length, path: path.join(options.attachmentsDir, `${id}-1.png`) }] : [];
    if (withFile) writeFileSync(attachments[0]!.path, png);
    const data: Ticket = {
      lang,
      department: text.department,
      topic: text.topic,
      priority: text.priority,
      ...(text.priority === 'high' ? { high: { serviceDown: true as const, reason: lang === 'it' ? 'Nessuna email arriva da ieri.' : 'Nenhum e-mail chega desde ontem.' } } : {}),
      subject: text.subject,
      message: text.message,
      customer: { name, email },
      client: { startedAt: new Date(at.getTime() - 5 * 60_000).toISOString() },
      ...(withFile ? { attachments: attachments.map(({ name: n, type, size }) => ({ name: n, type, size })) } : {}),
    };
    const created = at.toISOString();
    const { ticket: stored } = await store.createTicket({
      id, numberPrefix: lang === 'it' ? 'IT' : 'BR', tokenHash: `demo-${id}`, createdAt: created, expectedReplyBy: new Date(at.getTime() + 8 * 3_600_000).toISOString(),
      ticket: data, redacted: false, ...(rnd.chance(0.4) ? { verifiedCustomerId: String(rnd.int(1000, 9999)) } : {}), clientHash: 'demo',
      attachments: attachments.map(({ id: aid, name: n, type, size, path: p }) => ({ id: aid, name: n, type, size, path: p })),
      forwarders: [...(options.forwarders ?? ['webhook'])], idempotency: { scope: 'demo', key: id, fingerprint: id },
      respond: (t) => ({ status: 201, body: JSON.stringify({ id: t.id, number: t.number }) }),
    });
    counts.tickets += 1;
    // Deliveries: almost all went through at once; a few were refused for good (a wrong WHMCS department id).
    // Every earlier delivery is settled, so the due ones are this ticket's: claimed, they count an attempt.
    for (const delivery of await store.claimDueDeliveries(new Date(at.getTime() + 1000), 10, 60_000)) {
      if (rnd.chance(0.03)) await store.markFailed(delivery.id, 'HTTP 422 from WHMCS: Invalid Department ID', null);
      else await store.markDelivered(delivery.id, new Date(at.getTime() + 2000), String(rnd.int(10_000, 99_999)));
    }
    // Older tickets have moved on.
    const path_: TicketStatus[] = ageDays > 10 ? ['in-progress', 'answered', 'closed'] : ageDays > 3 ? ['in-review', 'answered'] : ageDays > 1 ? ['in-review'] : [];
    let t = at.getTime();
    for (const status of path_) {
      t += rnd.int(1, 20) * 3_600_000;
      if (t > options.now.getTime()) break;
      await store.setTicketStatus(stored.id, status, new Date(t));
    }
  }

  for (let d = 0; d < options.days; d++) {
    const day = new Date(firstDay.getTime() + d * dayMs);
    const weekend = [0, 6].includes(day.getUTCDay());
    const ageDays = options.days - 1 - d;
    // The KB gets better week after week: more sessions end in "this solved it".
    const improvement = Math.min(0.15, (d / 7) * 0.015);
    const sessions = Math.round(options.sessionsPerDay * (weekend ? 0.45 : 1) * (0.85 + rnd.next() * 0.3));
    for (let s = 0; s < sessions; s++) {
      const lang: ContentLanguage = rnd.chance(0.62) ? 'pt-BR' : 'it';
      const at = new Date(day.getTime() + rnd.int(7, 22) * 3_600_000 + rnd.int(0, 3_599) * 1000);
      if (at > options.now) continue;
      const session = randomUUID().replaceAll('-', '');
      counts.sessions += 1;
      await event('widget-opened', lang, at, { session });
      let solved = false;
      let searched = false;
      if (rnd.chance(0.86)) {
        searched = true;
        if (rnd.chance(0.72)) {
          const [key, phrasings] = rnd.pick(answerable[lang]);
          const article = pathOf.get(`${key} ${lang}`);
          await event('search', lang, at, { session, query: typed(rnd.pick(phrasings)) });
          if (article && rnd.chance(0.68)) {
            await event('suggestion-opened', lang, at, { session, article: origin + article });
            if (rnd.chance(0.62 + improvement)) {
              await event('deflected', lang, at, { session, article: origin + article });
              solved = !rnd.chance(0.12);
              if (!solved) await event('deflection-undone', lang, at, { session, article: origin + article });
            }
          }
        } else {
          const phrasings = rnd.pick(unanswered[lang]);
          // A third of them show something loosely related that nobody opens: a weak result.
          await event(rnd.chance(0.66) ? 'search-miss' : 'search', lang, at, { session, query: typed(rnd.pick(phrasings)) });
        }
      }
      if (!solved && rnd.chance(searched ? 0.42 : 0.2)) {
        await event('ticket-sent', lang, at, { session });
        await ticket(lang, at, ageDays);
      }
    }
    // The KB's own search page: no session id, misses only count as gaps.
    for (let k = 0; k < Math.round(sessions * 0.1); k++) {
      const lang: ContentLanguage = rnd.chance(0.6) ? 'pt-BR' : 'it';
      await event('search-miss', lang, new Date(day.getTime() + 12 * 3_600_000), { query: typed(rnd.pick(rnd.pick(unanswered[lang]))) });
    }
  }

  for (let k = 0; k < (options.extraTickets ?? 0); k++) {
    const ageDays = rnd.int(0, options.days - 1);
    const at = new Date(options.now.getTime() - ageDays * dayMs - rnd.int(60, 86_000) * 1000);
    await ticket(rnd.chance(0.6) ? 'pt-BR' : 'it', at, ageDays);
  }

  // Votes: most articles are liked; a few are not, and say why.
  for (const article of options.catalog) {
    const liked = rnd.chance(0.25) ? 0.35 + rnd.next() * 0.2 : 0.7 + rnd.next() * 0.25;
    const voters = rnd.int(4, 40);
    for (let v = 0; v < voters; v++) {
      const helpful = rnd.chance(liked);
      const comment = !helpful && rnd.chance(0.4) ? rnd.pick(comments[article.lang]) : undefined;
      const at = new Date(options.now.getTime() - rnd.int(0, options.days - 1) * dayMs - rnd.int(0, 80_000) * 1000);
      await store.upsertVote({ articleId: article.translationKey, lang: article.lang, helpful, voterHash: `demo-${article.translationKey}-${article.lang}-${v}`, ...(comment ? { comment } : {}) }, at);
      counts.votes += 1;
    }
  }
  return counts;
}
