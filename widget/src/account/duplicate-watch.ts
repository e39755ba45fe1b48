/**
 * When to ask the server about duplicates: on leaving the subject and on reaching the review step,
 * debounced (leaving the subject and pressing Continue come together), each subject+department
 * asked once, an older question dropped when a newer one is asked, and a warning the customer
 * dismissed not shown again for the same subject and department.
 */
import type { CustomerTicket, DuplicateCheck } from '../../../core/contract/ticket-reply.ts';
import type { DepartmentKey } from '../../../core/contract/support-keys.ts';

export interface DuplicateWatchOptions {
  ask: (check: DuplicateCheck, signal: AbortSignal) => Promise<CustomerTicket[]>;
  /** Called with the duplicates to show (none: hide the warning). */
  show: (duplicates: CustomerTicket[]) => void;
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The question as the server sees it: subjects that differ only in case and spacing are the same. */
const keyOf = (subject: string, department: string) => `${department}\u0000${subject.trim().replace(/\s+/g, ' ').toLowerCase()}`;

export class DuplicateWatch {
  readonly #options: DuplicateWatchOptions;
  readonly #answers = new Map<string, CustomerTicket[]>();
  readonly #dismissed = new Set<string>();
  #timer: unknown;
  #run?: AbortController;
  #current = '';

  constructor(options: DuplicateWatchOptions) {
    this.#options = options;
  }

  /** The customer left the subject or reached the review step with this subject and department. */
  check(subject: string, department: DepartmentKey | ''): void {
    const { setTimer = (run, ms) => setTimeout(run, ms), clearTimer = (t) => clearTimeout(t as number) } = this.#options;
    clearTimer(this.#timer);
    // Too short to compare, or no department yet: nothing to say, and nothing stale left shown.
    if (!department || subject.trim().length < 3) return this.#settle('', []);
    const key = keyOf(subject, department);
    if (key === this.#current) return;
    const known = this.#answers.get(key);
    if (known) return this.#settle(key, known);
    this.#timer = setTimer(() => void this.#ask(key, { subject: subject.trim(), department }), this.#options.delayMs ?? 300);
  }

  /** "No, this is a different problem": this subject and department stay quiet from now on. */
  dismiss(): void {
    if (this.#current) this.#dismissed.add(this.#current);
    this.#options.show([]);
  }

  /** A ticket was just sent: every earlier answer is out of date (the new ticket is one to repeat now), and nothing is shown. */
  reset(): void {
    this.dispose();
    this.#answers.clear();
    this.#current = '';
    this.#options.show([]);
  }

  dispose(): void {
    (this.#options.clearTimer ?? ((t) => clearTimeout(t as number)))(this.#timer);
    this.#run?.abort();
  }

  async #ask(key: string, check: DuplicateCheck): Promise<void> {
    this.#run?.abort();
    const run = (this.#run = new AbortController());
    this.#current = key;
    let duplicates: CustomerTicket[];
    try {
      duplicates = await this.#options.ask(check, run.signal);
    } catch {
      return; // a newer question took over
    }
    if (run.signal.aborted) return;
    this.#answers.set(key, duplicates);
    this.#settle(key, duplicates);
  }

  #settle(key: string, duplicates: CustomerTicket[]): void {
    if (key !== this.#current) this.#run?.abort();
    this.#current = key;
    this.#options.show(this.#dismissed.has(key) ? [] : duplicates);
  }
}
