/**
 * Console sessions in the database: created (a new token every sign-in, so a token planted before
 * sign-in is worth nothing), found from the HttpOnly cookie, ended when idle for
 * CONSOLE_IDLE_MINUTES or older than CONSOLE_SESSION_HOURS, and revoked by signing out, removing
 * the account or resetting its password.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ConsoleSettings } from '../../config.ts';
import type { StaffAccount, StaffSession, StaffStore } from '../../store/console-store.ts';
import { newSessionToken, sessionId } from './tokens.ts';

export const sessionCookie = 'sk_console';
/** Binds the sign-in form's token to this browser before there is a session. */
export const preSessionCookie = 'sk_console_pre';
export const languageCookie = 'sk_console_lang';

/** Activity is written at most this often: every request would be a write. */
const touchEveryMs = 60_000;

/** Every console cookie: script cannot read it, no other site's request carries it, only the console's paths get it. */
export function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { path: '/console', httpOnly: true, sameSite: 'Strict' as const, secure, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'ended' }
  | { state: 'active'; session: StaffSession; staff: StaffAccount };

export function sessionLimits(settings: Pick<ConsoleSettings, 'idleMinutes' | 'sessionHours'>) {
  return { idleMs: settings.idleMinutes * 60_000, maxMs: settings.sessionHours * 3_600_000 };
}

/** The session the cookie names, if it is still alive at `now`; an expired one is deleted on sight. */
export async function currentSession(c: Context, store: StaffStore, settings: ConsoleSettings, now: Date): Promise<SessionLookup> {
  const token = getCookie(c, sessionCookie);
  if (!token || token.length > 100) return { state: 'none' };
  const id = sessionId(token);
  const found = await store.session(id);
  if (!found) return { state: 'ended' };
  const { idleMs, maxMs } = sessionLimits(settings);
  const idle = now.getTime() - Date.parse(found.session.lastSeenAt);
  const age = now.getTime() - Date.parse(found.session.createdAt);
  if (idle > idleMs || age > maxMs) {
    await store.deleteSession(id);
    return { state: 'ended' };
  }
  if (idle > touchEveryMs) await store.touchSession(id, now);
  return { state: 'active', ...found };
}

/** Starts a session for `staff` with a new token, ending the one this browser had (rotation), and sets the cookie. */
export async function startSession(c: Context, store: StaffStore, staff: StaffAccount, now: Date, secure: boolean): Promise<StaffSession> {
  const previous = getCookie(c, sessionCookie);
  if (previous && previous.length <= 100) await store.deleteSession(sessionId(previous));
  const token = newSessionToken();
  const session: StaffSession = { id: sessionId(token), staffId: staff.id, createdAt: now.toISOString(), lastSeenAt: now.toISOString() };
  await store.createSession(session);
  setCookie(c, sessionCookie, token, cookieOptions(secure));
  deleteCookie(c, preSessionCookie, cookieOptions(secure));
  return session;
}

export async function endSession(c: Context, store: StaffStore, session: StaffSession, secure: boolean): Promise<void> {
  await store.deleteSession(session.id);
  deleteCookie(c, sessionCookie, cookieOptions(secure));
}
