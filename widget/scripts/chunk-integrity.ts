/**
 * The script-tag build's lazy chunks, pinned by hashes the entry carries (see
 * widget/src/internal/chunks.ts for the runtime half).
 *
 * A bare `import()` would fetch a chunk that no integrity covers, and a strict CSP blocks the ways
 * of pinning one (an inline import map, blob: and data: modules). So each `import("./chunk.js")`
 * becomes `load("./chunk.js", "sha384-…", import.meta.url)` on the widget's chunk registry, which
 * injects `<script type="module" integrity>`. Rendering writes a placeholder of the hash's exact
 * length (the source map stays true); once every chunk is final, the placeholders are filled in,
 * chunks before the files that load them. File names carry a content hash, so chunks can be cached
 * for good; the entry keeps its fixed name, and its own integrity is computed after this
 * (emit-artifacts.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import MagicString from 'magic-string';
import type { OutputBundle, OutputChunk, Plugin } from 'rolldown';

/** `sha384-` and 64 characters, like a real hash, so filling it in moves nothing. */
const placeholder = `sha384-${'SUPPORT_TICKET_CHUNK_INTEGRITY_'.padEnd(64, '_')}`;
const registry = 'globalThis[Symbol.for("support-ticket.chunks")]';

export const integrityOf = (code: string | Uint8Array): string => `sha384-${createHash('sha384').update(code).digest('base64')}`;

export function chunkIntegrity(options: { chunkPrefix: string }): Plugin {
  return {
    name: 'support-kit:chunk-integrity',
    renderChunk(code, chunk) {
      if (!chunk.dynamicImports.length) return null;
      const s = new MagicString(code);
      let rewritten = 0;
      for (const match of code.matchAll(/\bimport\(\s*(["'`])(\.\.?\/[^"'`]+)\1\s*\)/g)) {
        s.overwrite(match.index, match.index + match[0].length, `${registry}.load(${JSON.stringify(match[2])},${JSON.stringify(placeholder)},import.meta.url)`);
        rewritten++;
      }
      if (rewritten !== chunk.dynamicImports.length) {
        throw new Error(`${chunk.fileName}: expected ${chunk.dynamicImports.length} import() of a chunk to pin, found ${rewritten}`);
      }
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk');
      const entries = new Set(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      for (const chunk of chunks) {
        if (chunk.isEntry || !chunk.isDynamicEntry) continue;
        // Only the entry is already in the page's module map; any other static import would be fetched unpinned.
        const unpinned = chunk.imports.filter((file) => !entries.has(file));
        if (unpinned.length) throw new Error(`${chunk.fileName} imports ${unpinned.join(', ')}, which no integrity would cover: keep what lazy parts share in the entry`);
      }
      const done = new Set<string>();
      const finish = (chunk: OutputChunk, trail: string[]): void => {
        if (done.has(chunk.fileName)) return;
        if (trail.includes(chunk.fileName)) throw new Error(`lazy chunks load each other in a circle: ${[...trail, chunk.fileName].join(' -> ')}`);
        for (const file of chunk.dynamicImports) finish(chunkIn(bundle, file), [...trail, chunk.fileName]);
        chunk.code = chunk.code.replace(/(["'`])(\.\.?\/[^"'`]+)\1,(["'`])(sha384-[\w]{64})\3/g, (whole, quote: string, file: string, quote2: string, hash: string) => {
          if (hash !== placeholder) return whole;
          const target = chunkIn(bundle, path.posix.join(path.posix.dirname(chunk.fileName), file));
          return `${quote}${file}${quote},${quote2}${integrityOf(target.code)}${quote2}`;
        });
        if (chunk.code.includes(placeholder)) throw new Error(`${chunk.fileName}: a chunk's integrity placeholder was left unfilled`);
        done.add(chunk.fileName);
      };
      for (const chunk of chunks) finish(chunk, []);
    },
    writeBundle(output, bundle) {
      // Chunks of earlier builds would otherwise pile up in dist/ and be copied to the KB.
      const dir = output.dir;
      if (!dir) return;
      for (const file of readdirSync(dir)) {
        const name = file.replace(/\.map$/, '');
        if (name.startsWith(options.chunkPrefix) && name.endsWith('.js') && !(name in bundle)) rmSync(path.join(dir, file));
      }
    },
  };
}

function chunkIn(bundle: OutputBundle, file: string): OutputChunk {
  const found = bundle[file];
  if (found?.type !== 'chunk') throw new Error(`no chunk ${file} in the bundle`);
  return found;
}
