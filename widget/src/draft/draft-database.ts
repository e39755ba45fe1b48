/**
 * The IndexedDB database that keeps drafts, their files and the tickets sent lately: its name alone,
 * so that the script-tag entry can tell a returning customer without carrying the store's code.
 */
export const draftDatabaseName = 'support-kit';

/**
 * Whether this browser keeps the draft database for this origin: then a draft may wait to be
 * restored, and the form loads at once instead of on the first interaction. A browser that cannot
 * list its databases counts as yes (a draft is never left unshown); one without IndexedDB as no.
 */
export async function mayHaveDraft(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<boolean> {
  if (!factory) return false;
  if (typeof factory.databases !== 'function') return true;
  try {
    return (await factory.databases()).some((db) => db.name === draftDatabaseName);
  } catch {
    return true;
  }
}
