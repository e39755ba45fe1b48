/**
 * What every store must do for the staff console (console-store.ts), as Vitest tests written against
 * the interface alone, on small fixtures whose answers are worked out by hand in the comments. Each
 * store implementation runs it from its own test file, like store-conformance.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentLanguage } from '../../../core/contract/locales.ts';
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { StaffAccount, StaffSession } from './console-store.ts';
import { newTicket, type StoreUnderTest } from './store-conformance.ts';
import type { EventInput, NewTicket, Store } from './store.ts';

const t0 = new Date('2026-11-25T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const at = (ms: number) => new Date(t0.getTime() + ms);
/** Noon UTC of a day: events keep only the day. */
const noon = (day: string) => new Date(`${day}T12:00:00.000Z`);

function account(email: string, more: Partial<StaffAccount> = {}): StaffAccount {
  return { id: `id-${email}`, email, role: 'agent', passwordHash: `scrypt$hash-of-${email}`, createdAt: t0.toISOString(), passwordChangedAt: t0.toISOString(), ...more };
}

function session(id: string, staffId: string, createdAt = t0, lastSeenAt = createdAt): StaffSession {
  return { id, staffId, createdAt: createdAt.toISOString(), lastSeenAt: lastSeenAt.toISOString() };
}

/** A ticket with `changes` applied to the example ticket. */
function ticketWith(changes: Partial<Ticket>, more: Partial<NewTicket> = {}): NewTicket {
  const base = newTicket(more);
  return { ...base, ticket: { ...base.ticket, ...changes }, ...more };
}

const pt: ContentLanguage = 'pt-BR';
const it_: ContentLanguage = 'it';

