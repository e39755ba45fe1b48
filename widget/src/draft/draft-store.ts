/**
 * "Nothing lost": the customer's draft (fields, step, attachments), the payload frozen at Send and
 * the tickets this browser sent recently, kept in IndexedDB so they survive a reload or a crash.
 * When IndexedDB cannot be used (blocked, disabled, a hung open), the same API runs in memory and
 * says `persistent: false`, so the UI can warn that a reload will lose the draft.
 */
import type { Ticket } from '../../../core/contract/ticket.ts';
import type { FormStep } from '../flow/steps.ts';
import { duplicateWindowDays, type SentTicket } from '../../../core/validation/duplicates.ts';
import { draftDatabaseName } from './draft-database.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The payload and idempotency key fixed when the customer pressed Send, kept until a definite answer. */
export interface FrozenPayload {
  ticket: Ticket;
  /** Sent as the `Idempotency-Key` header on every attempt, including after a reload. */
  idempotencyKey: string;
  /** ISO 8601 date-time. */
  frozenAt: string;
}

/** An attachment of a draft, restored with its original name and type. */
export interface DraftFile {
  id: string;
  file: File;
}

/** Everything saved under one draft key. */
export interface Draft {
  fields: JsonObject;
  step: FormStep;
  /** ISO 8601 date-time of the last `saveFields`; null when only files or a frozen payload were saved. */
  savedAt: string | null;
  /** Fields saved with a secret (password, key, card) cut out, so the customer can be told. */
  cut: string[];
  files: DraftFile[];
  frozen: FrozenPayload | null;
}

/** A ticket this browser sent, remembered for the duplicate warning. */
export interface RecentTicket extends SentTicket {
  /** The human-friendly ticket number, e.g. BR-000123. */
  number: string;
}

/** Why drafts only live in memory. */
export type NotPersistentReason = 'unavailable' | 'failed' | 'timeout';

export interface DraftStore {
  /** True when drafts survive a reload (IndexedDB); false for the in-memory fallback. */
  readonly persistent: boolean;
  /** Set when `persistent` is false. */
  readonly reason?: NotPersistentReason;
  /** The draft saved under `key`, or null when there is none. */
  load(key: string): Promise<Draft | null>;
  /**
   * Saves all field values and the step in one small write; cheap enough for every (debounced)
   * keystroke. `cut` names the fields whose secrets the caller cut out before saving. `unloading`:
   * the page is going away, whose end may abort the IndexedDB write, so a synchronous copy goes to
   * sessionStorage too, where the next page of this tab finds it.
   */
  saveFields(key: string, fields: JsonObject, step: FormStep, cut?: string[], unloading?: boolean): Promise<void>;
  /** Stores a file with the draft and returns its id. */
  addFile(key: string, file: File): Promise<string>;
  removeFile(key: string, id: string): Promise<void>;
  /** The draft's files, in the order they were added. */
  files(key: string): Promise<DraftFile[]>;
  /**
   * Freezes the outgoing payload unless one is already frozen, and returns the one in force: a
   * second Send (double click, another tab, after a reload) reuses the first key.
   */
  freeze(key: string, payload: FrozenPayload): Promise<FrozenPayload>;
  /** Drops the frozen payload, after a definite rejection, so the next Send gets a new key. */
  unfreeze(key: string): Promise<void>;
  frozen(key: string): Promise<FrozenPayload | null>;
  /** Forgets the draft, its files and its frozen payload: after a confirmed submission, or when the customer discards it. */
  clear(key: string): Promise<void>;
  /**
   * Deletes every draft (files and frozen payload included) untouched for `draftMaxAgeDays`, whoever
   * it belongs to: on a shared computer, a draft must not wait forever for the next person.
   */
  prune(now: Date): Promise<void>;
  rememberSent(entry: RecentTicket): Promise<void>;
  /** Tickets sent in the last 7 days, newest first; older ones are deleted. */
  recentSent(now: Date): Promise<RecentTicket[]>;
  /** Closes the database; the store is unusable afterwards. */
  close(): void;
}

export interface DraftStoreOptions {
  /** The IndexedDB to use; null forces the in-memory store. Defaults to `globalThis.indexedDB`. */
  indexedDB?: IDBFactory | null;
  /** How long to wait for the database to open before falling back to memory. */
  openTimeoutMs?: number;
}

export { draftDatabaseName };
const databaseVersion = 1;
/** How long a draft nobody touches is kept. */
export const draftMaxAgeDays = 7;

