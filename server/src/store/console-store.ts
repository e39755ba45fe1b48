/**
 * What the staff console keeps and reads, beside the `Store` the public API uses: staff accounts and
 * their sessions, sign-in throttling, spent form tokens, the audit log (StaffStore); the deflection
 * figures (InsightsStore); the agents' ticket desk and the privacy requests (DeskStore). Every store
 * implements all three (SQLite now, PostgreSQL later), and `console-conformance.ts` pins their
 * behaviour on fixtures with known answers. Dates are ISO strings as `Date.toISOString()` writes
 * them; days are `YYYY-MM-DD` (UTC), as events are stored.
 */
import type { ContentLanguage, UiLanguage } from '../../../core/contract/locales.ts';
import type { DeliveryState, TicketStatus } from '../../../core/contract/ticket-status.ts';
import type { Delivery, StoredTicket, TicketEvent } from './records.ts';

export const staffRoles = ['editor', 'agent'] as const;
/** `editor` sees the insights; `agent` also sees tickets, deliveries, privacy requests and the audit log. */
export type StaffRole = (typeof staffRoles)[number];

export interface StaffAccount {
  id: string;
  /** Lowercase, trimmed: the sign-in name. */
  email: string;
  role: StaffRole;
  /** `scrypt$N$r$p$salt$hash` (console/auth/password.ts); never the password. */
  passwordHash: string;
  createdAt: string;
  passwordChangedAt: string;
  lastSignInAt?: string;
}

export interface StaffSession {
  /** SHA-256 of the cookie's token: a copy of the database signs nobody in. */
  id: string;
  staffId: string;
  createdAt: string;
  lastSeenAt: string;
}

export const auditActions = [
  'sign-in', 'sign-in-refused', 'sign-out', 'ticket-view', 'attachment-download', 'export', 'privacy-search', 'deletion',
  'status-change', 'agent-reply', 'delivery-retry', 'gap-covered', 'staff-added', 'staff-removed', 'password-reset',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  at: string;
  /** The staff member's e-mail, or `cli` for the command line. */
  actor: string;
  action: AuditAction;
  /** What was acted on: a ticket number, a table, an account; never a customer's e-mail. */
  target?: string;
  detail?: string;
}

export interface StaffStore {
  /** Adds an account; false when the e-mail already has one. */
  addStaff(account: StaffAccount): Promise<boolean>;
  staffByEmail(email: string): Promise<StaffAccount | undefined>;
  /** Every account, by e-mail, with how many sessions it has open. */
  listStaff(): Promise<(StaffAccount & { sessions: number })[]>;
  countStaff(): Promise<number>;
  /** Deletes the account and its sessions; false when there was none. */
  removeStaff(email: string): Promise<boolean>;
  /** Replaces the password and ends every session of the account; false when there is no account. */
  setStaffPassword(email: string, passwordHash: string, at: Date): Promise<boolean>;
  /** Stores the same password hashed at a higher cost (at sign-in); sessions stay. */
  rehashPassword(staffId: string, passwordHash: string): Promise<void>;
  /** Records a successful sign-in (shown by `npm run staff -- list`). */
  markSignedIn(staffId: string, at: Date): Promise<void>;

