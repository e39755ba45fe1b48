/**
 * The widget's session in Node: restore, send, settle, retry, search and attachments, with the
 * in-memory draft store (shared between two sessions to play a reload), a fake KB search and a fake
 * sender. What the customer sees of all this is pinned by the component tests in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { funnelEventTypes, type SearchEvent } from '../../../core/contract/search-event.ts';
import path from 'node:path';
import { loadSupportConfig } from '../../../core/node/load-support-config.ts';
import type { SupportConfig } from '../../../core/contract/support-config.ts';
import type { ArticleHit, KbSearch } from '../../../core/search/deflection.ts';
import { deflectionQueries } from '../../../core/search/query.ts';
import { openDraftStore, type DraftStore } from '../draft/draft-store.ts';
import type { SendTicketOptions, SubmitResult } from '../backend/submit-client.ts';
import type { SupportTicketEventDetails } from './events.ts';
import { TicketSession, type SessionDeps, type SessionSettings } from './session.ts';

const config = loadSupportConfig(path.resolve('content'));
const kb = 'https://ajuda.example';
const now = new Date('2026-11-24T14:00:00-03:00'); // a Tuesday afternoon in São Paulo

/** The query a search event reports for a subject; its form (scrubbed, which words) is core/search/query.ts's to decide. */
const reported = (subject: string): string => deflectionQueries(subject, '')[0] ?? '';

const hit = (slug: string, score: number): ArticleHit => ({ url: `${kb}/pt-br/${slug}/`, title: slug, excerpt: `<mark>${slug}</mark>`, score });

interface Harness {
  session: TicketSession;
  store: DraftStore;
  events: { type: keyof SupportTicketEventDetails; detail: unknown }[];
  sent: SendTicketOptions[];
  /** Search events as posted, without the funnel's steps and the session id (the funnel test reads those). */
  tracked: unknown[];
  /** Every event as posted, session id included. */
  posted: SearchEvent[];
  warnings: unknown[][];
  configFetches: string[];
  /** The KB search bundles the session started loading, in order. */
  searchLoads: string[];
  /** The page around the widget: hide it (tab switch, reload, close) or bring the network back. */
  page: { hidden: () => void; online: () => void };
}

/** The last support config that loaded, per KB: shared by the harnesses of one test, like localStorage across reloads. */
let configCache = new Map<string, SupportConfig>();

/**
 * A session over `store` (pass the same store to play a reload) answering each send with the next of
 * `answers`, and each config fetch with the next of `configAnswers` (the real config when they run out).
 */
async function harness(
  options: {
    store?: DraftStore; answers?: SubmitResult[]; settings?: Partial<SessionSettings>; search?: KbSearch | Error; keys?: string; configAnswers?: (SupportConfig | Error)[];
    /** Answers each load of the KB search bundle instead of `search`. */
    loadSearch?: (url: string) => Promise<KbSearch>;
  } = {},
): Promise<Harness> {
  const store = options.store ?? (await openDraftStore('test', { indexedDB: null }));
  const answers = [...(options.answers ?? [{ kind: 'created', id: 't1', number: 'BR-000001', token: 'tok', replayed: false }])];
  const configAnswers = [...(options.configAnswers ?? [])];
  const h: Omit<Harness, 'session'> = { store, events: [], sent: [], tracked: [], posted: [], warnings: [], configFetches: [], searchLoads: [], page: { hidden: () => undefined, online: () => undefined } };
  const settings: SessionSettings = {
    uiLang: 'pt-BR', kbOrigin: kb, ticketEndpoint: `${kb}/api/tickets`, eventsEndpoint: '', department: '', customerName: '',
    customerEmail: '', customerToken: '', service: '', pageUrl: 'https://www.loja.example/suporte', draftKey: 'draft', ...options.settings,
  };
  const deps: Partial<SessionDeps> = {
    openStore: () => Promise.resolve(store),
    fetchConfig: (origin) => {
      h.configFetches.push(origin);
      const answer = configAnswers.shift() ?? config;
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    configCache: { read: (origin) => configCache.get(origin), write: (origin, fetched) => void configCache.set(origin, fetched) },
    watchPage: (on) => {
      h.page = on;
      return () => (h.page = { hidden: () => undefined, online: () => undefined });
    },
    loadSearch: (url) => {
      h.searchLoads.push(url);
      if (options.loadSearch) return options.loadSearch(url);
      return options.search instanceof Error ? Promise.reject(options.search) : Promise.resolve(options.search ?? { search: () => Promise.resolve([]) });
    },
    sendTicket: (send) => {
      h.sent.push(send);
      return Promise.resolve(answers.shift() ?? { kind: 'gave-up', reason: 'network' });
    },
    postEvent: (_endpoint, event) => {
      h.posted.push(event);
      const { session: _session, ...searchEvent } = event;
      if (!(funnelEventTypes as readonly string[]).includes(event.type)) h.tracked.push(searchEvent);
    },
    prepareFile: (file) => Promise.resolve(file),
    thumbnail: () => undefined,
    now: () => now,
    newKey: (() => {
      let n = 0;
      return () => `${options.keys ?? 'key'}-${++n}`;
    })(),
    warn: (...args) => void h.warnings.push(args),
  };
  const session = new TicketSession({
    settings: () => settings,
    onChange: () => undefined,
    emit: (type, detail) => void h.events.push({ type, detail }),
    deps,
  });
  await session.connect();
  return { ...h, session };
}

/** Fills a valid technical ticket and goes to review. */
async function toReview(session: TicketSession): Promise<void> {
  session.setField('subject', 'Site da loja fora do ar desde as 10h');
  session.wake();
  await vi.advanceTimersByTimeAsync(0);
  session.next();
  session.setField('department', 'technical');
  session.setField('topic', 'outage');
  session.next();
  session.setField('message', 'Desde as 10h a página inicial mostra erro 503 para todos os visitantes.');
  session.next();
  session.setField('name', 'Ana Souza');
  session.setField('email', 'ana@loja.com.br');
  session.next();
  expect(session.state.flow.step).toBe('review');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  configCache = new Map();
});
afterEach(() => vi.useRealTimers());

