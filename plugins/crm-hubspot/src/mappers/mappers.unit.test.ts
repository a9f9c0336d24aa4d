import { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { describe, expect, it } from 'vitest';
import { hubspotConfigSchema } from '../config.js';
import { contactLink, normalisePhone } from './contact-mapper.js';
import { mapDeal } from './deal-mapper.js';
import { mapEngagement } from './engagement-mapper.js';

const config = hubspotConfigSchema.parse({ touchpoints: { deals: 'crm-sales-desk' } });

function object(id: string, properties: Record<string, string | null>): SimplePublicObject {
  const at = new Date('2026-02-03T10:00:00Z');
  return Object.assign(new SimplePublicObject(), { id, properties, createdAt: at, updatedAt: at });
}

describe('contactLink', () => {
  it('links the HubSpot id with the lower-cased e-mail and normalised phones', () => {
    expect(contactLink(object('51', { email: ' Ana.Silva@Example.com ', phone: '+351 912 345 678', mobilephone: '+351912345678' }))).toEqual({
      refs: ['crm:hubspot:51', 'email:ana.silva@example.com', 'phone:+351912345678'],
    });
  });

  it('gives no link for a contact with nothing but its id', () => {
    expect(contactLink(object('69', { email: null, phone: null }))).toBeUndefined();
  });

  it('ignores phone numbers too short to identify anyone', () => {
    expect(normalisePhone('12-34')).toBeUndefined();
    expect(normalisePhone('(555) 010-2030')).toBe('5550102030');
  });
});

describe('mapDeal', () => {
  const won = object('9001', { dealstage: 'closedwon', amount: '567.00', closedate: '2026-02-02T12:00:00Z', dealname: 'Weekend', deal_currency_code: 'EUR', pipeline: 'default' });

  it('turns a closed-won deal into the configured kind with its amount and close date', () => {
    expect(mapDeal(won, ['51', '75'], 'crm-sales-desk', hubspotConfigSchema.parse({ dealEventKind: 'BOOKING' }))).toEqual({
      kind: 'event',
      event: {
        externalId: 'deal:9001', touchpointKey: 'crm-sales-desk', customerRef: 'crm:hubspot:51', occurredAt: '2026-02-02T12:00:00.000Z', kind: 'BOOKING', value: 567,
        attributes: { dealName: 'Weekend', pipeline: 'default', dealStage: 'closedwon', currency: 'EUR', hubspotId: '9001' },
      },
    });
  });

  it('skips open or lost deals and honours custom won stages', () => {
    expect(mapDeal(object('1', { dealstage: 'closedlost' }), ['51'], 't', config)).toEqual({ kind: 'skipped' });
    const custom = hubspotConfigSchema.parse({ closedWonStages: ['12345678'] });
    expect(mapDeal(object('1', { dealstage: '12345678', amount: '10' }), ['51'], 't', custom).kind).toBe('event');
  });

  it('rejects a won deal without contact or with a non-numeric amount', () => {
    expect(mapDeal(won, [], 't', config)).toMatchObject({ kind: 'rejected', rejected: { reason: 'closed-won deal 9001 has no associated contact' } });
    expect(mapDeal(object('2', { dealstage: 'closedwon', amount: 'n/a' }), ['51'], 't', config)).toMatchObject({ kind: 'rejected', rejected: { externalId: 'deal:2' } });
  });
});

describe('mapEngagement', () => {
  it('makes an inbound call an INQUIRY at its timestamp and an outbound one an INTERACTION', () => {
    const inbound = mapEngagement('calls', object('30001', { hs_timestamp: '2026-02-03T08:00:00Z', hs_call_direction: 'INBOUND', hs_call_title: 'Availability' }), ['51'], 'phone-reservations');
    expect(inbound).toEqual({
      kind: 'event',
      event: {
        externalId: 'call:30001', touchpointKey: 'phone-reservations', customerRef: 'crm:hubspot:51', occurredAt: '2026-02-03T08:00:00.000Z', kind: 'INQUIRY',
        attributes: { engagementType: 'calls', hubspotId: '30001', direction: 'INBOUND', title: 'Availability' },
      },
    });
    const outbound = mapEngagement('calls', object('30006', { hs_call_direction: 'OUTBOUND' }), ['53'], 'p');
    expect(outbound.kind === 'event' && outbound.event.kind).toBe('INTERACTION');
  });

  it('makes an incoming e-mail an INQUIRY and rejects an engagement without contact', () => {
    const incoming = mapEngagement('emails', object('40001', { hs_email_direction: 'INCOMING_EMAIL' }), ['55'], 'email-desk');
    expect(incoming.kind === 'event' && [incoming.event.externalId, incoming.event.kind]).toEqual(['email:40001', 'INQUIRY']);
    expect(mapEngagement('notes', object('60001', {}), [], 'n')).toMatchObject({ kind: 'rejected', rejected: { reason: 'note 60001 has no associated contact' } });
  });
});
