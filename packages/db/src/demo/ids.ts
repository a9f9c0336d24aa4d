import { seededRandom } from '@waymark/domain';

// Deterministic UUIDs (v4 layout) per workspace and seed, so a re-seed produces the same rows.
export function uuidFactory(workspaceId: string, seed: number): () => string {
  let h = seed >>> 0;
  for (const ch of workspaceId) h = Math.imul(h ^ ch.charCodeAt(0), 16_777_619) >>> 0;
  const random = seededRandom(h);
  const hex = (n: number) => Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0').slice(0, n);
  return () => {
    const a = hex(8);
    const b = hex(8);
    const c = hex(8);
    const d = hex(8);
    const variant = ((parseInt(c.slice(4, 5), 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(5, 8)}-${d}${c.slice(0, 4)}`;
  };
}
