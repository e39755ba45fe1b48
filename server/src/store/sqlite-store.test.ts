import { afterEach, describe, expect, it } from 'vitest';
import { postJson, testServer, ticket, type TestServer } from '../test-support.ts';

let server: TestServer;
afterEach(() => server?.cleanup());

describe('the outbox after a crash', () => {
  it('hands out a delivery claimed by a process that died as soon as the leases are released', async () => {
    server = testServer();
    await postJson(server.app, ticket());
    const now = new Date(Date.now() + 1000);
    const [claimed] = await server.store.claimDueDeliveries(now, 10, 5 * 60_000);
    expect(claimed?.forwarder).toBe('webhook');
    expect(await server.store.claimDueDeliveries(now, 10, 5 * 60_000)).toEqual([]); // leased: another worker skips it
    server = server.reopen(); // the process died holding the lease
    expect(await server.store.releaseLeases()).toBe(1);
    expect((await server.store.claimDueDeliveries(now, 10, 5 * 60_000)).map((d) => d.id)).toEqual([claimed?.id]);
  });

  it('never lets a late failure undo a delivery', async () => {
    server = testServer();
    await postJson(server.app, ticket());
    const [d] = await server.store.claimDueDeliveries(new Date(Date.now() + 1000), 10, 1000);
    await server.store.markDelivered(d!.id, new Date(), 'ext-1');
    await server.store.markFailed(d!.id, 'timeout from an earlier attempt', new Date());
    expect(await server.store.stats()).toMatchObject({ delivered: 1, pending: 0, failed: 0 });
  });
});
