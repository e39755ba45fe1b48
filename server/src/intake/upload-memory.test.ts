import { describe, expect, it, vi } from 'vitest';
import { uploadMemory } from './upload-memory.ts';

describe('the memory of uploads in flight', () => {
  it('looks at the buffers once per MB received and collects only past the limit', () => {
    let held = 10 * 1024 * 1024;
    const buffers = vi.fn(() => held);
    const collect = vi.fn();
    const memory = uploadMemory({ limitBytes: 16 * 1024 * 1024, buffers, collect });
    for (let i = 0; i < 15; i++) memory.received(64 * 1024); // under 1 MB: not even a look
    expect(buffers).not.toHaveBeenCalled();
    memory.received(64 * 1024);
    expect(buffers).toHaveBeenCalledTimes(1);
    expect(collect).not.toHaveBeenCalled();
    held = 17 * 1024 * 1024;
    memory.received(1024 * 1024);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('collects at most once per 4 MB received, however much stays alive', () => {
    const held = 40 * 1024 * 1024; // uploads in flight keep 40 MB alive
    const collect = vi.fn();
    const memory = uploadMemory({ limitBytes: 16 * 1024 * 1024, buffers: () => held, collect });
    for (let mb = 0; mb < 48; mb++) memory.received(1024 * 1024);
    expect(collect).toHaveBeenCalledTimes(12);
  });

  it('collects for real without --expose-gc: garbage is gone right after', async () => {
    // A WeakRef's target is kept for the rest of the job that made it: make it, then let the job end.
    const weak = (() => new WeakRef({ chunk: Buffer.alloc(64 * 1024) }))();
    await new Promise((resolve) => setImmediate(resolve));
    const memory = uploadMemory({ limitBytes: 1, buffers: () => 2 });
    memory.received(1024 * 1024);
    expect(weak.deref()).toBeUndefined();
  });
});