describe('a session', () => {
  it('fetches nothing until the customer interacts, then the config once', async () => {
    const h = await harness();
    expect(h.configFetches).toEqual([]);
    h.session.setField('subject', 'E-mail');
    h.session.setField('subject', 'E-mail devolvido');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.configFetches).toEqual([kb]);
    expect(h.session.config?.company.name).toBe(config.company.name);
  });

  it('comes back after a reload on the same step with the same fields and files, without taking focus', async () => {
    const first = await harness();
    await toReview(first.session);
    first.session.back();
    first.session.back();
    await first.session.addFiles([new File(['log'], 'erro.txt', { type: 'text/plain' })]);
    await vi.advanceTimersByTimeAsync(300); // the debounced save

    const again = await harness({ store: first.store });
    expect(again.session.state.flow).toEqual({ step: 'details' });
    expect(again.session.state.quiet).toBe(true);
    expect(again.session.state.fields).toMatchObject({ subject: 'Site da loja fora do ar desde as 10h', department: 'technical', topic: 'outage' });
    expect(again.session.state.attachments.map((a) => a.file.name)).toEqual(['erro.txt']);
    // A restored draft needs its config: it is fetched without waiting for an interaction.
    expect(again.configFetches).toEqual([kb]);
  });

  it('keeps what the customer typed while the draft was being read', async () => {
    const store = await openDraftStore('test', { indexedDB: null });
    await store.saveFields('draft', { subject: 'Rascunho antigo sobre DNS', message: 'texto antigo' }, 'describe');
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const session = new TicketSession({
      settings: () => ({ uiLang: 'pt-BR', kbOrigin: kb, ticketEndpoint: `${kb}/api/tickets`, eventsEndpoint: '', department: '', customerName: '', customerEmail: '', customerToken: '', service: '', pageUrl: kb, draftKey: 'draft' }),
      onChange: () => undefined,
      emit: () => undefined,
      deps: { openStore: () => slow.then(() => store), fetchConfig: () => Promise.resolve(config), now: () => now },
    });
    const restored = session.restore();
    session.setField('subject', 'Digitado antes do rascunho chegar');
    release();
    await restored;
    expect(session.state.fields.subject).toBe('Digitado antes do rascunho chegar');
    expect(session.state.fields.message).toBe('texto antigo');
  });

  it('sends the ticket once with a frozen key, shows the number and forgets the draft', async () => {
    const h = await harness({ answers: [{ kind: 'created', id: 't1', number: 'BR-000123', token: 'st 8f', replayed: false }] });
    await toReview(h.session);
    const first = h.session.send();
    const second = h.session.send(); // a double click
    await Promise.all([first, second]);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({ endpoint: `${kb}/api/tickets`, idempotencyKey: 'key-1' });
    expect(h.sent[0]!.ticket).toMatchObject({ lang: 'pt-BR', department: 'technical', topic: 'outage', subject: 'Site da loja fora do ar desde as 10h' });
    expect(h.session.state.flow).toEqual({ step: 'done', result: { id: 't1', number: 'BR-000123' } });
    expect(h.session.state.result).toMatchObject({ number: 'BR-000123', email: 'ana@loja.com.br', statusUrl: `${kb}/pt-br/ticket/#BR-000123:st%208f` });
    expect(h.events.filter((e) => e.type === 'support-ticket-submitted')).toEqual([{ type: 'support-ticket-submitted', detail: { id: 't1', number: 'BR-000123' } }]);
    expect(await h.store.load('draft')).toBeNull();
    expect((await h.store.recentSent(now)).map((t) => t.number)).toEqual(['BR-000123']);
  });

  it('keeps what the server says of a first reply and of a confirmation e-mail, and promises no e-mail it was not told of', async () => {
    const replyExpectation = { kind: 'queue', nextOpening: '2026-11-24T17:00:00.000Z' } as const;
    const told = await harness({ answers: [{ kind: 'created', id: 't1', number: 'BR-000123', replayed: false, replyExpectation, confirmationEmail: true }] });
    await toReview(told.session);
    await told.session.send();
    expect(told.session.state.result).toMatchObject({ replyExpectation, confirmationEmail: true, sentAt: now.toISOString() });
    const silent = await harness();
    await toReview(silent.session);
    await silent.session.send();
    // A queue's next opening is the server's to compute: without it nothing is made up here.
    expect(silent.session.state.result).toMatchObject({ confirmationEmail: false });
    expect(silent.session.state.result).not.toHaveProperty('replyExpectation');
  });

  it('dates an Italian commitment itself when the backend does not, and promises nothing to a sales question', async () => {
    const italian = { uiLang: 'it' as const };
    const h = await harness({ settings: italian, answers: [{ kind: 'created', id: 't1', number: 'IT-000001', replayed: false }] });
    await toReview(h.session);
    await h.session.send();
    // Tuesday 24 November 18:00 in Rome: 7 days later is Tuesday 1 December, a date, not a minute.
    expect(h.session.state.result?.replyExpectation).toEqual({ kind: 'by-date', date: '2026-12-01', days: 7 });
    const sales = await harness({ settings: { ...italian, department: 'sales' }, answers: [{ kind: 'created', id: 't2', number: 'IT-000002', replayed: false }] });
    sales.session.setField('subject', 'Quanto costa il piano Business?');
    sales.session.wake();
    await vi.advanceTimersByTimeAsync(0);
    sales.session.next();
    sales.session.setField('topic', 'plans');
    sales.session.next();
    sales.session.setField('message', 'Vorrei sapere il prezzo annuale del piano Business e se include la posta.');
    sales.session.next();
    sales.session.setField('name', 'Giulia Romano');
    sales.session.setField('email', 'giulia@esempio.it');
    sales.session.next();
    await sales.session.send();
    expect(sales.session.state.result?.replyExpectation).toEqual({ kind: 'none' });
  });

  it('knows a screenshot is attached once an image is among the files', async () => {
    const h = await harness();
    expect(h.session.context.screenshot).toBe(false);
    await h.session.addFiles([new File(['log'], 'erro.txt', { type: 'text/plain' })]);
    expect(h.session.context.screenshot).toBe(false);
    await h.session.addFiles([new File([new Uint8Array([137, 80, 78, 71])], 'erro.png', { type: 'image/png' })]);
    expect(h.session.context.screenshot).toBe(true);
  });

  it('keeps the ticket and its key when the network gives up, and Try again sends exactly that', async () => {
    const h = await harness({ answers: [{ kind: 'gave-up', reason: 'network' }, { kind: 'created', id: 't2', number: 'BR-000124', replayed: true }] });
    await toReview(h.session);
    await h.session.send();
    expect(h.session.state.flow).toEqual({ step: 'review', failure: { retryable: true, reason: 'network' } });
    expect(h.events.at(-1)).toEqual({ type: 'support-ticket-error', detail: { kind: 'network' } });
    expect((await h.store.frozen('draft'))?.idempotencyKey).toBe('key-1');
    h.session.setField('message', 'Mudei o texto depois da falha, mas o ticket congelado é o que vai.');
    await h.session.send();
    expect(h.sent.map((s) => s.idempotencyKey)).toEqual(['key-1', 'key-1']);
    expect(h.sent[1]!.ticket).toEqual(h.sent[0]!.ticket);
    expect(h.session.state.flow.step).toBe('done');
  });

  it('finishes after a reload a Send that was in flight, with the same key, and says so once', async () => {
    // The page went away mid-send: the payload was frozen and its answer never arrived.
    const first = await harness({ answers: [{ kind: 'aborted' }] });
    await toReview(first.session);
    await first.session.send();

    const again = await harness({ store: first.store, answers: [{ kind: 'created', id: 't3', number: 'BR-000125', replayed: true }], keys: 'new' });
    expect(again.sent.map((s) => s.idempotencyKey)).toEqual(['key-1']);
    expect(again.sent[0]!.ticket).toEqual(first.sent[0]!.ticket);
    expect(again.session.state.flow.step).toBe('done');
    expect(again.events.filter((e) => e.type === 'support-ticket-submitted')).toHaveLength(1);
    expect(await again.store.load('draft')).toBeNull();
  });

  it("puts the server's objections on the form's fields and sends the corrected ticket with a new key", async () => {
    const problem = { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ path: 'customer.email', code: 'email', message: 'Domínio sem e-mail.' }, { path: 'client.startedAt', code: 'too-fast', message: 'Rápido demais.' }] };
    const h = await harness({ answers: [{ kind: 'rejected', status: 422, problem, fieldErrors: problem.errors }, { kind: 'created', id: 't4', number: 'BR-000126', replayed: false }] });
    await toReview(h.session);
    await h.session.send();
    expect(h.session.state.flow).toEqual({ step: 'review', failure: { retryable: false, problem } });
    expect(h.session.visibleError('email')).toEqual({ text: 'Domínio sem e-mail.' });
    expect(h.session.state.serverErrors.get('form')).toBe('Rápido demais.');
    expect(h.events.at(-1)).toEqual({ type: 'support-ticket-error', detail: { kind: 'rejected', status: 422 } });
    h.session.edit('contact');
    h.session.setField('email', 'ana@loja.example.com.br');
    expect(h.session.visibleError('email')).toBeUndefined(); // editing the field clears the server's objection
    h.session.next();
    await h.session.send();
    expect(h.sent.map((s) => s.idempotencyKey)).toEqual(['key-1', 'key-2']);
  });

  it('takes the customer to the first missing field when Send cannot go', async () => {
    const store = await openDraftStore('test', { indexedDB: null });
    await store.saveFields('draft', { subject: 'Segunda via do boleto de novembro', department: 'billing', topic: 'invoices', message: 'Preciso da segunda via do boleto de novembro, o original não chegou.', name: 'Ana Souza', email: '' }, 'review');
    const h = await harness({ store });
    await vi.advanceTimersByTimeAsync(0);
    expect(await h.session.send()).toBe('email');
    expect(h.sent).toEqual([]);
    expect(h.session.state.flow).toEqual({ step: 'contact', editing: true });
    expect(h.session.visibleError('email')).toEqual({ key: 'email.required' });
  });

  it('refuses Continue on an invalid step and names the field to focus', async () => {
    const h = await harness();
    h.session.setField('subject', 'SOCORRO SITE FORA DO AR');
    expect(h.session.next()).toBe('subject');
    expect(h.session.state.flow.step).toBe('describe');
    expect(h.session.visibleError('subject')).toEqual({ key: 'subject.all-caps' });
  });

  it('suggests articles while the customer types, once the typing pauses, and reports what was searched once it stood', async () => {
    const calls: string[] = [];
    const search: KbSearch = {
      search: (query) => {
        calls.push(query);
        return Promise.resolve(query.includes('550') ? [hit('erro-550', 5), hit('caixa-cheia', 0.5)] : []);
      },
    };
    const h = await harness({ search });
    h.session.setField('subject', 'E-mail devolvido');
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(149);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.session.state.search.state).toBe('ready');
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    const query = reported('E-mail devolvido com erro 550');
    // Shown at once, counted as a search once it stood a second (words on the way are no searches).
    expect(h.tracked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.tracked).toEqual([{ type: 'search', query, lang: 'pt-BR' }]);

    h.session.deflect(h.session.state.search.suggestions[0]!);
    expect(h.session.state.flow.step).toBe('deflected');
    expect(h.tracked.at(-1)).toEqual({ type: 'deflected', query, lang: 'pt-BR', article: `${kb}/pt-br/erro-550/` });
    expect(h.events.at(-1)).toEqual({ type: 'support-ticket-deflected', detail: { query, article: { url: `${kb}/pt-br/erro-550/`, title: 'erro-550' } } });
  });

  it('goes on without suggestions when the KB index cannot load', async () => {
    const h = await harness({ search: new Error('blocked by CSP') });
    h.session.setField('subject', 'Certificado SSL expirado');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search.state).toBe('unavailable');
    expect(h.warnings).toHaveLength(1);
    expect(h.session.next()).toBeUndefined();
    expect(h.session.state.flow.step).toBe('department');
  });

  it('attaches what the policy allows, keeps it with the draft, and says why the rest was refused', async () => {
    const h = await harness();
    h.session.wake();
    await vi.advanceTimersByTimeAsync(0);
    await h.session.addFiles([new File(['%PDF-1.4'], 'fatura.pdf', { type: 'application/pdf' }), new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' })]);
    expect(h.session.state.attachments.map((a) => a.file.name)).toEqual(['fatura.pdf']);
    expect(h.session.state.attachmentErrors).toEqual([{ name: 'setup.exe', code: 'type' }]);
    expect((await h.store.files('draft')).map((f) => f.file.name)).toEqual(['fatura.pdf']);
    h.session.removeFile(h.session.state.attachments[0]!.id);
    await vi.advanceTimersByTimeAsync(0);
    expect(await h.store.files('draft')).toEqual([]);
  });

  it('starts over with a new form after a ticket, keeping who the customer is', async () => {
    const h = await harness();
    await toReview(h.session);
    await h.session.send();
    h.session.restart();
    expect(h.session.state.flow).toEqual({ step: 'describe' });
    expect(h.session.state.fields).toMatchObject({ subject: '', message: '', department: '', name: 'Ana Souza', email: 'ana@loja.com.br' });
  });

  it('never sends a ticket that still holds a password, whatever calls Send', async () => {
    const h = await harness();
    await toReview(h.session);
    h.session.edit('details');
    h.session.setField('message', 'Não consigo entrar no webmail, minha senha: Abc123xyz! e aparece acesso negado.');
    h.session.next();
    expect(h.session.state.flow.step).toBe('review');
    expect(await h.session.send()).toBeUndefined();
    expect(h.sent).toEqual([]);
    expect(h.session.state.flow.step).toBe('review');
  });

  it('saves what was just typed when the widget is removed before the save pause is over', async () => {
    const h = await harness();
    h.session.setField('subject', 'Domínio expira amanhã e a renovação falha');
    h.session.dispose();
    await vi.advanceTimersByTimeAsync(0);
    expect((await h.store.load('draft'))?.fields).toMatchObject({ subject: 'Domínio expira amanhã e a renovação falha' });
  });
});

