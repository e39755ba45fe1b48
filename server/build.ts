/**
 * `npm run build:server`: the server as plain JavaScript in server/dist/, which production runs
 * (`node server/dist/main.js`); development and tests keep running the .ts sources. Running .ts
 * makes Node load its type stripper (about 17 MB of resident memory) and strip every module at
 * each start.
 *
 * Every module reachable from server/src/main.ts (the server's own and core's) is written with
 * Node's own type stripping (`module.stripTypeScriptTypes`, the transform `node file.ts` applies),
 * which replaces types with spaces: each line and column stays where it is in the .ts file, so a
 * stack trace from production points into the source without source maps or flags. Relative `.ts`
 * specifiers become `.js`, the same length. tsc would reprint the code (lines move) and, with
 * this repository's `useDefineForClassFields: false`, turn class fields into constructor
 * assignments, unlike what runs in development; a bundle would need source maps to be read.
 *
 * The tree mirrors the repository (server/dist/server/src/…, server/dist/core/…), dependencies stay
 * in node_modules, and the files sources read next to themselves (the PostgreSQL migrations, the
 * console's assets, the demo pages) are copied to the same relative places. CONTENT_DIR and
 * SITE_DIR stay relative to the working directory, as before.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');

/** One module as JavaScript, with the relative specifiers it imports (type-only ones included). */
export function compileModule(source: string): { code: string; imports: string[] } {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  // A module started by URL (a worker thread's script): `new URL('./x.ts', import.meta.url)`.
  for (const match of source.matchAll(/\bnew URL\((['"])(\.\.?\/[^'"]+\.ts)\1, import\.meta\.url\)/g)) {
    importedFiles.push({ fileName: match[2]!, pos: match.index + 'new URL('.length, end: match.index + 'new URL('.length + match[2]!.length + 2 });
  }
  importedFiles.sort((a, b) => a.pos - b.pos);
  let code = source;
  const imports: string[] = [];
  for (const { fileName, pos } of importedFiles) {
    if (!/^\.\.?\//.test(fileName)) continue;
    imports.push(fileName);
    // `pos` is where the string literal starts, its quote; `.ts` → `.js` keeps every position.
    const at = pos + 1;
    if (!code.startsWith(fileName, at)) throw new Error(`cannot find the specifier ${fileName} where TypeScript says it is`);
    if (fileName.endsWith('.ts')) code = `${code.slice(0, at + fileName.length - 3)}.js${code.slice(at + fileName.length)}`;
  }
  return { code: stripTypeScriptTypes(code, { mode: 'strip' }), imports };
}

/** Files under `dir` that are not TypeScript: what sources read next to themselves. */
function assetsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => !file.endsWith('.ts') && !path.basename(file).startsWith('tsconfig') && statSync(file).isFile());
}

/** Writes `outDir` from `entry` and its imports; answers the modules written, relative to the repository. */
export function buildServer(options: { entry?: string; outDir?: string } = {}): string[] {
  const entry = path.resolve(root, options.entry ?? 'server/src/main.ts');
  const outDir = path.resolve(root, options.outDir ?? 'server/dist');
  const out = (file: string) => path.join(outDir, path.relative(root, file));
  rmSync(outDir, { recursive: true, force: true });
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { code, imports } = compileModule(readFileSync(file, 'utf8'));
    for (const specifier of imports) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.endsWith('.ts') || !existsSync(target)) throw new Error(`${path.relative(root, file)} imports ${specifier}, which is not a .ts file of this repository`);
      pending.push(target);
    }
    const written = out(file).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(written), { recursive: true });
    writeFileSync(written, code);
  }
  for (const asset of [...assetsUnder(path.join(root, 'server/src')), ...assetsUnder(path.join(root, 'server/demo'))]) cpSync(asset, out(asset));
  // ES modules wherever the folder is (a package.json in node_modules/ ends the search for the repository's).
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(path.join(outDir, 'main.js'), `// npm run build:server; the server itself is ${path.relative(outDir, out(entry)).replace(/\.ts$/, '.js')}\nimport './${path.relative(outDir, out(entry)).replace(/\.ts$/, '.js')}';\n`);
  return [...seen].map((file) => path.relative(root, file)).sort();
}

if (import.meta.main) {
  const modules = buildServer();
  console.log(`server/dist: ${modules.length} modules (run it with node server/dist/main.js)`);
}
