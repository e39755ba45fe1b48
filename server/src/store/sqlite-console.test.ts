import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSql, ticketQuery } from './sqlite-console.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { TicketFilter } from './console-store.ts';

let dir: string;
let db: DatabaseSync;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'support-kit-plans-'));
  const file = path.join(dir, 'support-kit.sqlite');
  openSqliteStore(file).close(); // migrated, as the server opens it
  db = new DatabaseSync(file);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The steps of a statement's plan that read a whole table without an index: `SCAN events` (a plain
 * scan), as opposed to `SCAN t USING INDEX ...` (walking an index, in order) or `SCAN (subquery-1)`
 * (rows the statement itself produced).
 */
function fullScans(sql: string): string[] {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
  return plan.map((step) => step.detail).filter((detail) => /^SCAN /.test(detail) && !/ USING /.test(detail) && !/^SCAN \(subquery-\d+\)/.test(detail));
}

describe('every console query uses an index', () => {
  it('finds the full scan in a query that has no index to use, so the check itself works', () => {
    expect(fullScans('SELECT * FROM events WHERE query = ?')).toEqual(['SCAN events']);
  });

  it.each(Object.entries(consoleSql))('%s', (_name, sql) => {
    expect(fullScans(sql)).toEqual([]);
  });

  const filters: [string, TicketFilter][] = [
    ['no filter', {}],
    ['department', { department: 'technical' }],
    ['topic', { topic: 'email' }],
    ['priority', { priority: 'high' }],
    ['status', { status: 'open' }],
    ['language', { lang: 'it' }],
    ['verified', { verified: true }],
    ['not verified', { verified: false }],
    ['every filter', { department: 'technical', topic: 'email', priority: 'high', status: 'open', lang: 'pt-BR', verified: true }],
  ];
  it.each(filters)('the ticket list, its count and its failed deliveries with %s', (_name, filter) => {
    const { count, page, failed } = ticketQuery(filter);
    for (const sql of [count, page, failed]) expect(fullScans(sql), sql).toEqual([]);
  });
});
