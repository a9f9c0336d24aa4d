const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;

export function isByteSize(text: string): boolean {
  return SIZE.test(text.trim());
}

// "16mb", "64kb", "1048576": the notation of WAYMARK_BODY_LIMIT (as body-parser reads it), in bytes.
export function byteSize(text: string): number {
  const match = SIZE.exec(text.trim());
  if (!match?.[1]) throw new Error(`"${text}" is not a size such as 512kb or 16mb`);
  return Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
}
