/**
 * Keeps the memory of uploads in flight bounded. An upload reaches the server in the socket's 64 KB
 * read buffers, which are garbage as soon as they are on disk; but V8 frees them only when its own
 * heap fills (a ticket's JavaScript objects are small, so that takes hundreds of chunks) or when
 * external memory has grown by tens of MB. Twenty 10 MB uploads arriving together took the server
 * from about 100 MB to 165-175 MB of resident memory, mostly such buffers (the bare handler of the
 * benchmark does the same). So, once per MB received, the memory held in ArrayBuffers is checked,
 * and past `limitBytes` a full collection runs: a few milliseconds for this server's heap, about
 * once per 16 MB received while uploads pour in, never for JSON tickets.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** How much is received between two looks at the memory. */
const checkEveryBytes = 1024 * 1024;
/**
 * How much is received, at least, between two collections: buffers that are alive (many uploads at
 * once) keep the process above the limit, and must not make every MB pay for a full collection.
 * Twenty 10 MB uploads then cost at most 50 collections of a few ms each.
 */
const collectEveryBytes = 4 * 1024 * 1024;

export interface UploadMemory {
  /** Counts `bytes` just received; collects the garbage when the buffers pass the limit. */
  received(bytes: number): void;
}

/** V8's collector, exposed once: a process started without `--expose-gc` gets it through a fresh context. */
let collector: (() => void) | null | undefined;
function garbageCollector(): (() => void) | null {
  if (collector !== undefined) return collector;
  try {
    if (typeof globalThis.gc !== 'function') v8.setFlagsFromString('--expose-gc');
    const gc = typeof globalThis.gc === 'function' ? globalThis.gc : (vm.runInNewContext('gc') as unknown);
    collector = typeof gc === 'function' ? () => void (gc as () => void)() : null;
  } catch {
    collector = null; // a platform without it: uploads cost more memory, nothing else changes
  }
  return collector;
}

export function uploadMemory(
  options: { limitBytes?: number; buffers?: () => number; collect?: () => void } = {},
): UploadMemory {
  const limit = options.limitBytes ?? 16 * 1024 * 1024;
  const buffers = options.buffers ?? (() => process.memoryUsage().arrayBuffers);
  let sinceCheck = 0;
  let sinceCollect = collectEveryBytes;
  return {
    received(bytes) {
      sinceCheck += bytes;
      sinceCollect += bytes;
      if (sinceCheck < checkEveryBytes) return;
      sinceCheck = 0;
      if (sinceCollect < collectEveryBytes || buffers() <= limit) return;
      (options.collect ?? garbageCollector())?.();
      sinceCollect = 0;
    },
  };
}

/** The one the server's uploads share: the limit is on the process's buffers, whoever holds them. */
export const serverUploadMemory = uploadMemory();
