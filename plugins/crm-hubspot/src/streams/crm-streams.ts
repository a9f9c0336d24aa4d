import type { StreamDefinition } from '@waymark/plugin-sdk';
import type { EngagementType, HubSpotConfig } from '../config.js';
import type { KeysetCursor } from '../keyset.js';
import { CONTACT_PROPERTIES, contactLink } from '../mappers/contact-mapper.js';
import { DEAL_PROPERTIES, mapDeal } from '../mappers/deal-mapper.js';
import { ENGAGEMENTS, mapEngagement } from '../mappers/engagement-mapper.js';
import { mapWithContacts, objectStream } from './object-stream.js';

export const contacts = objectStream({
  name: 'contacts',
  description: 'Contacts as identity links (HubSpot id ↔ e-mail ↔ phone)',
  objectType: 'contacts',
  modifiedProperty: 'lastmodifieddate',
  properties: CONTACT_PROPERTIES,
  enabled: () => true,
  async toPage(records) {
    const links = records.map(contactLink).filter((link) => link !== undefined);
    return { events: [], links };
  },
});

export const deals = objectStream({
  name: 'deals',
  description: 'Closed-won deals as purchases or bookings with their amount',
  objectType: 'deals',
  modifiedProperty: 'hs_lastmodifieddate',
  properties: DEAL_PROPERTIES,
  enabled: (config) => config.touchpoints.deals !== undefined,
  toPage: (records, api, config) =>
    mapWithContacts('deals', records, api, (deal, contactIds) => mapDeal(deal, contactIds, config.touchpoints.deals ?? '', config)),
});

function engagementStream(type: EngagementType): StreamDefinition<HubSpotConfig, KeysetCursor> {
  return objectStream({
    name: type,
    description: `Engagements: ${type} with contacts`,
    objectType: type,
    modifiedProperty: 'hs_lastmodifieddate',
    properties: ENGAGEMENTS[type].properties,
    enabled: (config) => config.touchpoints[type] !== undefined,
    toPage: (records, api, config) =>
      mapWithContacts(type, records, api, (record, contactIds) => mapEngagement(type, record, contactIds, config.touchpoints[type] ?? '')),
  });
}

export const calls = engagementStream('calls');
export const emails = engagementStream('emails');
export const meetings = engagementStream('meetings');
export const notes = engagementStream('notes');
