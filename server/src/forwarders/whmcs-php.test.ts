/**
 * The PHP we ship for WHMCS, run by a real PHP against the real server over HTTP: the hook of
 * docs/helpdesks/whmcs.md (staff replies and status changes, signed, to
 * `POST /api/tickets/:number/status`) and the README's customer-token hook. The code is read from
 * the documents themselves, so what an integrator copies is what is tested. WHMCS itself is a
 * small stand-in: `add_hook`, `localAPI('GetTicket')` answering a fixture, `logActivity`.
 */
import { serve, type ServerType } from '@hono/node-server';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPhp } from '../../../scripts/php.ts';
import { ticketStatusAnswerSchema } from '../../../core/contract/ticket-status.ts';
import { verifyCustomerToken } from '../intake/customer-token.ts';
import { postJson, testServer, ticket, type TestServer } from '../test-support.ts';
import { whmcsLocalTime, whmcsUpdates, type WhmcsTicket } from './whmcs.ts';

const php = findPhp();
if ('missing' in php) throw new Error(php.missing);

const repo = path.resolve(import.meta.dirname, '../../..');
const secret = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const zone = 'America/Sao_Paulo';

/** The first ```php block after `heading` in a Markdown file. */
function phpBlock(file: string, heading: string): string {
  const text = readFileSync(path.join(repo, file), 'utf8');
  const from = text.indexOf(heading);
  const block = /```php\n([\s\S]*?)```/.exec(text.slice(from))?.[1];
  if (from < 0 || !block) throw new Error(`no php block after "${heading}" in ${file}`);
  return block;
}

/** WHMCS as far as the hooks touch it. */
const whmcsStandIn = `<?php
namespace WHMCS\\Authentication {
    class CurrentUser {
        public function client() {
            $c = json_decode(getenv('CLIENT') ?: 'null');
            return $c ?: null;
        }
    }
}
namespace {
    define('WHMCS', true);
    $GLOBALS['hooks'] = [];
    function add_hook($name, $priority, $fn) { $GLOBALS['hooks'][$name][] = $fn; }
    function logActivity($line) { fwrite(STDERR, $line . "\\n"); }
    function localAPI($command, $params) {
        $ticket = json_decode(getenv('TICKET') ?: '{}', true);
        if ($command !== 'GetTicket' || (int) $params['ticketid'] !== (int) ($ticket['ticketid'] ?? 0)) {
            return ['result' => 'error', 'message' => 'Ticket ID Not Found'];
        }
        return $ticket;
    }
    require getenv('HOOK');
    foreach ($GLOBALS['hooks'][$argv[1]] ?? [] as $fn) {
        $out = $fn(json_decode($argv[2], true));
        if ($out !== null) echo json_encode($out);
    }
}
`;

let dir: string;
let server: TestServer;
let http: ServerType;
let baseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'support-kit-php-'));
  writeFileSync(path.join(dir, 'whmcs.php'), whmcsStandIn);
  server = testServer({ STATUS_WEBHOOK_SECRET: secret });
  http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  server.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one WHMCS hook point with `vars`, the hook file made from `code`; what it printed and logged. */
async function runHook(code: string, event: string, vars: object, env: Record<string, string>) {
  const hook = path.join(dir, `hook-${Math.random().toString(36).slice(2)}.php`);
  writeFileSync(hook, code);
  const { stdout, stderr } = await promisify(execFile)((php as { path: string }).path, ['-d', `date.timezone=${zone}`, path.join(dir, 'whmcs.php'), event, JSON.stringify(vars)], {
    env: { ...process.env, HOOK: hook, ...env },
  });
  return { stdout, activityLog: stderr.trim() };
}

/** The documented status hook, pointed at this server with `hookSecret`. */
function statusHook(hookSecret = secret): string {
  return phpBlock('docs/helpdesks/whmcs.md', '## The hook, step by step')
    .replace(/const SUPPORT_KIT_URL = '[^']*';/, `const SUPPORT_KIT_URL = '${baseUrl}';`)
    .replace(/const SUPPORT_KIT_SECRET = '[^']*';/, `const SUPPORT_KIT_SECRET = '${hookSecret}';`);
}

/** A support-kit ticket, and GetTicket's answer for its WHMCS copy: the customer's message, then a staff reply. */
async function whmcsTicket(status: string) {
  const created = (await (await postJson(server.app, ticket())).json()) as { number: string; token: string; id: string };
  const at = (minutesAgo: number) => whmcsLocalTime(new Date(Date.now() - minutesAgo * 60_000).toISOString(), zone);
  const answer: WhmcsTicket & Record<string, unknown> = {
    result: 'success', ticketid: 15, tid: '894756', userid: 42, status,
    subject: `E-mails voltam com erro 550 [${created.number}]`, date: at(10), lastreply: at(2),
    replies: {
      reply: [
        { replyid: '0', userid: 42, date: at(10), message: 'Desde ontem os e-mails voltam.', admin: '' },
        { replyid: '31', userid: 0, date: at(2), message: 'Liberamos o IP 203.0.113.7 no firewall.', admin: 'Ana Souza' },
      ],
    },
  };
  const read = async () => ticketStatusAnswerSchema.parse(await (await server.app.request(`/api/tickets/${created.number}`, { headers: { Authorization: `Bearer ${created.token}` } })).json());
  return { created, answer, read };
}

