/**
 * The repository's browser code as a browser can import it, straight from the sources: each
 * `/__src/<path>.ts` under core/ or widget/src/ answered with its types stripped, its `.ts` imports
 * left as they are (the browser asks for them the same way). Pages served beside a built site use
 * it to search exactly as the widget and the search page do, with no bundling step in between.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { ExtraRoutes } from './static-server.ts';

export const sourcePrefix = '/__src/';

/** The import map a page needs before importing core modules that use zod/mini. */
export const sourceImportMap = `<script type="importmap">${JSON.stringify({ imports: { 'zod/mini': `${sourcePrefix}node_modules/zod/mini/index.js` } })}</script>`;

/** Routes for `serveStatic`: `pages` by path, then the sources. */
export function sourceModules(repoRoot: string, pages: Record<string, string> = {}): ExtraRoutes {
  return (pathname) => {
    const page = pages[pathname];
    if (page !== undefined) return { type: 'text/html; charset=utf-8', body: page };
    // zod/mini (the only package core imports) as its own ES modules: pages map it with `sourceImportMap`.
    const zod = /^\/__src\/(node_modules\/zod\/[\w./-]+\.js)$/.exec(pathname);
    if (zod && !zod[1]!.includes('..') && existsSync(path.join(repoRoot, zod[1]!))) return { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(repoRoot, zod[1]!), 'utf8') };
    const match = /^\/__src\/((?:core|widget\/src)\/[\w./-]+\.ts)$/.exec(pathname);
    const file = match && !match[1]!.includes('..') ? path.join(repoRoot, match[1]!) : undefined;
    if (!file || !existsSync(file)) return undefined;
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
    });
    return { type: 'text/javascript; charset=utf-8', body: outputText };
  };
}
