/**
 * The console's part of the daily clean-up (main.ts): sessions past their idle or absolute limit,
 * old sign-in failures and spent form tokens (both only matter within their windows), and audit
 * entries older than RETENTION_DAYS, as long as the tickets they speak of are kept.
 */
import type { ServerConfig } from '../config.ts';
import type { StaffStore } from '../store/console-store.ts';
import { sessionLimits } from './auth/sessions.ts';

const day = 24 * 60 * 60 * 1000;

export async function purgeConsoleState(store: StaffStore, config: Pick<ServerConfig, 'console' | 'retentionDays'>, now: Date = new Date()) {
  const { idleMs, maxMs } = sessionLimits(config.console);
  const t = now.getTime();
  return {
    sessions: await store.purgeSessions(new Date(t - idleMs), new Date(t - maxMs)),
    // A failure older than the sign-in window counts for nothing; a token older than a session is refused anyway.
    signInFailures: await store.purgeSignInFailuresBefore(new Date(t - day)),
    formTokens: await store.purgeFormTokensBefore(new Date(t - maxMs - day)),
    audit: await store.purgeAuditBefore(new Date(t - config.retentionDays * day)),
  };
}
