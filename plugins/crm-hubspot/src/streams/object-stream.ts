import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { defineStream } from '@waymark/plugin-sdk';
import type { IdentityLink, NormalizedEvent, Page, PluginContext, RejectedRecord, StreamDefinition } from '@waymark/plugin-sdk';
import type { HubSpotConfig } from '../config.js';
import { hubspotApi } from '../hubspot-api.js';
import type { HubSpotApi } from '../hubspot-api.js';
import { keysetCursorSchema, keysetQuery, keysetStep, START } from '../keyset.js';
import type { KeysetCursor } from '../keyset.js';
import type { MappedRecord } from '../mappers/deal-mapper.js';

export interface PageContent {
  events: NormalizedEvent[];
  links?: IdentityLink[];
  rejected?: RejectedRecord[];
}

export interface ObjectStreamSpec {
  name: string;
  description: string;
  objectType: string;
  /** `lastmodifieddate` for contacts, `hs_lastmodifieddate` for every other object. */
  modifiedProperty: string;
  properties: string[];
  /** False when the config maps no touchpoint to this object type. */
  enabled(config: HubSpotConfig): boolean;
  toPage(records: SimplePublicObject[], api: HubSpotApi, config: HubSpotConfig): Promise<PageContent>;
}

/** An incremental stream over one CRM object type, by (last modified, id) keyset. */
export function objectStream(spec: ObjectStreamSpec): StreamDefinition<HubSpotConfig, KeysetCursor> {
  return defineStream({
    name: spec.name,
    description: spec.description,
    cursor: keysetCursorSchema,
    async *pull(ctx: PluginContext<HubSpotConfig>, cursor: KeysetCursor | null): AsyncGenerator<Page<KeysetCursor>> {
      let position = cursor ?? START;
      if (!spec.enabled(ctx.config)) {
        yield { events: [], nextCursor: position, hasMore: false };
        return;
      }
      const api = hubspotApi(ctx);
      const settledBefore = ctx.now().getTime() - ctx.config.settleSeconds * 1000;
      const properties = [...new Set([...spec.properties, spec.modifiedProperty])];
      for (;;) {
        const query = keysetQuery(position, spec.modifiedProperty, settledBefore);
        const results = await api.search(spec.objectType, { ...query, properties, limit: ctx.config.pageSize });
        const step = keysetStep(position, results, ctx.config.pageSize, spec.modifiedProperty);
        const content = await spec.toPage(step.records, api, ctx.config);
        yield { ...content, nextCursor: step.next, hasMore: !step.done };
        if (step.done) return;
        position = step.next;
      }
    },
  });
}

/** Maps records that need their contact: one batch association read per page. */
export async function mapWithContacts(
  objectType: string,
  records: SimplePublicObject[],
  api: HubSpotApi,
  map: (record: SimplePublicObject, contactIds: string[]) => MappedRecord,
): Promise<PageContent> {
  const contacts = await api.contactsOf(objectType, records.map((record) => record.id));
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  for (const record of records) {
    // The lowest contact id is the stable choice when several contacts are associated.
    const ids = [...(contacts.get(record.id) ?? [])].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const mapped = map(record, ids);
    if (mapped.kind === 'event') events.push(mapped.event);
    if (mapped.kind === 'rejected') rejected.push(mapped.rejected);
  }
  return { events, rejected };
}
