import { expect } from '@open-wc/testing';
import type { Ticket } from '../../../core/contract/ticket.ts';
import { openDraftStore, type DraftStore, type FrozenPayload, type RecentTicket } from './draft-store.ts';

// Mocha's globals, provided by @web/test-runner (the project has no @types/mocha).
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: () => Promise<void> | void): void;
declare function afterEach(fn: () => Promise<void> | void): void;

const key = 'https://www.example.com.br|https://api.example.com/api/tickets|pt-BR';
const day = 24 * 60 * 60 * 1000;

const ticket: Ticket = {
  lang: 'pt-BR',
  department: 'technical',
  priority: 'medium',
  subject: 'E-mail rejeitado com erro 550',
  message: 'Desde ontem os e-mails para contato@loja.com.br voltam com erro 550.',
  customer: { name: 'Ana Souza', email: 'ana@loja.com.br' },
  client: { startedAt: '2026-11-23T14:10:00-03:00' },
};

const payload = (idempotencyKey: string): FrozenPayload => ({ ticket, idempotencyKey, frozenAt: new Date().toISOString() });

const screenshot = () => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])], 'erro.png', { type: 'image/png', lastModified: 1_790_000_000_000 });

let opened: DraftStore[] = [];
let databases: string[] = [];

/** A store on a database of its own, closed and deleted after the test. */
async function open(name = `support-kit-test-${crypto.getRandomValues(new Uint32Array(1))[0]}`): Promise<DraftStore> {
  const store = await openDraftStore(name);
  opened.push(store);
  if (!databases.includes(name)) databases.push(name);
  return store;
}

async function reopen(store: DraftStore): Promise<DraftStore> {
  store.close();
  return open(databases[databases.length - 1]);
}

