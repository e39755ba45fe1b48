/**
 * `npm run build:server`: the JavaScript production runs is the source without its types, line for
 * line and column for column, and it starts and takes a ticket from where it was written.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, compileModule } from './build.ts';
import { exampleTicket } from '../core/contract/ticket.example.ts';

const root = path.resolve(import.meta.dirname, '..');
// Inside the repository, so that the compiled modules find node_modules as production's do.
const outDir = path.join(root, 'node_modules/.cache/support-kit-build-test', String(process.pid));
const dataDir = mkdtempSync(path.join(tmpdir(), 'support-kit-build-'));
let modules: string[] = [];
beforeAll(() => {
  modules = buildServer({ outDir });
});
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('keeps every line and column of its source, so a stack trace from production points into the .ts file', () => {
    expect(modules).toEqual(expect.arrayContaining(['server/src/main.ts', 'server/src/routes/tickets.ts', 'core/contract/ticket.ts', 'server/src/store/pg-store.ts', 'server/src/store/wal-checkpoint-worker.ts', 'server/src/intake/ticket-screening-worker.ts']));
    for (const module of modules) {
      expect(existsSync(path.join(outDir, module.replace(/\.ts$/, '.js'))), module).toBe(true);
      // Compiled again from one reading of the source: others may be editing the tree meanwhile.
      const source = readFileSync(path.join(root, module), 'utf8');
      const lengths = (text: string) => text.split('\n').map((line) => line.length);
      expect(lengths(compileModule(source).code), module).toEqual(lengths(source));
    }
  });

  it('imports .js files, types gone, whatever the form of the import', () => {
    const { code, imports } = compileModule(
      "import type { A } from './a.ts';\nimport { b, type C } from '../b.ts';\nexport * from './c.ts';\nconst d = await import('./d.ts');\nimport e from 'hono';\nlet f: A = b as C;\nconst g = new Worker(new URL('./g.ts', import.meta.url));\n",
    );
    expect(imports).toEqual(['./a.ts', '../b.ts', './c.ts', './d.ts', './g.ts']);
    expect(code).not.toMatch(/\.ts'/);
    expect(code).toContain("import { b,        } from '../b.js';");
    expect(code).toContain("export * from './c.js';");
    expect(code).toContain("await import('./d.js')");
    expect(code).toContain("import e from 'hono';");
    expect(code).toMatch(/^let f\s+= b\s+;$/m);
    // A worker thread's script, started by URL, is compiled and found next to its starter.
    expect(code).toContain("new URL('./g.js', import.meta.url)");
  });

  it('carries the files its modules read next to themselves: migrations, console assets, demo pages', () => {
    for (const dir of ['server/src/store/pg-migrations', 'server/src/console/assets', 'server/demo']) {
      const wanted = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((name) => !name.endsWith('.ts'));
      expect(wanted.length, dir).toBeGreaterThan(0);
      for (const name of wanted) expect(existsSync(path.join(outDir, dir, name)), `${dir}/${name}`).toBe(true);
    }
  });

  it('starts, serves the console’s stylesheet and the demo page, and takes a ticket', async () => {
    const port = 20_000 + (process.pid % 20_000);
    const server = spawn(process.execPath, [path.join(outDir, 'main.js')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DEMO_PORT: '0', DATA_DIR: dataDir, MIN_FILL_SECONDS: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      // The server prints its URLs once it listens.
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('support-kit is up') && resolve());
        server.once('exit', (code) => reject(new Error(`the compiled server exited (${code})`)));
      });
      const origin = `http://127.0.0.1:${port}`;
      expect((await fetch(`${origin}/console/assets/console.css`)).status).toBe(200);
      expect(await (await fetch(`${origin}/demo/`)).text()).toContain('<support-ticket');
      const ticket = await fetch(`${origin}/api/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'build-test-1', Origin: origin },
        body: JSON.stringify({ ...exampleTicket, attachments: undefined }),
      });
      expect(ticket.status).toBe(201);
      expect(await ticket.json()).toMatchObject({ number: expect.stringMatching(/^[A-Z]+-\d{6}$/) as unknown });
    } finally {
      server.kill('SIGTERM');
    }
  });
});
