// Opaque keyset cursors over bigint ids: base64url of the decimal id.
export function encodeIdCursor(id: bigint): string {
  return Buffer.from(id.toString()).toString('base64url');
}

export function decodeIdCursor(cursor: string): bigint {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d+$/.test(text)) throw new RangeError(`invalid cursor "${cursor}"`);
  return BigInt(text);
}