afterEach(async () => {
  sessionStorage.clear();
  for (const store of opened) store.close();
  await Promise.all(
    databases.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
  opened = [];
  databases = [];
});

describe('draft store', () => {
  it('keeps the fields, the step and an attachment after a reload', async () => {
    const store = await open();
    expect(store.persistent).to.equal(true);
    await store.saveFields(key, { subject: 'E-mail rejeitado', priority: 'high', high: { serviceDown: true } }, 'details');
    await store.addFile(key, screenshot());

    const again = await reopen(store);
    const draft = await again.load(key);
    expect(draft?.fields).to.deep.equal({ subject: 'E-mail rejeitado', priority: 'high', high: { serviceDown: true } });
    expect(draft?.step).to.equal('details');
    expect(draft?.frozen).to.equal(null);
    const [restored] = draft?.files ?? [];
    expect(restored?.file).to.be.instanceOf(File);
    expect(restored?.file.name).to.equal('erro.png');
    expect(restored?.file.type).to.equal('image/png');
    expect(restored?.file.lastModified).to.equal(1_790_000_000_000);
    expect(new Uint8Array(await restored!.file.arrayBuffer())).to.deep.equal(new Uint8Array(await screenshot().arrayBuffer()));
  });

  it('has nothing for a key that was never saved', async () => {
    const store = await open();
    expect(await store.load(key)).to.equal(null);
    expect(await store.files(key)).to.deep.equal([]);
  });

  it('keeps only the latest fields when saved on every keystroke', async () => {
    const store = await open();
    for (const subject of ['E', 'E-m', 'E-mail rejeitado']) await store.saveFields(key, { subject }, 'describe');
    expect((await store.load(key))?.fields).to.deep.equal({ subject: 'E-mail rejeitado' });
  });

  it('removes one attachment and keeps the others in the order they were added', async () => {
    const store = await open();
    const first = await store.addFile(key, new File(['a'], 'a.txt', { type: 'text/plain' }));
    await store.addFile(key, new File(['b'], 'b.txt', { type: 'text/plain' }));
    await store.addFile(key, new File(['c'], 'c.txt', { type: 'text/plain' }));
    await store.removeFile(key, first);
    await store.removeFile('another draft', (await store.files(key))[0]!.id);
    expect((await store.files(key)).map((f) => f.file.name)).to.deep.equal(['b.txt', 'c.txt']);
  });

  it('freezes the payload once, so a second Send after a reload reuses the first idempotency key', async () => {
    const store = await open();
    expect(await store.freeze(key, payload('key-1'))).to.have.property('idempotencyKey', 'key-1');
    expect(await store.freeze(key, payload('key-2'))).to.have.property('idempotencyKey', 'key-1');

    const again = await reopen(store);
    expect((await again.frozen(key))?.ticket).to.deep.equal(ticket);
    expect((await again.load(key))?.frozen?.idempotencyKey).to.equal('key-1');

    await again.unfreeze(key);
    expect(await again.frozen(key)).to.equal(null);
    expect(await again.freeze(key, payload('key-3'))).to.have.property('idempotencyKey', 'key-3');
  });

  it('forgets the fields, files and frozen payload after a confirmed submission, and only that draft', async () => {
    const store = await open();
    const other = `${key}-it`;
    for (const k of [key, other]) {
      await store.saveFields(k, { subject: k }, 'review');
      await store.addFile(k, screenshot());
      await store.freeze(k, payload(k));
    }
    await store.clear(key);

    const again = await reopen(store);
    expect(await again.load(key)).to.equal(null);
    expect(await again.files(key)).to.deep.equal([]);
    expect(await again.frozen(key)).to.equal(null);
    expect((await again.load(other))?.files).to.have.length(1);
  });

  it('remembers sent tickets for 7 days, newest first, and deletes older ones', async () => {
    const store = await open();
    const now = Date.now();
    const sent = (daysAgo: number, number: string): RecentTicket => ({
      subject: 'E-mail rejeitado com erro 550',
      department: 'technical',
      sentAt: new Date(now - daysAgo * day).toISOString(),
      number,
    });
    await store.rememberSent(sent(8, 'BR-000001'));
    await store.rememberSent(sent(6.9, 'BR-000002'));
    await store.rememberSent(sent(0.1, 'BR-000003'));

    const again = await reopen(store);
    expect((await again.recentSent(new Date(now))).map((t) => t.number)).to.deep.equal(['BR-000003', 'BR-000002']);
    // Seen from three days earlier, the 8-day-old ticket would still count had it been kept.
    expect((await again.recentSent(new Date(now - 3 * day))).map((t) => t.number)).to.deep.equal(['BR-000002']);
  });

  it('deletes drafts nobody touched for 7 days, files and frozen ticket included, and keeps the others', async () => {
    const store = await open();
    const stale = `${key}|email:ana@loja.com.br`;
    await store.saveFields(stale, { subject: 'Rascunho da semana passada' }, 'details');
    await store.addFile(stale, screenshot());
    await store.freeze(stale, payload('key-stale'));
    await store.saveFields(key, { subject: 'Rascunho de hoje' }, 'describe');

    // Six days on, both are kept; eight days on, both are gone, whoever they belonged to.
    await store.prune(new Date(Date.now() + 6 * day));
    expect((await store.load(stale))?.files).to.have.length(1);
    await store.prune(new Date(Date.now() + 8 * day));

    const again = await reopen(store);
    expect(await again.load(stale)).to.equal(null);
    expect(await again.files(stale)).to.deep.equal([]);
    expect(await again.frozen(stale)).to.equal(null);
    expect(await again.load(key)).to.equal(null);
  });

  it('finds what was saved as the last page of the tab went away, even where IndexedDB never got it', async () => {
    const leaving = await open();
    void leaving.saveFields(key, { subject: 'Digitado logo antes de recarregar' }, 'describe', [], true);
    // Another database stands in for the write the unload cut short; the tab's copy is still there.
    const next = await open();
    expect((await next.load(key))?.fields).to.deep.equal({ subject: 'Digitado logo antes de recarregar' });
    await next.saveFields(key, { subject: 'Digitado depois, já salvo' }, 'describe');
    expect((await next.load(key))?.fields).to.deep.equal({ subject: 'Digitado depois, já salvo' });
    await next.clear(key);
    expect(await next.load(key)).to.equal(null);
  });

  it('says which fields were saved with a secret cut out', async () => {
    const store = await open();
    await store.saveFields(key, { message: 'Minha senha:  não funciona' }, 'details', ['message']);
    expect((await (await reopen(store)).load(key))?.cut).to.deep.equal(['message']);
  });

  describe('without IndexedDB', () => {
    it('keeps drafts in memory and says they will not survive a reload', async () => {
      const store = await openDraftStore('unused', { indexedDB: null });
      expect(store.persistent).to.equal(false);
      expect(store.reason).to.equal('unavailable');

      const fields = { subject: 'E-mail rejeitado' };
      await store.saveFields(key, fields, 'department');
      fields.subject = 'changed by the caller later';
      const id = await store.addFile(key, screenshot());
      expect(await store.freeze(key, payload('key-1'))).to.have.property('idempotencyKey', 'key-1');
      expect(await store.freeze(key, payload('key-2'))).to.have.property('idempotencyKey', 'key-1');

      const draft = await store.load(key);
      expect(draft?.fields).to.deep.equal({ subject: 'E-mail rejeitado' });
      expect(draft?.step).to.equal('department');
      expect(draft?.files.map((f) => [f.id, f.file.name, f.file.type])).to.deep.equal([[id, 'erro.png', 'image/png']]);

      await store.clear(key);
      expect(await store.load(key)).to.equal(null);
    });

    it('falls back to memory when the browser refuses to open the database', async () => {
      const refusing = {
        open() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      } as unknown as IDBFactory;
      const store = await openDraftStore('unused', { indexedDB: refusing });
      expect([store.persistent, store.reason]).to.deep.equal([false, 'failed']);
    });

    it('falls back to memory when opening the database never finishes', async () => {
      const hanging = { open: () => ({}) } as unknown as IDBFactory;
      const store = await openDraftStore('unused', { indexedDB: hanging, openTimeoutMs: 50 });
      expect([store.persistent, store.reason]).to.deep.equal([false, 'timeout']);
      await store.rememberSent({ subject: 'Erro 550', department: 'technical', sentAt: new Date().toISOString(), number: 'BR-1' });
      expect(await store.recentSent(new Date())).to.have.length(1);
    });
  });
});