/** A customer token as the host company's server signs it: `base64url(payload).signature` (the widget only reads `sub`). */
const tokenFor = (sub: string) => `${Buffer.from(JSON.stringify({ sub, name: 'Cliente', exp: 1_900_000_000 })).toString('base64url')}.c2lnbmF0dXJl`;

/** The in-memory store with `methods` failing, as IndexedDB does when the disk is full or site data is cleared mid-visit. */
async function failingStore(...methods: (keyof DraftStore)[]): Promise<DraftStore> {
  const store = await openDraftStore('test', { indexedDB: null });
  const fail = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  return Object.assign(store, Object.fromEntries(methods.map((method) => [method, fail])));
}

describe('drafts on a shared computer', () => {
  it("keeps each customer's draft to themselves: the next customer starts blank, and the first finds theirs again", async () => {
    const ana = { customerToken: tokenFor('client-1001') };
    const first = await harness({ settings: ana });
    first.session.setField('subject', 'Fatura de Ana com valor errado');
    await vi.advanceTimersByTimeAsync(300); // the pause after typing: the draft is saved

    // Support staff "log in as client" as someone else, then the page has no customer at all.
    for (const someoneElse of [{ customerToken: tokenFor('client-2002') }, { customerEmail: 'bruno@loja.com.br' }, {}]) {
      const next = await harness({ store: first.store, settings: someoneElse });
      expect(next.session.state.fields.subject, JSON.stringify(someoneElse)).toBe('');
      expect(next.session.state.restoredDraft).toBeUndefined();
    }
    const again = await harness({ store: first.store, settings: ana });
    expect(again.session.state.fields.subject).toBe('Fatura de Ana com valor errado');
  });

  it('keys a draft by the e-mail the page gives when there is no token, whatever its case', async () => {
    const first = await harness({ settings: { customerEmail: 'Ana@Loja.com.br' } });
    first.session.setField('subject', 'Backup de ontem não aparece');
    await vi.advanceTimersByTimeAsync(300); // the pause after typing: the draft is saved
    expect((await harness({ store: first.store, settings: { customerEmail: 'bruno@loja.com.br' } })).session.state.fields.subject).toBe('');
    expect((await harness({ store: first.store, settings: { customerEmail: 'ana@loja.com.br' } })).session.state.fields.subject).toBe('Backup de ontem não aparece');
  });

  it('says a draft was brought back, and Discard deletes it for good, files included', async () => {
    const first = await harness();
    first.session.setField('subject', 'Rascunho de outra pessoa');
    first.session.wake();
    await vi.advanceTimersByTimeAsync(0);
    await first.session.addFiles([new File(['log'], 'erro.txt', { type: 'text/plain' })]);
    await vi.advanceTimersByTimeAsync(300);

    const again = await harness({ store: first.store });
    expect(again.session.state.restoredDraft).toMatchObject({ cut: [] });
    again.session.discard();
    await vi.advanceTimersByTimeAsync(300);
    expect(again.session.state.restoredDraft).toBeUndefined();
    expect(again.session.state.fields.subject).toBe('');
    expect(again.session.state.attachments).toEqual([]);
    expect(await first.store.load('draft')).toBeNull();

    const later = await harness({ store: first.store });
    expect(later.session.state.fields.subject).toBe('');
    expect(later.session.state.attachments).toEqual([]);
    expect(later.session.state.restoredDraft).toBeUndefined();
  });

  it('never writes a password into the draft, and names the field that lost it when the draft comes back', async () => {
    const first = await harness();
    first.session.setField('subject', 'Webmail recusa meu acesso');
    first.session.setField('message', 'Entro no webmail com senha: Abc123xyz! e aparece acesso negado.');
    await vi.advanceTimersByTimeAsync(300); // the pause after typing: the draft is saved
    expect(JSON.stringify(await first.store.load('draft'))).not.toContain('Abc123xyz!');

    const again = await harness({ store: first.store });
    expect(again.session.state.fields.message).toBe('Entro no webmail com senha:  e aparece acesso negado.');
    expect(again.session.state.restoredDraft?.cut).toEqual(['message']);
  });
});

