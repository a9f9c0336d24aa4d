import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Samples resident memory while work runs; the peak is what the OS had to give the process. */
export interface MemorySampler {
  /** Highest RSS seen so far, in bytes. */
  peak(): number;
  stop(): number;
}

export function sampleMemory(intervalMs = 50): MemorySampler {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  const read = () => Math.max(peak, process.memoryUsage.rss());
  return {
    peak: read,
    stop() {
      clearInterval(timer);
      return read();
    },
  };
}

// A full collection on demand without starting node with --expose-gc.
setFlagsFromString('--expose_gc');
const gcFunction: unknown = runInNewContext('gc');

/**
 * Heap still in use after a full garbage collection: what the process keeps, as opposed to RSS,
 * which also holds garbage V8 has not collected yet and heap it keeps reserved after a peak.
 */
export function retainedHeapBytes(): number {
  if (typeof gcFunction !== 'function') throw new Error('V8 did not expose gc() after --expose_gc');
  Reflect.apply(gcFunction, undefined, []);
  return process.memoryUsage().heapUsed;
}
