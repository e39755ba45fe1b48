/**
 * How the parts of the widget that wait for the first interaction arrive.
 *
 * In the npm package they are plain dynamic imports, which the app's bundler resolves. In the
 * script-tag build, widget/scripts/chunk-integrity.ts rewrites each `import()` into `load()` on the
 * registry below, with the chunk's sha384 hash. The registry injects `<script type="module"
 * integrity>`: a bare `import()` carries no hash, and a strict CSP blocks the other ways of pinning
 * one (an inline import map, blob: and data: modules). The chunk, as it runs, hands its exports
 * back through `chunkLoaded`.
 */
export interface ChunkRegistry {
  /** Loads the chunk at `path`, relative to `base` (the importing file), whose bytes hash to `integrity`; resolves with its exports. */
  load(path: string, integrity: string, base: string): Promise<unknown>;
  /** A chunk, while it runs: its own URL and its exports. */
  loaded(url: string, exports: unknown): void;
}

/** A symbol rather than a name: nothing on the host page collides with it. The rewritten imports name it too. */
export const chunkRegistryKey = Symbol.for('support-ticket.chunks');

function createRegistry(): ChunkRegistry {
  const waiting = new Map<string, (exports: unknown) => void>();
  const loads = new Map<string, Promise<unknown>>();
  let attempts = 0;
  return {
    load(path, integrity, base) {
      const url = new URL(path, base).href;
      const known = loads.get(url);
      if (known) return known;
      // A module that failed to load stays failed in the page's module map: a retry asks for another
      // URL (the query changes nothing the server sends, and the hash pins the bytes anyway).
      const src = attempts++ ? `${url}?attempt=${attempts}` : url;
      const loading = new Promise<unknown>((resolve, reject) => {
        const script = document.createElement('script');
        const fail = (why: string) => {
          waiting.delete(src);
          loads.delete(url);
          script.remove();
          reject(new Error(`${why}: ${src}`));
        };
        waiting.set(src, resolve);
        script.type = 'module';
        script.crossOrigin = 'anonymous';
        script.integrity = integrity;
        script.src = src;
        script.addEventListener('error', () => fail('could not load (offline, blocked, or not the bytes its hash pins)'));
        // A chunk announces itself while it runs, before `load` fires: one that did not is not ours.
        script.addEventListener('load', () => waiting.has(src) && fail('loaded without announcing itself'));
        (document.head ?? document.documentElement).append(script);
      });
      loads.set(url, loading);
      return loading;
    },
    loaded(url, exports) {
      waiting.get(url)?.(exports);
      waiting.delete(url);
    },
  };
}

// One registry per page, shared by every copy of the entry (a second script tag is harmless).
const scope = globalThis as { [chunkRegistryKey]?: ChunkRegistry };
const registry = (scope[chunkRegistryKey] ??= createRegistry());

/** Called by a lazily loaded module as it runs (a no-op outside the script-tag build: nothing waits). */
export function chunkLoaded(url: string, exports: unknown): void {
  registry.loaded(url, exports);
}