describe('nothing typed is lost', () => {
  it('saves what was just typed as soon as the page is hidden or left, without waiting for the pause', async () => {
    const h = await harness();
    h.session.setField('subject', 'Domínio expira amanhã e a renovação falha');
    h.page.hidden();
    await vi.advanceTimersByTimeAsync(0);
    expect((await h.store.load('draft'))?.fields).toMatchObject({ subject: 'Domínio expira amanhã e a renovação falha' });
  });
});

describe('the support configuration', () => {
  it('is tried again with backoff, and once more on the next interaction, before the form says it is missing', async () => {
    const down = new Error('HTTP 503');
    const h = await harness({ configAnswers: [down, down, down] });
    h.session.setField('subject', 'Quanto custa migrar meu site?');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.configFetches).toHaveLength(1);
    expect(h.session.state.configFailed).toBe(false); // still trying
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.configFetches).toHaveLength(3);
    expect(h.session.config).toBeUndefined();
    expect(h.session.state.configFailed).toBe(true);
    expect(h.warnings).toHaveLength(1);

    h.session.next(); // the customer goes on: the KB is asked again
    await vi.advanceTimersByTimeAsync(0);
    expect(h.configFetches).toHaveLength(4);
    expect(h.session.config?.departments.map((d) => d.key)).toEqual(['technical', 'billing', 'sales']);
    expect(h.session.state.configFailed).toBe(false);
  });

  it('falls back to the last one that loaded from this KB while the KB cannot be reached', async () => {
    const earlier = await harness();
    earlier.session.wake();
    await vi.advanceTimersByTimeAsync(0);

    const h = await harness({ configAnswers: [new Error('Failed to fetch'), new Error('Failed to fetch'), new Error('Failed to fetch')] });
    h.session.setField('subject', 'Quanto custa migrar meu site?');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.session.config?.company.name).toBe(config.company.name);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.session.state.configFailed).toBe(false);
  });

  it('without any, keeps the ticket as a draft instead of sending it without topics or prices', async () => {
    const down = new Error('HTTP 503');
    const h = await harness({ configAnswers: Array.from({ length: 20 }, () => down) });
    h.session.setField('subject', 'Site da loja fora do ar desde as 10h');
    h.session.next();
    h.session.setField('department', 'technical');
    h.session.next();
    h.session.setField('message', 'Desde as 10h a página inicial mostra erro 503 para todos os visitantes.');
    h.session.next();
    h.session.setField('name', 'Ana Souza');
    h.session.setField('email', 'ana@loja.com.br');
    h.session.next();
    expect(h.session.state.flow.step).toBe('review');
    const sending = h.session.send();
    await vi.advanceTimersByTimeAsync(10_000);
    await sending;
    expect(h.sent).toEqual([]);
    expect(h.session.state.flow.step).toBe('review');
    expect(h.session.state.configFailed).toBe(true);
    expect((await h.store.load('draft'))?.fields).toMatchObject({ subject: 'Site da loja fora do ar desde as 10h', department: 'technical' });
  });
});

