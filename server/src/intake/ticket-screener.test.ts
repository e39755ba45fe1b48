/**
 * Screening on the thread gives exactly what screening here gives (the contract's problems, the
 * redacted ticket), the thread starts only under load and ends when idle, and tickets it holds
 * when it stops are screened here instead of lost.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleTicket } from '../../../core/contract/ticket.example.ts';
import { ticketScreener, type TicketScreener } from './ticket-screener.ts';
import { screenTicket, type ScreeningInput } from './ticket-screening.ts';

const screeners: TicketScreener[] = [];
afterEach(async () => {
  for (const screener of screeners.splice(0)) await screener.stop();
});
function screenerWith(options: Parameters<typeof ticketScreener>[0]): TicketScreener {
  const screener = ticketScreener(options);
  screeners.push(screener);
  return screener;
}

const until = (condition: () => boolean) => vi.waitUntil(condition, { timeout: 10_000, interval: 10 });

/** A screener whose thread has started (its first ticket screened here) and now takes tickets. */
async function threadedScreener(options: Parameters<typeof ticketScreener>[0] = {}): Promise<TicketScreener> {
  const screener = screenerWith({ busyAt: 1, ...options });
  await screener.screen(inputs[0]!);
  await until(() => screener.threaded);
  return screener;
}

/** Valid, refused, with secrets in several fields, with a customer token's identity, with files still to check. */
const inputs: ScreeningInput[] = [
  { raw: exampleTicket, claims: null, attachments: [] },
  { raw: { ...exampleTicket, message: `${exampleTicket.message}\nsenha: Padaria#2025` }, claims: null, attachments: [] },
  { raw: { ...exampleTicket, lang: 'it', subject: 'password: Padaria#2025 non va', steps: 'token ghp_0123456789abcdefghijABCDEFGHIJ012345' }, claims: null, attachments: [] },
  { raw: { ...exampleTicket, customer: { ...exampleTicket.customer, token: 'signed' } }, claims: { name: 'Mariana Souza', email: 'mariana@padaria.com.br' }, attachments: [] },
  { raw: exampleTicket, claims: null, attachments: [{ name: 'senha=Mudar@123.png', type: 'image/png', size: 10 }] },
  { raw: exampleTicket, claims: null, attachments: null },
  { raw: { ...exampleTicket, customer: { name: '', email: 'not an address' }, department: 'nope' }, claims: null, attachments: [] },
  { raw: 'not a ticket', claims: null, attachments: [] },
];

describe('ticketScreener', () => {
  it('screens here for a trickle of tickets, and starts its thread once they pour in', async () => {
    await screenTicket(inputs[0]!); // modules loaded: the five below fall within one second
    const screener = screenerWith({ busyAt: 5 });
    for (let i = 0; i < 4; i++) await screener.screen(inputs[0]!);
    await sleep(100);
    expect(screener.threaded).toBe(false);
    await screener.screen(inputs[0]!);
    await until(() => screener.threaded);
  });

  it('answers on the thread exactly what screening here answers', async () => {
    const screener = await threadedScreener();
    const expected = await Promise.all(inputs.map((input) => screenTicket(input)));
    expect(expected.map((r) => r.ok)).toEqual([true, true, true, true, true, true, false, false]);
    expect(expected[1]).toMatchObject({ kept: { redacted: true } });
    expect(await Promise.all(inputs.map((input) => screener.screen(input)))).toEqual(expected);
    expect(screener.counts).toEqual({ onThread: inputs.length, handedBack: 0 }); // answered there, not redone here
  });

  it('ends its thread after a quiet spell and starts it again with the next rush', async () => {
    const screener = await threadedScreener({ idleMs: 200 });
    await until(() => !screener.threaded);
    await screener.screen(inputs[0]!);
    await until(() => screener.threaded);
  });

  it('screens here the tickets its thread held when it stopped', async () => {
    const screener = await threadedScreener();
    const answers = Promise.all(Array.from({ length: 40 }, (_, i) => screener.screen(inputs[i % inputs.length]!)));
    await screener.stop();
    expect(screener.counts.onThread + screener.counts.handedBack).toBe(40);
    expect(screener.threaded).toBe(false);
    const expected = await Promise.all(inputs.map((input) => screenTicket(input)));
    expect(await answers).toEqual(Array.from({ length: 40 }, (_, i) => expected[i % inputs.length]));
  });
});

describe('a process whose only work is screening on the thread', () => {
  it('stays alive until the thread has answered, and ends once it is idle', () => {
    const script = `
      import { ticketScreener } from ${JSON.stringify(new URL('./ticket-screener.ts', import.meta.url).href)};
      import { exampleTicket } from ${JSON.stringify(new URL('../../../core/contract/ticket.example.ts', import.meta.url).href)};
      const screener = ticketScreener({ busyAt: 1 });
      await screener.screen({ raw: exampleTicket, claims: null, attachments: [] });
      while (!screener.threaded) await new Promise((resolve) => setTimeout(resolve, 10));
      // Nothing but the thread's answers left to wait for:
      const answers = await Promise.all(Array.from({ length: 20 }, () => screener.screen({ raw: exampleTicket, claims: null, attachments: [] })));
      console.log(JSON.stringify({ ok: answers.filter((a) => a.ok).length, ...screener.counts }));
    `;
    const dir = mkdtempSync(path.join(tmpdir(), 'support-kit-screener-'));
    writeFileSync(path.join(dir, 'script.mjs'), script);
    const child = spawnSync(process.execPath, [path.join(dir, 'script.mjs')], { encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(child.stderr).not.toMatch(/unsettled top-level await/);
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ ok: 20, onThread: 20, handedBack: 0 });
  });
});
