import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { EventKind, NormalizedEvent } from '@waymark/plugin-sdk';
import type { EngagementType } from '../config.js';
import { compact, isoDate, reject } from './deal-mapper.js';
import type { MappedRecord } from './deal-mapper.js';

interface EngagementSpec {
  properties: string[];
  /** Attribute name → HubSpot property. */
  attributes: Record<string, string>;
  /** True when the customer started the exchange (an inquiry rather than an interaction). */
  inbound(props: SimplePublicObject['properties']): boolean;
}

export const ENGAGEMENTS: Record<EngagementType, EngagementSpec> = {
  calls: {
    properties: ['hs_timestamp', 'hs_call_direction', 'hs_call_status', 'hs_call_title', 'hs_call_duration'],
    attributes: { direction: 'hs_call_direction', status: 'hs_call_status', title: 'hs_call_title', durationMs: 'hs_call_duration' },
    inbound: (props) => props.hs_call_direction === 'INBOUND',
  },
  emails: {
    properties: ['hs_timestamp', 'hs_email_direction', 'hs_email_status', 'hs_email_subject'],
    attributes: { direction: 'hs_email_direction', status: 'hs_email_status', subject: 'hs_email_subject' },
    inbound: (props) => props.hs_email_direction === 'INCOMING_EMAIL',
  },
  meetings: {
    properties: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_outcome'],
    attributes: { title: 'hs_meeting_title', outcome: 'hs_meeting_outcome' },
    inbound: () => false,
  },
  notes: {
    properties: ['hs_timestamp'],
    attributes: {},
    inbound: () => false,
  },
};

/** An engagement → INQUIRY when the customer reached out (inbound call, incoming e-mail), else INTERACTION. */
export function mapEngagement(type: EngagementType, record: SimplePublicObject, contactIds: readonly string[], touchpointKey: string): MappedRecord {
  const spec = ENGAGEMENTS[type];
  const externalId = `${type.slice(0, -1)}:${record.id}`;
  const contactId = contactIds[0];
  if (contactId === undefined) return reject(externalId, `${type.slice(0, -1)} ${record.id} has no associated contact`, record);
  const occurredAt = isoDate(record.properties.hs_timestamp) ?? record.createdAt.toISOString();
  const kind: EventKind = spec.inbound(record.properties) ? 'INQUIRY' : 'INTERACTION';
  const picked = Object.fromEntries(Object.entries(spec.attributes).map(([name, property]) => [name, record.properties[property]]));
  const event: NormalizedEvent = {
    externalId,
    touchpointKey,
    customerRef: `crm:hubspot:${contactId}`,
    occurredAt,
    kind,
    attributes: { engagementType: type, hubspotId: record.id, ...compact(picked) },
  };
  return { kind: 'event', event };
}