describe('sending whatever the browser storage does', () => {
  it('shows the ticket number when storage fails after the server created the ticket, and says why in the console', async () => {
    const store = await failingStore('rememberSent', 'clear');
    const h = await harness({ store, answers: [{ kind: 'created', id: 't9', number: 'BR-000901', replayed: false }] });
    await toReview(h.session);
    await h.session.send();
    expect(h.session.state.flow).toEqual({ step: 'done', result: { id: 't9', number: 'BR-000901' } });
    expect(h.session.state.result?.number).toBe('BR-000901');
    expect(h.events.filter((e) => e.type === 'support-ticket-submitted')).toHaveLength(1);
    expect(h.warnings.length).toBeGreaterThan(0);
  });

  it('still sends when the draft cannot be saved before sending, and Try again reuses the key', async () => {
    const store = await failingStore('saveFields', 'freeze');
    const h = await harness({ store, answers: [{ kind: 'gave-up', reason: 'network' }, { kind: 'created', id: 't8', number: 'BR-000801', replayed: true }] });
    await toReview(h.session);
    await h.session.send();
    expect(h.session.state.flow).toEqual({ step: 'review', failure: { retryable: true, reason: 'network' } });
    await h.session.send();
    expect(h.sent.map((s) => s.idempotencyKey)).toEqual(['key-1', 'key-1']);
    expect(h.session.state.flow.step).toBe('done');
  });
});

