/**
 * Three real server processes on one PostgreSQL database behind a round-robin proxy, each killed
 * with SIGKILL while tickets arrive (bench/multi-instance.ts; `npm run bench` runs it at 1,000
 * tickets). Outcomes only: nothing here depends on how long anything takes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchMultiInstance } from '../../bench/multi-instance.ts';

const logs = mkdtempSync(path.join(tmpdir(), 'support-kit-multi-logs-'));
let passed = false;
afterAll(() => {
  // The servers' logs stay for a failure, and the message says where.
  if (passed) rmSync(logs, { recursive: true, force: true });
});

describe('three instances on one PostgreSQL behind a load balancer', () => {
  it('lose no ticket and duplicate none while killed, answer a key alike from every instance, deliver every ticket once and hold the limit across them', async () => {
    const tickets = 120;
    const simultaneousKeys = 15;
    const rateLimit = 10;
    const figures = await benchMultiInstance({ instances: 3, tickets, kills: 3, sendSeconds: 6, simultaneousKeys, rateLimit, drainTimeoutSeconds: 60, workDir: logs });
    const context = `server logs in ${logs}: ${JSON.stringify(figures)}`;

    expect(figures.kills, context).toBe(3);
    expect({ unacknowledged: figures.unacknowledged, rejected: figures.rejected, missing: figures.acknowledgedButMissing, lostAttachments: figures.lostAttachments }, context)
      .toEqual({ unacknowledged: 0, rejected: 0, missing: 0, lostAttachments: 0 });
    expect(figures.duplicates, context).toBe(0);
    expect(figures.storedTickets, context).toBe(tickets + simultaneousKeys + rateLimit);
    // Sent to all three at once: one ticket, one answer, whoever got there first.
    expect(figures.simultaneous, context).toMatchObject({ keys: simultaneousKeys, serverErrors: 0, differentAnswers: 0, duplicates: 0 });
    expect(figures.replays, context).toEqual({ asked: (tickets + simultaneousKeys) * 3, different: 0 });
    expect(figures.rateLimit, context).toEqual({ limit: rateLimit, sent: rateLimit * 3, accepted: rateLimit, refused: rateLimit * 2 });
    expect(figures.outbox, context).toMatchObject({ drained: true, pending: 0, failed: 0, delivered: figures.storedTickets, ticketsDelivered: figures.storedTickets, ticketsWithSeveralWebhookIds: 0 });
    // A delivery is POSTed again only when the instance holding it was killed.
    expect(figures.outbox.repeatedPosts, context).toBe(figures.outbox.repeatsExcused);
    passed = true;
  }, 180_000);
});
