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

  it('after a collection that freed little, waits for as much new garbage as the limit before the next', () => {
    let held = 40 * 1024 * 1024; // uploads in flight keep 40 MB alive
    const collect = vi.fn(() => void (held = 38 * 1024 * 1024));
    const memory = uploadMemory({ limitBytes: 16 * 1024 * 1024, buffers: () => held, collect });
    memory.received(1024 * 1024);
    expect(collect).toHaveBeenCalledTimes(1);
    held = 50 * 1024 * 1024; // 12 MB more: under 38 + 16
    memory.received(1024 * 1024);
    expect(collect).toHaveBeenCalledTimes(1);
    held = 55 * 1024 * 1024;
    memory.received(1024 * 1024);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('collects for real without --expose-gc: the buffers of a finished upload are freed', () => {
    const before = process.memoryUsage().arrayBuffers;
    // 32 MB of buffers that are garbage at once, like chunks already written to disk.
    for (let i = 0; i < 512; i++) Buffer.alloc(64 * 1024).fill(i);
    const memory = uploadMemory({ limitBytes: before + 8 * 1024 * 1024 });
    memory.received(1024 * 1024);
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(before + 8 * 1024 * 1024);
  });
});