describe('second thoughts and second chances', () => {
  it('brings the form back as it was after "This solved it", draft and files included, and tells the KB', async () => {
    const search: KbSearch = { search: () => Promise.resolve([hit('erro-550', 5)]) };
    const h = await harness({ search });
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    await h.session.addFiles([new File(['log'], 'bounce.txt', { type: 'text/plain' })]);
    h.session.deflect(h.session.state.search.suggestions[0]!);
    await vi.advanceTimersByTimeAsync(0);
    expect(await h.store.load('draft')).toBeNull();

    h.session.undoDeflect();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.session.state.flow).toEqual({ step: 'describe' });
    expect(h.session.state.fields.subject).toBe('E-mail devolvido com erro 550');
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    expect(h.tracked.at(-1)).toEqual({ type: 'deflection-undone', query: reported('E-mail devolvido com erro 550'), lang: 'pt-BR', article: `${kb}/pt-br/erro-550/` });
    const again = await harness({ store: h.store });
    expect(again.session.state.fields.subject).toBe('E-mail devolvido com erro 550');
    expect(again.session.state.attachments.map((a) => a.file.name)).toEqual(['bounce.txt']);
  });

  it('sends a ticket that gave up offline as soon as the browser is back online, with the same key', async () => {
    const h = await harness({ answers: [{ kind: 'gave-up', reason: 'network' }, { kind: 'created', id: 't7', number: 'BR-000701', replayed: false }] });
    await toReview(h.session);
    await h.session.send();
    expect(h.session.state.flow.step).toBe('review');
    h.page.online();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent.map((s) => s.idempotencyKey)).toEqual(['key-1', 'key-1']);
    expect(h.session.state.flow).toEqual({ step: 'done', result: { id: 't7', number: 'BR-000701' } });
  });
});

