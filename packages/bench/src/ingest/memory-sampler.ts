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
