import { describe, expect, it } from 'vitest';
import { LiveRefresh, type CheckOutcome } from './live-refresh.ts';

/** A clock and timers the test moves by hand, and a page that is in sight until told otherwise. */
function harness(outcomes: CheckOutcome[] = []) {
  let now = 0;
  let visible = true;
  const timers = new Map<number, { at: number; run: () => void }>();
  let next = 1;
  const checks: number[] = [];
  const refresh = new LiveRefresh(
    async () => {
      checks.push(now);
      return outcomes.shift() ?? 'same';
    },
    {
      setTimeout: (run, ms) => (timers.set(next, { at: now + ms, run }), next++),
      clearTimeout: (id) => void timers.delete(id as number),
      now: () => now,
      visible: () => visible,
    },
  );
  /** Moves the clock, running each timer that falls due (and the checks it starts) in order. */
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].run();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = end;
  }
  return {
    refresh, checks, advance,
    pending: () => timers.size,
    setVisible: async (value: boolean) => {
      visible = value;
      refresh.visibilityChanged();
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

const minute = 60_000;

describe('when the status page asks again', () => {
  it('every minute while the page is in sight', async () => {
    const h = harness();
    h.refresh.start();
    await h.advance(3 * minute + 1);
    expect(h.checks).toEqual([minute, 2 * minute, 3 * minute]);
  });

  it('never while hidden, and at once when back in sight after a while', async () => {
    const h = harness();
    h.refresh.start();
    await h.advance(30_000);
    await h.setVisible(false);
    await h.advance(60 * minute);
    expect(h.checks).toEqual([]);
    expect(h.pending()).toBe(0);
    await h.setVisible(true);
    expect(h.checks).toEqual([60 * minute + 30_000]);
    await h.advance(minute);
    expect(h.checks).toHaveLength(2);
  });

  it('back in sight moments after a check, it waits for the rest of the minute instead of asking twice', async () => {
    const h = harness();
    h.refresh.start();
    await h.advance(minute);
    await h.setVisible(false);
    await h.advance(5_000);
    await h.setVisible(true);
    expect(h.checks).toEqual([minute]);
    await h.advance(55_000);
    expect(h.checks).toEqual([minute, 2 * minute]);
  });

  it('after failures, less often (doubling, up to ten minutes), and every minute again once it answers', async () => {
    const h = harness(['failed', 'failed', 'failed', 'failed', 'failed', 'same', 'same']);
    h.refresh.start();
    await h.advance(60 * minute);
    const gaps = h.checks.map((at, i) => (at - (h.checks[i - 1] ?? 0)) / minute);
    expect(gaps.slice(0, 8)).toEqual([1, 2, 4, 8, 10, 10, 1, 1]);
  });

  it('stops for good when the link no longer opens the ticket, and when stopped', async () => {
    const gone = harness(['same', 'gone']);
    gone.refresh.start();
    await gone.advance(10 * minute);
    expect(gone.checks).toHaveLength(2);
    expect(gone.pending()).toBe(0);

    const stopped = harness();
    stopped.refresh.start();
    await stopped.advance(minute);
    stopped.refresh.stop();
    await stopped.advance(10 * minute);
    await stopped.setVisible(true);
    expect(stopped.checks).toHaveLength(1);
  });
});