export function describeConsoleStoreConformance(name: string, open: () => Promise<StoreUnderTest> | StoreUnderTest): void {
  describe(`${name} store: the staff console`, () => {
    let subject: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    /** Adds the events of a widget session: each `[type, day, extra]` under one session id. */
    async function widgetSession(id: string | undefined, lang: ContentLanguage, steps: [EventInput['type'], string, Partial<EventInput>?][]) {
      for (const [type, day, extra] of steps) await store.addEvent({ type, query: '', lang, ...(id ? { session: id } : {}), ...extra }, noon(day));
    }

    describe('staff accounts', () => {
      it('adds an account once per e-mail and finds it by e-mail', async () => {
        expect(await store.addStaff(account('ana@nuvolo.example'))).toBe(true);
        expect(await store.addStaff(account('ana@nuvolo.example', { id: 'another-id', role: 'editor' }))).toBe(false);

        expect(await store.staffByEmail('ana@nuvolo.example')).toEqual(account('ana@nuvolo.example'));
        expect(await store.staffByEmail('bia@nuvolo.example')).toBeUndefined();
        expect(await store.countStaff()).toBe(1);
      });

      it('lists accounts by e-mail with their open sessions and last sign-in', async () => {
        await store.addStaff(account('caio@nuvolo.example', { role: 'editor' }));
        await store.addStaff(account('ana@nuvolo.example'));
        await store.createSession(session('s1', 'id-ana@nuvolo.example'));
        await store.createSession(session('s2', 'id-ana@nuvolo.example'));
        await store.markSignedIn('id-ana@nuvolo.example', at(minutes(5)));

        expect(await store.listStaff()).toEqual([
          { ...account('ana@nuvolo.example'), lastSignInAt: at(minutes(5)).toISOString(), sessions: 2 },
          { ...account('caio@nuvolo.example', { role: 'editor' }), sessions: 0 },
        ]);
      });

      it('removes an account with its sessions, and says whether there was one', async () => {
        await store.addStaff(account('ana@nuvolo.example'));
        await store.createSession(session('s1', 'id-ana@nuvolo.example'));

        expect(await store.removeStaff('ana@nuvolo.example')).toBe(true);
        expect(await store.removeStaff('ana@nuvolo.example')).toBe(false);
        expect(await store.session('s1')).toBeUndefined();
        expect(await store.countStaff()).toBe(0);
      });

      it('stores a rehashed password without ending the sessions', async () => {
        await store.addStaff(account('ana@nuvolo.example'));
        await store.createSession(session('s1', 'id-ana@nuvolo.example'));
        await store.rehashPassword('id-ana@nuvolo.example', 'scrypt$stronger');
        expect((await store.staffByEmail('ana@nuvolo.example'))?.passwordHash).toBe('scrypt$stronger');
        expect(await store.session('s1')).toBeDefined();
      });

      it('replaces a password and ends every session of that account only', async () => {
        await store.addStaff(account('ana@nuvolo.example'));
        await store.addStaff(account('bia@nuvolo.example'));
        await store.createSession(session('ana-1', 'id-ana@nuvolo.example'));
        await store.createSession(session('bia-1', 'id-bia@nuvolo.example'));

        expect(await store.setStaffPassword('ana@nuvolo.example', 'scrypt$new', at(minutes(1)))).toBe(true);
        expect(await store.setStaffPassword('nobody@nuvolo.example', 'scrypt$new', at(minutes(1)))).toBe(false);

        expect(await store.staffByEmail('ana@nuvolo.example')).toMatchObject({ passwordHash: 'scrypt$new', passwordChangedAt: at(minutes(1)).toISOString() });
        expect(await store.session('ana-1')).toBeUndefined();
        expect(await store.session('bia-1')).toBeDefined();
      });
    });

    describe('sessions', () => {
      beforeEach(async () => {
        await store.addStaff(account('ana@nuvolo.example', { role: 'editor' }));
      });

      it('finds a session with its account, records activity, and forgets a deleted one', async () => {
        await store.createSession(session('s1', 'id-ana@nuvolo.example'));
        expect(await store.session('s1')).toEqual({ session: session('s1', 'id-ana@nuvolo.example'), staff: account('ana@nuvolo.example', { role: 'editor' }) });

        await store.touchSession('s1', at(minutes(3)));
        expect((await store.session('s1'))?.session.lastSeenAt).toBe(at(minutes(3)).toISOString());

        await store.deleteSession('s1');
        expect(await store.session('s1')).toBeUndefined();
        expect(await store.session('never-created')).toBeUndefined();
      });

      it('purges sessions idle since before the idle cutoff or created before the absolute one, and says how many', async () => {
        await store.createSession(session('idle', 'id-ana@nuvolo.example', at(-minutes(60)), at(-minutes(31))));
        await store.createSession(session('active-old', 'id-ana@nuvolo.example', at(-minutes(13 * 60)), at(-minutes(1))));
        await store.createSession(session('fresh', 'id-ana@nuvolo.example', at(-minutes(60)), at(-minutes(30))));

        expect(await store.purgeSessions(at(-minutes(30)), at(-minutes(12 * 60)))).toBe(2);

        expect(await store.session('idle')).toBeUndefined();
        expect(await store.session('active-old')).toBeUndefined();
        expect(await store.session('fresh')).toBeDefined();
      });
    });

    describe('sign-in throttling and form tokens', () => {
      it('counts failures per key since a time, with the oldest, and clears one key without touching another', async () => {
        await store.recordSignInFailure(['account:ana', 'client:1'], at(-minutes(20)));
        await store.recordSignInFailure(['account:ana', 'client:1'], at(-minutes(10)));
        await store.recordSignInFailure(['account:ana', 'client:2'], at(-minutes(5)));

        expect(await store.signInFailures('account:ana', at(-minutes(15)))).toEqual({ count: 2, oldest: at(-minutes(10)).toISOString() });
        expect(await store.signInFailures('client:1', at(-minutes(30)))).toEqual({ count: 2, oldest: at(-minutes(20)).toISOString() });
        expect(await store.signInFailures('client:3', at(-minutes(30)))).toEqual({ count: 0 });

        await store.clearSignInFailures('account:ana');
        expect(await store.signInFailures('account:ana', at(-minutes(30)))).toEqual({ count: 0 });
        expect((await store.signInFailures('client:1', at(-minutes(30)))).count).toBe(2);

        expect(await store.purgeSignInFailuresBefore(at(-minutes(10)))).toBe(1);
        expect((await store.signInFailures('client:1', at(-minutes(30)))).count).toBe(1);
      });

      it('spends a form token once: the replay is refused', async () => {
        expect(await store.spendFormToken('nonce-1', t0)).toBe(true);
        expect(await store.spendFormToken('nonce-1', at(minutes(1)))).toBe(false);
        expect(await store.spendFormToken('nonce-2', at(minutes(1)))).toBe(true);
        expect(await store.purgeFormTokensBefore(at(minutes(1)))).toBe(1);
      });
    });

    describe('the audit log', () => {
      it('lists entries newest first, as many as asked, and purges old ones', async () => {
        await store.addAudit({ at: at(-minutes(2)).toISOString(), actor: 'ana@nuvolo.example', action: 'sign-in' });
        await store.addAudit({ at: at(-minutes(1)).toISOString(), actor: 'ana@nuvolo.example', action: 'ticket-view', target: 'BR-000001' });
        await store.addAudit({ at: t0.toISOString(), actor: 'ana@nuvolo.example', action: 'status-change', target: 'BR-000001', detail: 'open → answered' });
        // Two entries in the same millisecond keep the order they were written in.
        await store.addAudit({ at: t0.toISOString(), actor: 'cli', action: 'staff-added', target: 'bia@nuvolo.example' });

        expect((await store.auditEntries(3)).map((e) => e.action)).toEqual(['staff-added', 'status-change', 'ticket-view']);
        expect((await store.auditEntries(10))[1]).toEqual({ at: t0.toISOString(), actor: 'ana@nuvolo.example', action: 'status-change', target: 'BR-000001', detail: 'open → answered' });
        expect(await store.purgeAuditBefore(at(-minutes(1)))).toBe(1);
        expect(await store.auditEntries(10)).toHaveLength(3);
      });
    });

    describe('the deflection funnel', () => {
      it('counts each widget session once, in the week of its first day and the language it started in', async () => {
        const article = 'https://ajuda.nuvolo.example/pt-br/email/erro-550/';
        // Monday 16 November: solved after opening a suggestion.
        await widgetSession('pt-solved-000000000', pt, [['widget-opened', '2026-11-16'], ['search', '2026-11-16', { query: 'erro 550' }], ['suggestion-opened', '2026-11-16', { article }], ['deflected', '2026-11-16', { article }]]);
        // Tuesday: nothing found, a ticket.
        await widgetSession('pt-ticket-000000000', pt, [['widget-opened', '2026-11-17'], ['search-miss', '2026-11-17', { query: 'dkim' }], ['ticket-sent', '2026-11-17']]);
        // Sunday 22, ending on Monday 23: "this solved it" taken back, then a ticket. Counted in the week of the 16th.
        await widgetSession('pt-undone-000000000', pt, [['widget-opened', '2026-11-22'], ['search', '2026-11-22', { query: 'senha' }], ['deflected', '2026-11-22', { article }], ['deflection-undone', '2026-11-23', { article }], ['ticket-sent', '2026-11-23']]);
        // Wednesday, Italian: opened and left.
        await widgetSession('it-left-00000000000', it_, [['widget-opened', '2026-11-18']]);
        // The next week, Italian: solved.
        await widgetSession('it-solved-000000000', it_, [['widget-opened', '2026-11-24'], ['search', '2026-11-24', { query: 'posta' }], ['suggestion-opened', '2026-11-24', { article }], ['deflected', '2026-11-24', { article }]]);
        // Not counted: the KB's search page sends no session; a session entirely before the range.
        await widgetSession(undefined, pt, [['search', '2026-11-17', { query: 'dns' }], ['deflected', '2026-11-17', { article }]]);
        await widgetSession('pt-before-000000000', pt, [['widget-opened', '2026-11-01'], ['ticket-sent', '2026-11-01']]);

        expect(await store.funnel({ from: '2026-11-09', to: '2026-11-29' })).toEqual([
          { week: '2026-11-16', lang: 'it', sessions: 1, searched: 0, suggestionOpened: 0, solved: 0, ticketSent: 0 },
          { week: '2026-11-16', lang: 'pt-BR', sessions: 3, searched: 3, suggestionOpened: 1, solved: 1, ticketSent: 2 },
          { week: '2026-11-23', lang: 'it', sessions: 1, searched: 1, suggestionOpened: 1, solved: 1, ticketSent: 0 },
        ]);
        // The range bounds are days, both included.
        expect(await store.funnel({ from: '2026-11-24', to: '2026-11-24' })).toEqual([
          { week: '2026-11-23', lang: 'it', sessions: 1, searched: 1, suggestionOpened: 1, solved: 1, ticketSent: 0 },
        ]);
      });

      it('forgets a session with its last event when old events are purged, and keeps one that goes on after the cutoff', async () => {
        await widgetSession('ended-before-000000', pt, [['widget-opened', '2026-10-01'], ['ticket-sent', '2026-10-02']]);
        await widgetSession('goes-on-after-00000', pt, [['widget-opened', '2026-10-02'], ['search', '2026-10-05', { query: 'dns' }]]);

        await store.purgeEventsBefore(new Date('2026-10-04T00:00:00.000Z'));

        expect(await store.funnel({ from: '2026-09-01', to: '2026-10-31' })).toEqual([
          { week: '2026-09-28', lang: 'pt-BR', sessions: 1, searched: 1, suggestionOpened: 0, solved: 0, ticketSent: 0 },
        ]);
      });
    });

    describe('content gaps', () => {
      it('reports misses (with or without a session) and weak results (sessions that opened nothing and were not solved), with how many ended in a ticket', async () => {
        const article = 'https://ajuda.nuvolo.example/pt-br/email/erro-550/';
        await widgetSession('miss-then-ticket-00', pt, [['search-miss', '2026-11-20', { query: 'selettore dkim' }], ['search-miss', '2026-11-20', { query: 'selettore dkim' }], ['ticket-sent', '2026-11-20']]);
        await widgetSession(undefined, it_, [['search-miss', '2026-11-21', { query: 'zzqxjv' }]]);
        // Shown suggestions, solved, undone, a ticket: weak.
        await widgetSession('weak-ticket-0000000', pt, [['search', '2026-11-21', { query: 'erro 550' }], ['deflected', '2026-11-21', { article }], ['deflection-undone', '2026-11-21', { article }], ['ticket-sent', '2026-11-21']]);
        // Shown suggestions and left without opening one: weak, no ticket.
        await widgetSession('weak-left-000000000', pt, [['search', '2026-11-22', { query: 'erro 550' }]]);
        // Not gaps: a search whose session opened a suggestion; a search without a session (nothing to judge it by).
        await widgetSession('opened-00000000000', pt, [['search', '2026-11-22', { query: 'redefinir senha' }], ['suggestion-opened', '2026-11-22', { article }]]);
        await widgetSession(undefined, pt, [['search', '2026-11-22', { query: 'dns' }]]);

        // The weak "erro 550" of the 22nd has a day of its own; the two query rows keep a query apart by kind and language.
        const outcomes = await store.queryOutcomes({ from: '2026-11-01', to: '2026-11-30' });
        expect([...outcomes].sort((a, b) => `${a.kind}${a.query}`.localeCompare(`${b.kind}${b.query}`))).toEqual([
          { kind: 'miss', query: 'selettore dkim', lang: 'pt-BR', events: 2, endedInTicket: 2, days: [{ day: '2026-11-20', events: 2 }] },
          { kind: 'miss', query: 'zzqxjv', lang: 'it', events: 1, endedInTicket: 0, days: [{ day: '2026-11-21', events: 1 }] },
          { kind: 'weak', query: 'erro 550', lang: 'pt-BR', events: 2, endedInTicket: 1, days: [{ day: '2026-11-21', events: 1 }, { day: '2026-11-22', events: 1 }] },
        ]);
        expect(await store.queryOutcomes({ from: '2026-11-22', to: '2026-11-30' })).toEqual([
          { kind: 'weak', query: 'erro 550', lang: 'pt-BR', events: 1, endedInTicket: 0, days: [{ day: '2026-11-22', events: 1 }] },
        ]);
      });

      it('keeps one covering article per gap, the latest choice replacing the earlier', async () => {
        await store.coverGap({ gap: 'dkim selettore', article: 'email-dkim', coveredAt: t0.toISOString(), coveredBy: 'ana@nuvolo.example' });
        await store.coverGap({ gap: '550 erro', article: 'email-bounced', coveredAt: t0.toISOString(), coveredBy: 'ana@nuvolo.example' });
        await store.coverGap({ gap: 'dkim selettore', article: 'email-spf-dkim', coveredAt: at(minutes(1)).toISOString(), coveredBy: 'bia@nuvolo.example' });

        expect(await store.gapCoverage()).toEqual([
          { gap: '550 erro', article: 'email-bounced', coveredAt: t0.toISOString(), coveredBy: 'ana@nuvolo.example' },
          { gap: 'dkim selettore', article: 'email-spf-dkim', coveredAt: at(minutes(1)).toISOString(), coveredBy: 'bia@nuvolo.example' },
        ]);
      });
    });

    describe('article health', () => {
      it('sums opened, net solved and tickets sent after reading, per article page and language', async () => {
        const a = 'https://ajuda.nuvolo.example/pt-br/email/erro-550/';
        const b = 'https://ajuda.nuvolo.example/pt-br/conta/redefinir-senha/';
        await widgetSession('read-solved-0000000', pt, [['suggestion-opened', '2026-11-20', { article: a }], ['deflected', '2026-11-20', { article: a }]]);
        // Opened A twice and B, then a ticket: one ticket after A (one session), one after B.
        await widgetSession('read-ticket-0000000', pt, [['suggestion-opened', '2026-11-20', { article: a }], ['suggestion-opened', '2026-11-20', { article: a }], ['suggestion-opened', '2026-11-21', { article: b }], ['ticket-sent', '2026-11-21']]);
        // Solved by B, taken back, a ticket.
        await widgetSession('undone-ticket-00000', pt, [['deflected', '2026-11-21', { article: b }], ['deflection-undone', '2026-11-21', { article: b }], ['ticket-sent', '2026-11-21']]);
        // The KB's search page: solved by A, no session.
        await widgetSession(undefined, pt, [['deflected', '2026-11-21', { article: a, query: 'erro 550' }]]);
        // Out of range.
        await widgetSession('old-000000000000000', pt, [['suggestion-opened', '2026-10-01', { article: a }]]);

        const activity = await store.articleActivity({ from: '2026-11-01', to: '2026-11-30' });
        expect([...activity].sort((x, y) => x.article.localeCompare(y.article))).toEqual([
          { article: b, lang: 'pt-BR', opened: 1, solved: 0, ticketsAfter: 2 },
          { article: a, lang: 'pt-BR', opened: 3, solved: 2, ticketsAfter: 1 },
        ]);
      });

      it('counts votes per article and language and lists the newest "not helpful" comments', async () => {
        const vote = (voterHash: string, helpful: boolean, comment?: string, lang: ContentLanguage = pt) => ({ articleId: 'reset-password', lang, voterHash, helpful, ...(comment ? { comment } : {}) });
        await store.upsertVote(vote('ana', true), at(-minutes(3)));
        await store.upsertVote(vote('bia', false, 'Faltou o passo do celular'), at(-minutes(2)));
        await store.upsertVote(vote('caio', false), at(-minutes(1)));
        await store.upsertVote(vote('dani', false, 'Manca un passaggio', it_), t0);
        // A "yes" with a comment is not a complaint.
        await store.upsertVote({ ...vote('edu', true), comment: 'Ótimo' }, t0);

        const votes = await store.articleVotes();
        expect([...votes].sort((x, y) => x.lang.localeCompare(y.lang))).toEqual([
          { articleId: 'reset-password', lang: 'it', helpful: 0, total: 1 },
          { articleId: 'reset-password', lang: 'pt-BR', helpful: 2, total: 4 },
        ]);
        expect(await store.notHelpfulComments(10)).toEqual([
          { articleId: 'reset-password', lang: 'it', comment: 'Manca un passaggio', at: t0.toISOString() },
          { articleId: 'reset-password', lang: 'pt-BR', comment: 'Faltou o passo do celular', at: at(-minutes(2)).toISOString() },
        ]);
        expect(await store.notHelpfulComments(1)).toHaveLength(1);
      });
    });

    describe('the ticket desk', () => {
      /** Four tickets in creation order: pt technical high verified; it billing low; pt sales medium; pt technical medium by another customer. */
      async function desk() {
        const inputs = [
          ticketWith({}, { createdAt: at(-minutes(40)).toISOString(), verifiedCustomerId: '42' }),
          ticketWith({ lang: 'it', department: 'billing', topic: 'invoices', priority: 'low', high: undefined, customer: { name: 'Giulia Bianchi', email: 'Giulia@Esempio.it' } }, { numberPrefix: 'IT', createdAt: at(-minutes(30)).toISOString(), forwarders: ['webhook', 'whmcs'] }),
          ticketWith({ department: 'sales', topic: 'plans', priority: 'medium', high: undefined }, { createdAt: at(-minutes(20)).toISOString(), attachments: [] }),
          ticketWith({ priority: 'medium', high: undefined, customer: { name: 'Rui Alves', email: 'rui@example.com.br' } }, { createdAt: at(-minutes(10)).toISOString() }),
        ];
        const stored = [];
        for (const input of inputs) stored.push((await store.createTicket(input)).ticket);
        return stored;
      }

      it('lists tickets newest first with what the list shows, a page at a time, with the total', async () => {
        const [first, second, third, fourth] = await desk();
        const page = await store.listTickets({}, { limit: 2, offset: 0 });
        expect(page.total).toBe(4);
        expect(page.items.map((t) => t.number)).toEqual([fourth?.number, third?.number]);
        expect((await store.listTickets({}, { limit: 2, offset: 2 })).items.map((t) => t.number)).toEqual([second?.number, first?.number]);
        expect((await store.listTickets({}, { limit: 10, offset: 0 })).items[2]).toEqual({
          id: second?.id,
          number: 'IT-000001',
          status: 'open',
          createdAt: at(-minutes(30)).toISOString(),
          lang: 'it',
          department: 'billing',
          topic: 'invoices',
          priority: 'low',
          subject: second?.ticket.subject,
          customerName: 'Giulia Bianchi',
          customerEmail: 'giulia@esempio.it',
          verified: false,
          redacted: false,
          attachments: 1,
          deliveries: [{ forwarder: 'webhook', state: 'pending' }, { forwarder: 'whmcs', state: 'pending' }],
        });
      });

      it('filters by department, topic, priority, status, language and verified, each alone and together', async () => {
        const [first, second, third, fourth] = await desk();
        await store.setTicketStatus(third?.id ?? '', 'answered', t0);
        const numbers = async (filter: Parameters<Store['listTickets']>[0]) => (await store.listTickets(filter, { limit: 10, offset: 0 })).items.map((t) => t.number);

        expect(await numbers({ department: 'technical' })).toEqual([fourth?.number, first?.number]);
        expect(await numbers({ topic: 'invoices' })).toEqual([second?.number]);
        expect(await numbers({ priority: 'medium' })).toEqual([fourth?.number, third?.number]);
        expect(await numbers({ status: 'answered' })).toEqual([third?.number]);
        expect(await numbers({ lang: 'it' })).toEqual([second?.number]);
        expect(await numbers({ verified: true })).toEqual([first?.number]);
        expect(await numbers({ verified: false })).toEqual([fourth?.number, third?.number, second?.number]);
        expect(await numbers({ department: 'technical', priority: 'medium', status: 'open', lang: 'pt-BR', verified: false, topic: 'email' })).toEqual([fourth?.number]);
        expect((await store.listTickets({ department: 'sales', status: 'open' }, { limit: 10, offset: 0 })).total).toBe(0);
      });

      it('lists the tickets with a failed delivery apart, and makes a failed delivery due again on retry', async () => {
        const [first, second] = await desk();
        const claimed = await store.claimDueDeliveries(t0, 10, minutes(5));
        const ofSecond = claimed.filter((d) => d.ticketId === second?.id);
        await store.markFailed(ofSecond[0]?.id ?? '', 'HTTP 401', null);
        await store.markDelivered(ofSecond[1]?.id ?? '', t0, 'ext-9');
        const ofFirst = claimed.find((d) => d.ticketId === first?.id);
        await store.markFailed(ofFirst?.id ?? '', 'HTTP 401', null);

        expect((await store.ticketsWithFailedDeliveries({}, 10)).map((t) => t.number)).toEqual([second?.number, first?.number]);
        expect((await store.ticketsWithFailedDeliveries({ lang: 'it' }, 10)).map((t) => t.number)).toEqual([second?.number]);
        expect(await store.ticketsWithFailedDeliveries({}, 1)).toHaveLength(1);

        expect(await store.deliveryById(ofFirst?.id ?? '')).toMatchObject({ id: ofFirst?.id, ticketId: first?.id, state: 'failed', lastError: 'HTTP 401' });
        expect(await store.deliveryById('no-such-delivery')).toBeUndefined();
        expect(await store.retryDelivery(ofFirst?.id ?? '', at(minutes(1)))).toBe(true);
        expect(await store.retryDelivery(ofSecond[1]?.id ?? '', at(minutes(1)))).toBe(false); // delivered stays delivered
        expect(await store.retryDelivery('no-such-delivery', at(minutes(1)))).toBe(false);
        expect((await store.deliveriesFor(first?.id ?? ''))[0]).toMatchObject({ state: 'pending', nextAttemptAt: at(minutes(1)).toISOString(), attempts: 1 });
        expect((await store.claimDueDeliveries(at(minutes(1)), 10, minutes(5))).map((d) => d.id)).toContain(ofFirst?.id);
        expect((await store.ticketsWithFailedDeliveries({}, 10)).map((t) => t.number)).toEqual([second?.number]);
      });

      it('sets any status with an optional note, adds it to the public history, and refuses an unknown ticket', async () => {
        const [first] = await desk();
        expect(await store.setTicketStatus(first?.id ?? '', 'waiting-customer', at(minutes(1)), 'Precisamos do cabeçalho completo do e-mail.')).toBe(true);
        expect(await store.setTicketStatus(first?.id ?? '', 'closed', at(minutes(2)))).toBe(true);
        expect(await store.setTicketStatus('no-such-ticket', 'closed', at(minutes(2)))).toBe(false);

        expect((await store.ticketById(first?.id ?? ''))?.status).toBe('closed');
        expect(await store.history(first?.id ?? '')).toEqual([
          { at: at(-minutes(40)).toISOString(), kind: 'status', status: 'open' },
          { at: at(minutes(1)).toISOString(), kind: 'status', by: 'support', status: 'waiting-customer', note: 'Precisamos do cabeçalho completo do e-mail.' },
          { at: at(minutes(2)).toISOString(), kind: 'status', by: 'support', status: 'closed' },
        ]);
      });

      it('finds every ticket of a customer e-mail in any case, and deletes them with everything stored with them, and nobody else\'s', async () => {
        const [first, second, third, fourth] = await desk();
        const email = 'Mariana@PadariaPaoDeQueijo.com.br';

        const found = await store.ticketsByCustomerEmail(email);
        expect(found.map((r) => r.ticket.number)).toEqual([third?.number, first?.number]);
        expect(found[1]).toEqual({ ticket: first, history: [{ at: first?.createdAt, kind: 'status', status: 'open' }], deliveries: await store.deliveriesFor(first?.id ?? '') });
        expect((await store.ticketsByCustomerEmail('  giulia@esempio.it ')).map((r) => r.ticket.number)).toEqual([second?.number]);

        const deleted = await store.deleteTicketsByCustomerEmail(email);
        expect(deleted.numbers.sort()).toEqual([first?.number, third?.number].sort());
        expect(deleted.paths).toEqual(first?.attachments.map((a) => a.path));
        expect(await store.ticketsByCustomerEmail(email)).toEqual([]);
        for (const gone of [first, third]) {
          expect(await store.ticketById(gone?.id ?? '')).toBeUndefined();
          expect(await store.history(gone?.id ?? '')).toEqual([]);
          expect(await store.deliveriesFor(gone?.id ?? '')).toEqual([]);
        }
        expect((await store.listTickets({}, { limit: 10, offset: 0 })).items.map((t) => t.number)).toEqual([fourth?.number, second?.number]);
        expect(await store.attachmentPaths()).toEqual(new Set([...(second?.attachments ?? []), ...(fourth?.attachments ?? [])].map((a) => a.path)));
        expect(await store.deleteTicketsByCustomerEmail(email)).toEqual({ numbers: [], paths: [] });
      });
    });
  });
}
