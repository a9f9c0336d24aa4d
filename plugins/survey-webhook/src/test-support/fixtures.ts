import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Raw bytes of a recorded payload in `fixtures/`, exactly as a survey tool would POST them. */
export async function fixtureBytes(name: string): Promise<Uint8Array> {
  return readFile(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));
}

export const TEST_CONFIG = {
  defaultTouchpointKey: 'post-stay-survey',
  npsRefs: ['nps_recommend'],
  csatRefs: ['csat_checkout'],
  commentRefs: ['comment'],
};