describe('the WHMCS hook of docs/helpdesks/whmcs.md, run by PHP', () => {
  it("posts a staff reply and the status, signed, and the status page shows them with the WHMCS number", async () => {
    const { answer, read } = await whmcsTicket('Answered');
    const run = await runHook(statusHook(), 'TicketAdminReply', { ticketid: 15, replyid: 31 }, { TICKET: JSON.stringify(answer) });
    expect(run.activityLog).toBe('');
    const shown = await read();
    expect(shown.status).toBe('answered');
    expect(shown.history.filter((e) => e.kind === 'agent-reply').map((e) => e.message)).toEqual(['Liberamos o IP 203.0.113.7 no firewall.']);
    expect(shown.helpdeskNumber?.number).toBe('894756');
  });

  it('sends the ids and times the poll computes: the same updates polled afterwards change nothing', async () => {
    const { created, answer } = await whmcsTicket('Answered');
    await runHook(statusHook(), 'TicketAdminReply', { ticketid: 15, replyid: 31 }, { TICKET: JSON.stringify(answer) });
    const stored = (await server.store.ticketById(created.id))!;
    // As the poll sees the ticket before the hook's updates (a reply and a status to apply).
    const polled = whmcsUpdates(answer, 'open', zone, true);
    const before = await server.store.history(stored.id);
    const outcomes: Record<string, string> = {};
    for (const update of polled) outcomes[update.id] = await server.store.applyStatusUpdate({ ticketId: stored.id, source: 'whmcs', update, showReplyText: true });
    // The reply and the status the hook sent are the same updates; the poll's number-only update is older than both.
    expect(outcomes).toEqual({ 'whmcs:15:number': 'stale', 'whmcs:15:reply:31': 'duplicate', [`whmcs:15:status:Answered:${polled.at(-1)!.at}`]: 'duplicate' });
    expect(await server.store.history(stored.id)).toEqual(before);
  });

  it('a status change alone (Closed) closes the ticket on the status page', async () => {
    const { answer, read } = await whmcsTicket('Closed');
    const run = await runHook(statusHook(), 'TicketStatusChange', { ticketid: 15, status: 'Closed' }, { TICKET: JSON.stringify(answer) });
    expect(run.activityLog).toBe('');
    expect((await read()).status).toBe('closed');
  });

  it("leaves WHMCS's own tickets alone, and logs a refused call to WHMCS's Activity Log", async () => {
    const { answer, read } = await whmcsTicket('Answered');
    const notOurs = { ...answer, subject: 'Dúvida sobre fatura' };
    expect((await runHook(statusHook(), 'TicketAdminReply', { ticketid: 15, replyid: 31 }, { TICKET: JSON.stringify(notOurs) })).activityLog).toBe('');
    const wrongSecret = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;
    const run = await runHook(statusHook(wrongSecret), 'TicketAdminReply', { ticketid: 15, replyid: 31 }, { TICKET: JSON.stringify(answer) });
    expect(run.activityLog).toMatch(/^support-kit: update whmcs:15:reply:31 for [A-Z]{2}-\d+ answered HTTP 401$/m);
    expect((await read()).status).toBe('open');
  });
});

describe("the README's customer-token hook, run by PHP", () => {
  const tokenSecret = 'k'.repeat(40);
  const code = () => phpBlock('README.md', 'Generate it in a hook');

  it('signs a token the server accepts, for the signed-in client, valid for an hour', async () => {
    const client = { id: 42, fullName: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br' };
    const run = await runHook(code(), 'ClientAreaPage', {}, { CLIENT: JSON.stringify(client), CUSTOMER_TOKEN_SECRET: tokenSecret });
    const token = (JSON.parse(run.stdout) as { supportKitToken: string }).supportKitToken;
    const claims = verifyCustomerToken(token, tokenSecret);
    expect(claims).toMatchObject({ sub: '42', name: 'Mariana Costa', email: 'mariana@padariapaodequeijo.com.br' });
    expect(claims!.exp * 1000 - Date.now()).toBeGreaterThan(3_500_000);
    expect(verifyCustomerToken(token, 'x'.repeat(40))).toBeNull();
  });

  it('gives a visitor who is not signed in no token', async () => {
    const run = await runHook(code(), 'ClientAreaPage', {}, { CLIENT: 'null', CUSTOMER_TOKEN_SECRET: tokenSecret });
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
