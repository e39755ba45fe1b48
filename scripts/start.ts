/**
 * `npm start`: build everything, then serve the knowledge base on http://localhost:4321.
 * (The reference server replaces `astro preview` once it exists.)
 */
import { spawn, spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '4321';
const host = process.env.HOST ?? 'localhost';

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const preview = spawn('npx', ['astro', 'preview', '--root', 'site', '--port', port, '--host', host], { stdio: ['inherit', 'pipe', 'inherit'] });
let announced = false;
preview.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /localhost|http:\/\//.test(chunk.toString())) {
    announced = true;
    const base = `http://${host}:${port}`;
    console.log(`\nsupport-kit knowledge base is up:\n  Português (Brasil): ${base}/pt-br/\n  Italiano:           ${base}/it/\n`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => preview.kill(signal));
preview.on('exit', (code) => process.exit(code ?? 0));
