/** `GET /api/health`: the server is up and the database answers. */
import { Hono } from 'hono';
import type { Store } from '../store/store.ts';

export function healthRoutes(store: Store): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    try {
      const stats = await store.stats();
      return c.json({ status: 'ok', outbox: { pending: stats.pending, failed: stats.failed } });
    } catch {
      return c.json({ status: 'error' }, 503);
    }
  });
  return app;
}
