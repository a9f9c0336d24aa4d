import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Runs `work` while copying everything written through `console.*` into `lines`, so that a
 * plugin printing a secret with `console.log` fails the contract like one logging it. Output is
 * still written to the real console.
 */
export async function withConsoleCapture<T>(lines: string[], work: () => Promise<T>): Promise<T> {
  const originals = METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      lines.push(format(...args));
      original.apply(console, args);
    };
  }
  try {
    return await work();
  } finally {
    for (const [method, original] of originals) console[method] = original;
  }
}
