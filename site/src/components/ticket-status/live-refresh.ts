/**
 * When the status page asks the API again, so that support's answer appears without a reload: every
 * minute while the page is in sight, at once when it comes back into sight after a while, never while
 * hidden (a tab left open all week costs nothing); after a failure, less often (doubling up to ten
 * minutes), back to every minute once an answer comes. Pure: the island passes the clock, the timers
 * and what "in sight" means, so the schedule is unit-tested without a browser.
 *
 * Polling, not a push channel: with several server instances a push needs shared fan-out, and a
 * minute is soon enough for a support ticket.
 */

/** What one check came to: `gone` (the link no longer opens the ticket) stops the checks. */
export type CheckOutcome = 'same' | 'changed' | 'failed' | 'gone';

export interface LiveRefreshOptions {
  /** Between checks while all is well. Default 60 s. */
  intervalMs?: number;
  /** The longest wait after failures. Default 10 min. */
  maxIntervalMs?: number;
  /** Back in sight after at least this long since the last check: check at once. Default 15 s. */
  staleAfterMs?: number;
}

export interface LiveRefreshEnvironment {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
  now: () => number;
  visible: () => boolean;
}

export class LiveRefresh {
  readonly #check: () => Promise<CheckOutcome>;
  readonly #env: LiveRefreshEnvironment;
  readonly #interval: number;
  readonly #max: number;
  readonly #stale: number;
  #timer: unknown;
  #delay: number;
  #lastCheck = 0;
  #running = false;
  #checking = false;

  constructor(check: () => Promise<CheckOutcome>, env: LiveRefreshEnvironment, options: LiveRefreshOptions = {}) {
    this.#check = check;
    this.#env = env;
    this.#interval = options.intervalMs ?? 60_000;
    this.#max = options.maxIntervalMs ?? 600_000;
    this.#stale = options.staleAfterMs ?? 15_000;
    this.#delay = this.#interval;
  }

  /** The ticket was just read: the next check is an interval away. */
  start(): void {
    this.stop();
    this.#running = true;
    this.#delay = this.#interval;
    this.#lastCheck = this.#env.now();
    this.#schedule(this.#delay);
  }

  stop(): void {
    this.#running = false;
    this.#clear();
  }

  /** Call on `visibilitychange`: hidden stops the timer, in sight resumes it (or checks now, when the last check is old). */
  visibilityChanged(): void {
    if (!this.#running) return;
    if (!this.#env.visible()) return this.#clear();
    const since = this.#env.now() - this.#lastCheck;
    if (since >= Math.min(this.#stale, this.#delay)) void this.#run();
    else this.#schedule(this.#delay - since);
  }

  #clear(): void {
    if (this.#timer !== undefined) this.#env.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(ms: number): void {
    this.#clear();
    // Hidden: nothing is scheduled; coming back into sight resumes.
    if (this.#running && this.#env.visible()) this.#timer = this.#env.setTimeout(() => void this.#run(), ms);
  }

  async #run(): Promise<void> {
    this.#clear();
    if (!this.#running || this.#checking || !this.#env.visible()) return;
    this.#checking = true;
    let outcome: CheckOutcome;
    try {
      outcome = await this.#check();
    } catch {
      outcome = 'failed';
    } finally {
      this.#checking = false;
    }
    this.#lastCheck = this.#env.now();
    if (outcome === 'gone') return this.stop();
    this.#delay = outcome === 'failed' ? Math.min(this.#delay * 2, this.#max) : this.#interval;
    this.#schedule(this.#delay);
  }
}
