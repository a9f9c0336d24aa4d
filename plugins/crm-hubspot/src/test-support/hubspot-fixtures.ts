import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** A CRM object exactly as HubSpot's v3 API returns it. */
export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export type CrmData = Record<string, CrmRecord[]>;
/** objectType → object id → associated contact ids. */
export type Associations = Record<string, Record<string, string[]>>;

async function json(name: string): Promise<unknown> {
  return JSON.parse(await readFile(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8'));
}

function isRecord(value: unknown): value is CrmRecord {
  return typeof value === 'object' && value !== null && 'id' in value && 'properties' in value;
}

export async function loadCrmData(): Promise<{ data: CrmData; associations: Associations }> {
  const data: CrmData = {};
  for (const type of ['contacts', 'deals', 'calls', 'emails', 'meetings', 'notes']) {
    const records = await json(`${type}.json`);
    data[type] = Array.isArray(records) ? records.filter(isRecord) : [];
  }
  const raw = await json('associations.json');
  const associations: Associations = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [type, byId] of Object.entries(raw)) {
      associations[type] = Object.fromEntries(Object.entries(Object(byId)).map(([id, ids]) => [id, Array.isArray(ids) ? ids.map(String) : []]));
    }
  }
  return { data, associations };
}
