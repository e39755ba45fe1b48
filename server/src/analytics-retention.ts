/**
 * Retention for search events and article votes (with their comments): the daily clean-up in
 * main.ts deletes those older than ANALYTICS_RETENTION_DAYS, as it deletes old tickets.
 */
import type { Store } from './store/store.ts';

const day = 24 * 60 * 60 * 1000;

/** Deletes votes last cast, and events of days, more than `retentionDays` before `now`; says how many of each. */
export async function purgeOldAnalytics(store: Store, retentionDays: number, now: Date = new Date()): Promise<{ votes: number; events: number }> {
  const cutoff = new Date(now.getTime() - retentionDays * day);
  return { votes: await store.purgeVotesBefore(cutoff), events: await store.purgeEventsBefore(cutoff) };
}
