/** What the end-to-end tests send as a helpdesk would: a status update, signed with the server's WEBHOOK_SECRET. */
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import type { StatusUpdate } from '../../core/contract/status-update.ts';
import { helpdeskSecret } from './helpdesk-mock.ts';

/** Posts `update` to the generic `POST /api/tickets/:number/status`, signed like the outgoing webhook; expects it applied. */
export async function helpdeskSays(request: APIRequestContext, number: string, update: Omit<StatusUpdate, 'id'>): Promise<void> {
  const id = `msg_${randomUUID()}`;
  const body = JSON.stringify({ id, ...update });
  const sentAt = new Date();
  const answer = await request.post(`/api/tickets/${encodeURIComponent(number)}/status`, {
    headers: {
      'Content-Type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(helpdeskSecret).sign(id, sentAt, body),
    },
    data: body,
  });
  expect(answer.status(), await answer.text()).toBe(200);
}
