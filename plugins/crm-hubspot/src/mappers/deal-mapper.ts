import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { NormalizedEvent, RejectedRecord } from '@waymark/plugin-sdk';
import type { HubSpotConfig } from '../config.js';

export const DEAL_PROPERTIES = ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'deal_currency_code', 'hs_lastmodifieddate'];

export type MappedRecord = { kind: 'event'; event: NormalizedEvent } | { kind: 'rejected'; rejected: RejectedRecord } | { kind: 'skipped' };

/** A closed-won deal → PURCHASE/BOOKING with its amount, for its first associated contact. */
export function mapDeal(deal: SimplePublicObject, contactIds: readonly string[], touchpointKey: string, config: HubSpotConfig): MappedRecord {
  const props = deal.properties;
  if (!config.closedWonStages.includes(props.dealstage ?? '')) return { kind: 'skipped' };
  const externalId = `deal:${deal.id}`;
  const contactId = contactIds[0];
  if (contactId === undefined) return reject(externalId, `closed-won deal ${deal.id} has no associated contact`, deal);
  const amount = props.amount === null || props.amount === undefined || props.amount === '' ? undefined : Number(props.amount);
  if (amount !== undefined && !Number.isFinite(amount)) return reject(externalId, `deal ${deal.id} has a non-numeric amount "${props.amount ?? ''}"`, deal);
  const event: NormalizedEvent = {
    externalId,
    touchpointKey,
    customerRef: `crm:hubspot:${contactId}`,
    occurredAt: isoDate(props.closedate) ?? deal.updatedAt.toISOString(),
    kind: config.dealEventKind,
    attributes: compact({ dealName: props.dealname, pipeline: props.pipeline, dealStage: props.dealstage, currency: props.deal_currency_code, hubspotId: deal.id }),
  };
  if (amount !== undefined) event.value = amount;
  return { kind: 'event', event };
}

export function reject(externalId: string, reason: string, payload: SimplePublicObject): MappedRecord {
  return { kind: 'rejected', rejected: { externalId, reason, payload: { id: payload.id, properties: payload.properties } } };
}

export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

export function compact(values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined && value !== '') out[key] = value;
  return out;
}