/** Stored record of the `drafts` object store, keyed by the draft key. */
interface DraftRecord {
  fields: JsonObject;
  step: FormStep;
  savedAt: string;
  cut?: string[];
}

/** Stored record of the `files` object store, keyed by `id`. */
interface FileRecord {
  id: string;
  draftKey: string;
  /** Keeps the order files were added in (ids are random); about when it was added, in ms since 1970. */
  position: number;
  name: string;
  type: string;
  size: number;
  lastModified: number;
  blob: Blob;
}

const day = 24 * 60 * 60 * 1000;
const recentWindowMs = duplicateWindowDays * day;

/** Opens the draft store, falling back to memory when IndexedDB cannot be used. Never rejects. */
export async function openDraftStore(name: string = draftDatabaseName, options: DraftStoreOptions = {}): Promise<DraftStore> {
  const factory = 'indexedDB' in options ? options.indexedDB : defaultIndexedDb();
  if (!factory) return memoryDraftStore('unavailable');
  const opened = await openDatabase(factory, name, options.openTimeoutMs ?? 5000);
  if (typeof opened === 'string') {
    console.warn(`[support-ticket] drafts are kept in memory only (IndexedDB ${opened}): a reload will lose them.`);
    return memoryDraftStore(opened);
  }
  return indexedDbDraftStore(opened);
}

function defaultIndexedDb(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    // Some sandboxed frames throw on mere access.
    return undefined;
  }
}

function openDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<IDBDatabase | NotPersistentReason> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: IDBDatabase | NotPersistentReason) => {
      if (settled) {
        // A database that opens after the timeout is not used; close it so it blocks no upgrade.
        if (typeof result !== 'string') result.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // Some browsers leave open() pending forever (blocked upgrade, broken profile): never wait on it.
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, databaseVersion);
    } catch {
      settle('failed');
      return;
    }
    request.onupgradeneeded = () => upgrade(request.result);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab wants a newer version: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      settle(db);
    };
    request.onerror = (event) => {
      event.preventDefault();
      settle('failed');
    };
  });
}

function upgrade(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
  if (!db.objectStoreNames.contains('files')) db.createObjectStore('files', { keyPath: 'id' }).createIndex('draftKey', 'draftKey');
  if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox');
  if (!db.objectStoreNames.contains('sent')) db.createObjectStore('sent', { autoIncrement: true });
}

