import { describe, expect, it } from 'vitest';
import { draftDatabaseName, mayHaveDraft } from './draft-database.ts';

const factory = (databases: (() => Promise<IDBDatabaseInfo[]>) | undefined) => ({ databases }) as unknown as IDBFactory;

describe('whether a draft may wait to be restored', () => {
  it('says yes for a browser that keeps the draft database, and no for a first visit', async () => {
    expect(await mayHaveDraft(factory(async () => [{ name: 'other', version: 1 }, { name: draftDatabaseName, version: 1 }]))).toBe(true);
    expect(await mayHaveDraft(factory(async () => [{ name: 'other', version: 1 }]))).toBe(false);
  });

  it('says yes when the browser cannot list its databases, so that no draft is left unshown', async () => {
    expect(await mayHaveDraft(factory(undefined))).toBe(true);
    expect(await mayHaveDraft(factory(() => Promise.reject(new Error('SecurityError'))))).toBe(true);
  });

  it('says no without IndexedDB, where no draft can exist', async () => {
    expect(await mayHaveDraft(undefined)).toBe(false);
  });
});