describe('deflection that finds the answer (issue 12)', () => {
  /** A KB where "550" finds one article, except among billing's; each answer takes `ms`. */
  const kbSearch = (calls: { query: string; department?: string }[] = [], ms = 0): KbSearch => ({
    search: (query, { department } = {}) => {
      calls.push({ query, ...(department ? { department } : {}) });
      const hits = query.includes('550') && department !== 'billing' ? [hit('erro-550', 5)] : [];
      return ms ? new Promise((resolve) => setTimeout(() => resolve(hits), ms)) : Promise.resolve(hits);
    },
  });
  const idle = { state: 'idle', suggestions: [], query: '' };

  it('clears the suggestions the moment the subject is cleared, and a "no article matches" too', async () => {
    const h = await harness({ search: kbSearch() });
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    h.session.setField('subject', '');
    expect(h.session.state.search).toEqual(idle);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search).toEqual(idle);

    h.session.setField('subject', 'Certificado SSL expirado');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search).toMatchObject({ state: 'ready', suggestions: [] });
    h.session.setField('subject', '  ');
    expect(h.session.state.search).toEqual(idle);
  });

  it('ignores an answer that arrives after the subject was cleared', async () => {
    const h = await harness({ search: kbSearch([], 1000) });
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300); // the search starts and takes a second
    expect(h.session.state.search.state).toBe('loading');
    h.session.setField('subject', '');
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.session.state.search).toEqual(idle);
    expect(h.tracked).toEqual([]);
  });

  it('posts a search event once per query, not again when the department changes, which still filters the suggestions', async () => {
    const calls: { query: string; department?: string }[] = [];
    const h = await harness({ search: kbSearch(calls) });
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.tracked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.tracked).toEqual([{ type: 'search', query: reported('E-mail devolvido com erro 550'), lang: 'pt-BR' }]);

    h.session.next();
    h.session.setField('department', 'billing');
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.at(-1)).toMatchObject({ department: 'billing' });
    expect(h.session.state.search.suggestions).toEqual([]);
    h.session.setField('department', 'technical');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    expect(h.tracked).toHaveLength(1);

    // The same words in other letters are the same query; more words are a new one.
    h.session.back();
    h.session.setField('subject', 'e-mail DEVOLVIDO com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.tracked).toHaveLength(1);
    h.session.setField('subject', 'E-mail devolvido com erro 550 5.1.1');
    await vi.advanceTimersByTimeAsync(1200);
    expect(h.tracked).toEqual([
      { type: 'search', query: reported('E-mail devolvido com erro 550'), lang: 'pt-BR' },
      { type: 'search', query: reported('E-mail devolvido com erro 550 5.1.1'), lang: 'pt-BR' },
    ]);
  });

  it('counts only the queries that stood: words searched on the way while typing are no searches', async () => {
    const h = await harness({ search: kbSearch([]) });
    for (const typed of ['site', 'site fora', 'site fora do ar']) {
      h.session.setField('subject', typed);
      await vi.advanceTimersByTimeAsync(400); // each pause long enough to search and show
    }
    expect(h.tracked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.tracked.map((e) => (e as { query: string }).query)).toEqual([reported('site fora do ar')]);
    // A query cleared before it stood is not counted; one on screen when the page is left is.
    h.session.setField('subject', 'erro 500');
    await vi.advanceTimersByTimeAsync(400);
    h.session.setField('subject', '');
    await vi.advanceTimersByTimeAsync(2000);
    h.session.setField('subject', 'pagina em branco');
    await vi.advanceTimersByTimeAsync(400);
    h.session.flush();
    expect(h.tracked.map((e) => (e as { query: string }).query)).toEqual([reported('site fora do ar'), reported('pagina em branco')]);
  });

  it('counts the query a suggestion was opened from first, however soon it was opened', async () => {
    const h = await harness({ search: kbSearch([]) });
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    h.session.openSuggestion(h.session.state.search.suggestions[0]!);
    const types = () => h.posted.map((e) => (e as { type: string }).type).filter((t) => t !== 'widget-opened');
    expect(types()).toEqual(['search', 'suggestion-opened']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(types()).toEqual(['search', 'suggestion-opened']);
  });

  it('starts loading the KB search on first contact without searching, and the first search uses it', async () => {
    const calls: { query: string }[] = [];
    const h = await harness({ search: kbSearch(calls) });
    expect(h.searchLoads).toEqual([]);
    h.session.wake();
    h.session.wake();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.searchLoads).toEqual([`${kb}/deflection/pt-br/`]);
    expect(calls).toEqual([]);
    expect(h.session.state.search).toEqual(idle);
    expect(h.tracked).toEqual([]);

    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    expect(h.searchLoads).toHaveLength(1);
  });

  it('prefetches the KB default language for an English interface, once the configuration says which', async () => {
    const h = await harness({ settings: { uiLang: 'en' }, configAnswers: [{ ...config, defaultLanguage: 'it' }] });
    h.session.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.searchLoads).toEqual([`${kb}/deflection/it/`]);
  });

  it('says nothing when the prefetch fails, and loads the index again at the first search', async () => {
    let loads = 0;
    const h = await harness({ loadSearch: () => (++loads === 1 ? Promise.reject(new Error('offline for a moment')) : Promise.resolve(kbSearch())) });
    h.session.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.session.state.search).toEqual(idle);
    expect(h.warnings).toEqual([]);

    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    expect(h.searchLoads).toHaveLength(2);
    expect(h.warnings).toEqual([]);
  });

  it('loads the index again when the first search was waiting for a prefetch that failed', async () => {
    let fail!: (error: Error) => void;
    let loads = 0;
    const h = await harness({ loadSearch: () => (++loads === 1 ? new Promise((_, reject) => (fail = reject)) : Promise.resolve(kbSearch())) });
    h.session.setField('subject', 'E-mail devolvido com erro 550'); // first contact: the prefetch starts
    await vi.advanceTimersByTimeAsync(300); // the search waits for it
    expect(h.session.state.search.state).toBe('loading');
    fail(new Error('the phone lost its signal'));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.session.state.search.suggestions.map((s) => s.title)).toEqual(['erro-550']);
    expect(h.searchLoads).toHaveLength(2);
    expect(h.warnings).toEqual([]);
  });

  it("follows one session through the console's funnel with one random id that never reaches the ticket", async () => {
    const search: KbSearch = { search: () => Promise.resolve([hit('erro-550', 5)]) };
    const h = await harness({ search });
    h.session.wake(); // hovering the widget is no session yet
    expect(h.posted).toEqual([]);
    h.session.setField('subject', 'E-mail devolvido com erro 550');
    await vi.advanceTimersByTimeAsync(300);
    h.session.openSuggestion(h.session.state.search.suggestions[0]!);
    await toReview(h.session);
    await h.session.send();
    expect(h.posted.map((e) => e.type)).toEqual(['widget-opened', 'search', 'suggestion-opened', 'ticket-sent']);
    const ids = new Set(h.posted.map((e) => e.session));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(h.posted[2]).toMatchObject({ article: `${kb}/pt-br/erro-550/` });
    expect(JSON.stringify(h.sent[0]!.ticket)).not.toContain(id);
  });
});