  createSession(session: StaffSession): Promise<void>;
  /** The session and its account; undefined when either is gone. */
  session(id: string): Promise<{ session: StaffSession; staff: StaffAccount } | undefined>;
  touchSession(id: string, at: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Deletes sessions idle since before `idleBefore` or created before `createdBefore`; says how many. */
  purgeSessions(idleBefore: Date, createdBefore: Date): Promise<number>;

  /** One failed sign-in, counted under each key (the account, the client). */
  recordSignInFailure(keys: readonly string[], at: Date): Promise<void>;
  /** Failures under `key` at or after `since`, and when the oldest of them was. */
  signInFailures(key: string, since: Date): Promise<{ count: number; oldest?: string }>;
  clearSignInFailures(key: string): Promise<void>;
  purgeSignInFailuresBefore(before: Date): Promise<number>;

  /** Spends a form token's nonce: true the first time, false for a replay. */
  spendFormToken(nonce: string, at: Date): Promise<boolean>;
  purgeFormTokensBefore(before: Date): Promise<number>;

  addAudit(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  auditEntries(limit: number): Promise<AuditEntry[]>;
  purgeAuditBefore(before: Date): Promise<number>;
}

/** Inclusive UTC days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * One week of widget sessions in one language. A session is the events sharing a `session` id; it
 * belongs to the week (starting Monday) of its first day, and to the language it started in. Every
 * event of a session that starts in the range counts, also those after the range.
 */
export interface FunnelWeek {
  /** The Monday the week starts on. */
  week: string;
  lang: ContentLanguage;
  sessions: number;
  /** Sessions with a `search` or `search-miss`. */
  searched: number;
  suggestionOpened: number;
  /** Sessions where "this solved it" stood: more `deflected` than `deflection-undone` events. */
  solved: number;
  ticketSent: number;
}

/**
 * Search events that found nothing (`miss`) or showed suggestions that did nothing (`weak`: a
 * `search` in a session that opened no suggestion and was not solved), per exact query and
 * language, with how many there were each day.
 */
export interface QueryOutcome {
  kind: 'miss' | 'weak';
  query: string;
  lang: ContentLanguage;
  events: number;
  /** Of those events, how many were in a session that sent a ticket. */
  endedInTicket: number;
  /** Events per day, oldest first (the ranking weighs recent days more). */
  days: { day: string; events: number }[];
}

/** What the widget's events say about one article page (its URL as stored: origin and path). */
export interface ArticleActivity {
  article: string;
  lang: ContentLanguage;
  /** `suggestion-opened` events. */
  opened: number;
  /** `deflected` minus `deflection-undone` events. */
  solved: number;
  /** Sessions that opened or were solved by the article and then sent a ticket anyway. */
  ticketsAfter: number;
}

export interface ArticleVotes {
  articleId: string;
  lang: ContentLanguage;
  helpful: number;
  total: number;
}

export interface NotHelpfulComment {
  articleId: string;
  lang: ContentLanguage;
  comment: string;
  at: string;
}

/** An editor's answer to a content gap: the article that now covers it (in every language it is written in). */
export interface GapCoverage {
  /** The gap's normalized key (console/insights/gaps.ts); one gap may span languages. */
  gap: string;
  /** The article's translation key. */
  article: string;
  coveredAt: string;
  coveredBy: string;
}

export interface InsightsStore {
  /** Sessions that started in the range, per week and language: weeks in order, languages in order within a week; only weeks that had sessions. */
  funnel(range: DayRange): Promise<FunnelWeek[]>;
  /** Misses and weak results in the range, any order. */
  queryOutcomes(range: DayRange): Promise<QueryOutcome[]>;
  /** Every article URL events name in the range, any order. */
  articleActivity(range: DayRange): Promise<ArticleActivity[]>;
  /** Vote counts of every article and language that has votes. */
  articleVotes(): Promise<ArticleVotes[]>;
  /** The newest comments left with a "not helpful" vote, newest first. */
  notHelpfulComments(limit: number): Promise<NotHelpfulComment[]>;
  /** Records the covering article of a gap; a later choice replaces the earlier one. */
  coverGap(coverage: GapCoverage): Promise<void>;
  /** Every covered gap, by gap key. */
  gapCoverage(): Promise<GapCoverage[]>;
}

export interface TicketFilter {
  department?: string;
  topic?: string;
  priority?: string;
  status?: TicketStatus;
  lang?: UiLanguage;
  verified?: boolean;
}

export interface TicketListItem {
  id: string;
  number: string;
  status: TicketStatus;
  createdAt: string;
  lang: UiLanguage;
  department: string;
  topic?: string;
  priority: string;
  subject: string;
  customerName: string;
  customerEmail: string;
  verified: boolean;
  redacted: boolean;
  attachments: number;
  /** Each forwarder's delivery state, by forwarder name. */
  deliveries: { forwarder: string; state: DeliveryState }[];
}

/** A ticket with everything an agent or a privacy request needs. */
export interface TicketRecord {
  ticket: StoredTicket;
  history: TicketEvent[];
  deliveries: Delivery[];
}

export interface DeskStore {
  /** Tickets matching `filter`, newest first, `limit` from `offset`, and how many match. */
  listTickets(filter: TicketFilter, page: { limit: number; offset: number }): Promise<{ total: number; items: TicketListItem[] }>;
  /** Tickets matching `filter` with at least one failed delivery, newest first (at most `limit`). */
  ticketsWithFailedDeliveries(filter: TicketFilter, limit: number): Promise<TicketListItem[]>;
  /**
   * Sets the status and adds it, by support, to the public history (what the customer's status page
   * shows), with an outbox row to each of `deliverTo` (the customer's e-mail); false when there is no such ticket.
   */
  setTicketStatus(ticketId: string, status: TicketStatus, at: Date, note?: string, deliverTo?: readonly string[]): Promise<boolean>;
  deliveryById(id: string): Promise<Delivery | undefined>;
  /** Makes a failed or pending delivery due at `at` again; false when it is delivered or unknown. */
  retryDelivery(deliveryId: string, at: Date): Promise<boolean>;
  /** Every ticket whose customer e-mail is `email` (any case), newest first, with history and deliveries. */
  ticketsByCustomerEmail(email: string): Promise<TicketRecord[]>;
  /** Deletes those tickets with everything stored with them; returns their numbers and attachment paths. */
  deleteTicketsByCustomerEmail(email: string): Promise<{ numbers: string[]; paths: string[] }>;
}

export type ConsoleStore = StaffStore & InsightsStore & DeskStore;