function indexedDbDraftStore(db: IDBDatabase): DraftStore {
  /** Runs `work` in one transaction and resolves with its result once the transaction committed. */
  function run<T>(
    stores: string[],
    mode: IDBTransactionMode,
    work: (tx: IDBTransaction) => Promise<T> | T,
    durability: IDBTransactionDurability = 'default',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(stores, mode, { durability });
      let result: T;
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      let pending: Promise<T>;
      try {
        pending = Promise.resolve(work(tx));
      } catch (error) {
        pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      pending.then(
        (value) => {
          result = value;
        },
        (error: unknown) => {
          // Nothing half-written: a failed step undoes the whole transaction.
          try {
            tx.abort();
          } catch {
            // Already finished or aborting.
          }
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  const filesOf = async (tx: IDBTransaction, key: string) => {
    const records = await request<FileRecord[]>(tx.objectStore('files').index('draftKey').getAll(key));
    return records.sort((a, b) => a.position - b.position).map(toDraftFile);
  };

  return {
    persistent: true,

    load: (key) =>
      run(['drafts', 'files', 'outbox'], 'readonly', async (tx) => {
        const [saved, files, frozen] = await Promise.all([
          request<DraftRecord | undefined>(tx.objectStore('drafts').get(key)),
          filesOf(tx, key),
          request<FrozenPayload | undefined>(tx.objectStore('outbox').get(key)),
        ]);
        // The copy written as the last page of this tab went away, unless IndexedDB has newer.
        const last = withSessionStorage((storage) => JSON.parse(storage.getItem(lastWordsKey(key)) ?? 'null') as DraftRecord | null);
        const record = last && !(saved && saved.savedAt > last.savedAt) ? last : saved;
        if (!record && files.length === 0 && !frozen) return null;
        return draftOf(record, files, frozen);
      }),

    // One put in its own transaction. Relaxed durability: losing the last keystroke to a power cut
    // is acceptable, waiting for a disk flush on every keystroke is not.
    saveFields: (key, fields, step, cut, unloading) => {
      const record = draftRecord(fields, step, cut);
      if (unloading) withSessionStorage((storage) => storage.setItem(lastWordsKey(key), JSON.stringify(record)));
      return run(
        ['drafts'],
        'readwrite',
        (tx) => {
          tx.objectStore('drafts').put(record, key);
        },
        'relaxed',
      );
    },

    addFile: (key, file) =>
      run(['files'], 'readwrite', (tx) => {
        const record = toFileRecord(key, file);
        tx.objectStore('files').add(record);
        return record.id;
      }),

    removeFile: (key, id) =>
      run(['files'], 'readwrite', async (tx) => {
        const store = tx.objectStore('files');
        const record = await request<FileRecord | undefined>(store.get(id));
        if (record?.draftKey === key) store.delete(id);
      }),

    files: (key) => run(['files'], 'readonly', (tx) => filesOf(tx, key)),

    // Strict durability: the key must be on disk before the request goes out, or a crash mid-send
    // could lead to a second ticket under a new key.
    freeze: (key, payload) =>
      run(
        ['outbox'],
        'readwrite',
        async (tx) => {
          const store = tx.objectStore('outbox');
          const existing = await request<FrozenPayload | undefined>(store.get(key));
          if (existing) return existing;
          store.put(payload, key);
          return payload;
        },
        'strict',
      ),

    unfreeze: (key) =>
      run(['outbox'], 'readwrite', (tx) => {
        tx.objectStore('outbox').delete(key);
      }),

    frozen: (key) =>
      run(['outbox'], 'readonly', async (tx) => (await request<FrozenPayload | undefined>(tx.objectStore('outbox').get(key))) ?? null),

    clear: (key) =>
      run(['drafts', 'files', 'outbox'], 'readwrite', async (tx) => {
        withSessionStorage((storage) => storage.removeItem(lastWordsKey(key)));
        tx.objectStore('drafts').delete(key);
        tx.objectStore('outbox').delete(key);
        const files = tx.objectStore('files');
        const ids = await request<IDBValidKey[]>(files.index('draftKey').getAllKeys(key));
        for (const id of ids) files.delete(id);
      }),

    prune: (now) =>
      run(['drafts', 'files', 'outbox'], 'readwrite', async (tx) => {
        const [drafts, outbox, files] = ['drafts', 'outbox', 'files'].map((name) => tx.objectStore(name)) as [IDBObjectStore, IDBObjectStore, IDBObjectStore];
        const [draftKeys, records, outboxKeys, payloads, fileRecords] = await Promise.all([
          request<string[]>(drafts.getAllKeys()),
          request<DraftRecord[]>(drafts.getAll()),
          request<string[]>(outbox.getAllKeys()),
          request<FrozenPayload[]>(outbox.getAll()),
          request<FileRecord[]>(files.getAll()),
        ]);
        // A draft's last sign of life: fields saved, payload frozen or file added (an unreadable date is old).
        const last = new Map<string, number>();
        const seen = (key: string, at: number) => last.set(key, Math.max(last.get(key) ?? 0, at || 0));
        draftKeys.forEach((key, i) => seen(key, Date.parse(records[i]!.savedAt)));
        outboxKeys.forEach((key, i) => seen(key, Date.parse(payloads[i]!.frozenAt)));
        for (const f of fileRecords) seen(f.draftKey, f.position);
        const expired = (key: string) => last.get(key)! < now.getTime() - draftMaxAgeDays * day;
        for (const key of last.keys()) {
          if (expired(key)) {
            drafts.delete(key);
            outbox.delete(key);
          }
        }
        for (const f of fileRecords) if (expired(f.draftKey)) files.delete(f.id);
      }),

    rememberSent: (entry) =>
      run(['sent'], 'readwrite', async (tx) => {
        const store = tx.objectStore('sent');
        store.add(entry);
        await pruneSent(store, Date.now());
      }),

    recentSent: (now) =>
      run(['sent'], 'readwrite', async (tx) => sortRecent(await pruneSent(tx.objectStore('sent'), now.getTime()))),

    close: () => db.close(),
  };
}

/** Deletes remembered tickets older than the duplicate window and returns the others. */
function pruneSent(store: IDBObjectStore, nowMs: number): Promise<RecentTicket[]> {
  return new Promise((resolve, reject) => {
    const kept: RecentTicket[] = [];
    const cursorRequest = store.openCursor();
    cursorRequest.onerror = () => reject(cursorRequest.error ?? new Error('IndexedDB cursor failed'));
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) {
        resolve(kept);
        return;
      }
      const entry = cursor.value as RecentTicket;
      if (isRecent(entry, nowMs)) kept.push(entry);
      else if (isStale(entry, nowMs)) cursor.delete();
      cursor.continue();
    };
  });
}

/** The same API in memory. Values are copied like IndexedDB's structured clone, so later changes by the caller do not leak in. */
function memoryDraftStore(reason: NotPersistentReason): DraftStore {
  const drafts = new Map<string, DraftRecord>();
  const files = new Map<string, FileRecord>();
  const outbox = new Map<string, FrozenPayload>();
  let sent: RecentTicket[] = [];
  const filesOf = (key: string) =>
    [...files.values()]
      .filter((f) => f.draftKey === key)
      .sort((a, b) => a.position - b.position)
      .map(toDraftFile);

  return {
    persistent: false,
    reason,
    async load(key) {
      const record = drafts.get(key);
      const frozen = outbox.get(key);
      const own = filesOf(key);
      if (!record && own.length === 0 && !frozen) return null;
      return draftOf(record && structuredClone(record), own, frozen && structuredClone(frozen));
    },
    async saveFields(key, fields, step, cut) {
      drafts.set(key, structuredClone(draftRecord(fields, step, cut)));
    },
    async addFile(key, file) {
      const record = toFileRecord(key, file);
      files.set(record.id, record);
      return record.id;
    },
    async removeFile(key, id) {
      if (files.get(id)?.draftKey === key) files.delete(id);
    },
    async files(key) {
      return filesOf(key);
    },
    async freeze(key, payload) {
      const existing = outbox.get(key);
      if (existing) return structuredClone(existing);
      outbox.set(key, structuredClone(payload));
      return payload;
    },
    async unfreeze(key) {
      outbox.delete(key);
    },
    async frozen(key) {
      const frozen = outbox.get(key);
      return frozen ? structuredClone(frozen) : null;
    },
    async clear(key) {
      drafts.delete(key);
      outbox.delete(key);
      for (const [id, record] of files) if (record.draftKey === key) files.delete(id);
    },
    // Nothing here outlives the page, let alone a week.
    async prune() {},
    async rememberSent(entry) {
      sent.push(structuredClone(entry));
      sent = sent.filter((e) => !isStale(e, Date.now()));
    },
    async recentSent(now) {
      sent = sent.filter((e) => !isStale(e, now.getTime()));
      return sortRecent(sent.filter((e) => isRecent(e, now.getTime())).map((e) => structuredClone(e)));
    },
    close() {},
  };
}

/** Where `saveFields(…, unloading)` keeps its synchronous copy. */
const lastWordsKey = (key: string) => `support-ticket:draft:${key}`;

/** sessionStorage, which sandboxed frames and some privacy settings refuse: then nothing. */
function withSessionStorage<T>(use: (storage: Storage) => T): T | undefined {
  try {
    return use(sessionStorage);
  } catch {
    return undefined;
  }
}

function draftRecord(fields: JsonObject, step: FormStep, cut: string[] = []): DraftRecord {
  return { fields, step, savedAt: new Date().toISOString(), ...(cut.length ? { cut } : {}) };
}

function draftOf(record: DraftRecord | undefined, files: DraftFile[], frozen: FrozenPayload | undefined): Draft {
  return {
    fields: record?.fields ?? {},
    step: record?.step ?? 'describe',
    savedAt: record?.savedAt ?? null,
    cut: record?.cut ?? [],
    files,
    frozen: frozen ?? null,
  };
}

let lastPosition = 0;

function toFileRecord(draftKey: string, file: File): FileRecord {
  // Monotonic within a page and, through the clock, across reloads.
  lastPosition = Math.max(Date.now(), lastPosition + 1);
  return {
    id: newId(),
    draftKey,
    position: lastPosition,
    name: file.name,
    type: file.type,
    size: file.size,
    lastModified: file.lastModified,
    blob: file,
  };
}

function toDraftFile(record: FileRecord): DraftFile {
  return { id: record.id, file: new File([record.blob], record.name, { type: record.type, lastModified: record.lastModified }) };
}

/** A random id; `crypto.randomUUID` exists only on https pages, `getRandomValues` everywhere. */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isRecent(entry: RecentTicket, nowMs: number): boolean {
  const at = Date.parse(entry.sentAt);
  return at >= nowMs - recentWindowMs && at <= nowMs;
}

/** Older than the window, or unreadable: never useful again. A future date is kept (clock skew). */
function isStale(entry: RecentTicket, nowMs: number): boolean {
  const at = Date.parse(entry.sentAt);
  return Number.isNaN(at) || at < nowMs - recentWindowMs;
}

function sortRecent(entries: RecentTicket[]): RecentTicket[] {
  return entries.sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
}

/** An IndexedDB request as a promise of what the caller stored there (IndexedDB types results as any). */
function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}
