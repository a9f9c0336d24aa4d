import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const crmRecordSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
});

// One recorded v4 batch-read response per object type.
const associationsSchema = z.record(z.string(), z.object({
  results: z.array(z.object({ from: z.object({ id: z.string() }), to: z.array(z.object({ toObjectId: z.number() })) })),
}));

/** A CRM object exactly as HubSpot's v3 API returns it. */
export type CrmRecord = z.output<typeof crmRecordSchema>;
export type CrmData = Record<string, CrmRecord[]>;
/** objectType → object id → associated contact ids. */
export type Associations = Record<string, Record<string, string[]>>;

async function json(name: string): Promise<unknown> {
  return JSON.parse(await readFile(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), 'utf8'));
}

export async function loadCrmData(): Promise<{ data: CrmData; associations: Associations }> {
  const data: CrmData = {};
  for (const type of ['contacts', 'deals', 'calls', 'emails', 'meetings', 'notes']) {
    data[type] = z.array(crmRecordSchema).parse(await json(`${type}.json`));
  }
  const associations: Associations = {};
  for (const [type, response] of Object.entries(associationsSchema.parse(await json('associations.json')))) {
    associations[type] = Object.fromEntries(response.results.map((result) => [result.from.id, result.to.map((to) => String(to.toObjectId))]));
  }
  return { data, associations };
}
