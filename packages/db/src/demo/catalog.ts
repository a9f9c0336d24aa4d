// The demo resort: Lumen Bay Resort & Cultural Park. Three journeys over the default five stages,
// 41 touchpoints across online and offline channels. Some facts disagree on purpose (room price,
// check-in time, tour start, ticket price) so the consistency audit has something to find; one
// touchpoint has no owner and one feed goes quiet 20 days before "now".

export const DEMO_STAGES = ['Awareness', 'Consideration', 'Purchase', 'Retention', 'Advocacy'] as const;

export type DemoTouchpointType = 'CONTACT' | 'INTERACTION' | 'EXPERIENCE';

export interface DemoTouchpoint {
  key: string;
  name: string;
  stage: number;
  type: DemoTouchpointType;
  channel: string;
  mode: 'ONLINE' | 'OFFLINE';
  ownerTeam: string | null;
  monthlyCost: number;
  facts: Record<string, string>;
  /** 0..1: how satisfied customers tend to be here. */
  quality: number;
  /** Days before "now" after which the feed stops (a broken integration). */
  silentForDays?: number;
}

export interface DemoJourney {
  key: 'resort' | 'tours' | 'shop';
  name: string;
  description: string;
  share: number;
  touchpoints: DemoTouchpoint[];
}

const tp = (
  key: string,
  name: string,
  stage: number,
  type: DemoTouchpointType,
  channel: string,
  mode: 'ONLINE' | 'OFFLINE',
  ownerTeam: string | null,
  monthlyCost: number,
  quality: number,
  facts: Record<string, string> = {},
): DemoTouchpoint => ({ key, name, stage, type, channel, mode, ownerTeam, monthlyCost, quality, facts });

const TAGLINE = { 'brand.tagline': 'Where the coast meets culture' };

export const DEMO_JOURNEYS: DemoJourney[] = [
  {
    key: 'resort',
    name: 'Resort stay',
    description: 'From first glimpse of the resort to the review after checkout.',
    share: 0.5,
    touchpoints: [
      tp('resort.social-ads', 'Instagram & Facebook ads', 0, 'CONTACT', 'social', 'ONLINE', 'Marketing', 4200, 0.6, TAGLINE),
      tp('resort.search-ads', 'Search ads', 0, 'CONTACT', 'web', 'ONLINE', 'Marketing', 3500, 0.6, { 'price.standard_room': '189 EUR' }),
      tp('resort.travel-agent', 'Travel agent network', 0, 'CONTACT', 'partner', 'OFFLINE', 'Sales', 1500, 0.55, { 'price.standard_room': '199 EUR' }),
      tp('resort.newsletter', 'Newsletter', 0, 'CONTACT', 'email', 'ONLINE', 'Marketing', 300, 0.6, TAGLINE),
      tp('resort.website', 'Resort website', 1, 'INTERACTION', 'web', 'ONLINE', 'Digital', 2000, 0.75, {
        'price.standard_room': '189 EUR',
        'checkin.time': '15:00',
        ...TAGLINE,
      }),
      tp('resort.chat', 'Website chat', 1, 'INTERACTION', 'chat', 'ONLINE', 'Guest services', 900, 0.7, { 'checkin.time': '15:00' }),
      tp('resort.call-center', 'Reservations call centre', 1, 'INTERACTION', 'phone', 'OFFLINE', 'Guest services', 6000, 0.5, { 'checkin.time': '14:00' }),
      tp('resort.ota-listing', 'Online travel agency listing', 1, 'CONTACT', 'partner', 'ONLINE', 'Sales', 2500, 0.6, { 'price.standard_room': '179 EUR' }),
      tp('resort.booking-engine', 'Direct booking engine', 2, 'INTERACTION', 'web', 'ONLINE', 'Digital', 1200, 0.8),
      tp('resort.phone-booking', 'Phone booking', 2, 'INTERACTION', 'phone', 'OFFLINE', 'Guest services', 2500, 0.6),
      tp('resort.ota-booking', 'OTA booking', 2, 'INTERACTION', 'partner', 'ONLINE', 'Sales', 5000, 0.65),
      tp('resort.mobile-checkin', 'Mobile check-in', 3, 'INTERACTION', 'app', 'ONLINE', 'Digital', 800, 0.85, { 'checkin.time': '15:00' }),
      tp('resort.front-desk', 'Front desk', 3, 'INTERACTION', 'front_desk', 'OFFLINE', 'Front office', 12000, 0.4, { 'checkin.time': '15:00' }),
      tp('resort.room', 'Room', 3, 'EXPERIENCE', 'on_site', 'OFFLINE', 'Housekeeping', 20000, 0.75),
      tp('resort.restaurant', 'Sea-view restaurant', 3, 'EXPERIENCE', 'on_site', 'OFFLINE', null, 15000, 0.65),
      tp('resort.spa', 'Spa', 3, 'EXPERIENCE', 'store', 'OFFLINE', 'Wellness', 7000, 0.8),
      tp('resort.nps-survey', 'Post-stay survey', 4, 'INTERACTION', 'email', 'ONLINE', 'Guest services', 200, 0.65),
      tp('resort.reviews', 'Review sites', 4, 'CONTACT', 'partner', 'ONLINE', 'Marketing', 400, 0.6),
      tp('resort.social-mentions', 'Social mentions', 4, 'CONTACT', 'social', 'ONLINE', 'Marketing', 600, 0.55, TAGLINE),
    ],
  },
  {
    key: 'tours',
    name: 'Cultural-park tour',
    description: 'Guided tours of the cultural park, sold to guests and day visitors.',
    share: 0.3,
    touchpoints: [
      tp('tours.social', 'Cultural park on social', 0, 'CONTACT', 'social', 'ONLINE', 'Marketing', 1200, 0.6),
      tp('tours.lobby-brochure', 'Lobby brochure', 0, 'CONTACT', 'on_site', 'OFFLINE', 'Tours', 150, 0.6, { 'tour.start_time': '10:00' }),
      tp('tours.partner-hotels', 'Partner hotels', 0, 'CONTACT', 'partner', 'OFFLINE', 'Sales', 700, 0.55),
      tp('tours.webpage', 'Tours web page', 1, 'INTERACTION', 'web', 'ONLINE', 'Digital', 500, 0.7, { 'tour.start_time': '10:00', 'price.tour_adult': '35 EUR' }),
      tp('tours.concierge', 'Concierge', 1, 'INTERACTION', 'front_desk', 'OFFLINE', 'Front office', 3000, 0.7, { 'tour.start_time': '10:30' }),
      tp('tours.ticket-shop', 'Online ticket shop', 2, 'INTERACTION', 'web', 'ONLINE', 'Digital', 600, 0.75, { 'price.tour_adult': '35 EUR' }),
      tp('tours.ticket-desk', 'Ticket desk', 2, 'INTERACTION', 'store', 'OFFLINE', 'Tours', 2200, 0.6, { 'price.tour_adult': '38 EUR' }),
      tp('tours.guided-tour', 'Guided tour', 3, 'EXPERIENCE', 'on_site', 'OFFLINE', 'Tours', 9000, 0.85),
      { ...tp('tours.audio-guide', 'Audio guide app', 3, 'EXPERIENCE', 'app', 'ONLINE', 'Digital', 400, 0.5), silentForDays: 20 },
      tp('tours.museum', 'Park museum', 3, 'EXPERIENCE', 'on_site', 'OFFLINE', 'Tours', 5000, 0.75),
      tp('tours.survey', 'Tour feedback survey', 4, 'INTERACTION', 'email', 'ONLINE', 'Tours', 100, 0.7),
      tp('tours.reviews', 'Tour reviews', 4, 'CONTACT', 'partner', 'ONLINE', 'Marketing', 200, 0.7),
    ],
  },
  {
    key: 'shop',
    name: 'Online shop purchase',
    description: 'Souvenirs, gift cards and local produce from the resort shop.',
    share: 0.2,
    touchpoints: [
      tp('shop.email-promo', 'Shop e-mail promotion', 0, 'CONTACT', 'email', 'ONLINE', 'E-commerce', 250, 0.6),
      tp('shop.social-shop', 'Social shop posts', 0, 'CONTACT', 'social', 'ONLINE', 'E-commerce', 500, 0.6),
      tp('shop.product-pages', 'Product pages', 1, 'INTERACTION', 'web', 'ONLINE', 'E-commerce', 800, 0.7, { 'shipping.free_from': '50 EUR' }),
      tp('shop.app-catalog', 'App catalogue', 1, 'INTERACTION', 'app', 'ONLINE', 'E-commerce', 600, 0.7, { 'shipping.free_from': '60 EUR' }),
      tp('shop.checkout', 'Web checkout', 2, 'INTERACTION', 'web', 'ONLINE', 'E-commerce', 400, 0.7),
      tp('shop.app-checkout', 'App checkout', 2, 'INTERACTION', 'app', 'ONLINE', 'E-commerce', 300, 0.8),
      tp('shop.delivery', 'Parcel delivery', 3, 'EXPERIENCE', 'partner', 'OFFLINE', 'Logistics', 3500, 0.5),
      tp('shop.support-chat', 'Support chat', 3, 'INTERACTION', 'chat', 'ONLINE', 'E-commerce', 700, 0.65),
      tp('shop.review-form', 'Product reviews', 4, 'CONTACT', 'web', 'ONLINE', 'E-commerce', 100, 0.65),
      tp('shop.survey', 'Order survey', 4, 'INTERACTION', 'email', 'ONLINE', 'E-commerce', 100, 0.65),
    ],
  },
];

export interface DemoThreshold {
  touchpoint: string;
  metric: 'CSAT' | 'NPS' | 'VOLUME';
  direction: 'BELOW' | 'ABOVE';
  value: number;
}

// What the KPI watch checks in the demo (30-day window, at least 20 responses): the front desk's
// weak CSAT breaches its threshold, so the first check opens an alert; the others hold.
export const DEMO_THRESHOLDS: DemoThreshold[] = [
  { touchpoint: 'resort.front-desk', metric: 'CSAT', direction: 'BELOW', value: 60 },
  { touchpoint: 'resort.restaurant', metric: 'CSAT', direction: 'BELOW', value: 50 },
  { touchpoint: 'resort.nps-survey', metric: 'NPS', direction: 'BELOW', value: 0 },
  { touchpoint: 'resort.booking-engine', metric: 'VOLUME', direction: 'BELOW', value: 20 },
];

export interface DemoInitiative {
  name: string;
  description: string;
  touchpoints: string[];
  /** Days before "now" it started; it is still running. */
  startedDaysAgo: number;
  cost: number;
  /** Booking values at its touchpoints grow by this factor from the start (what the ROI report finds). */
  uplift: number;
}

// The investment the demo's ROI report evaluates: the direct booking engine's relaunch (upsell of
// longer stays at booking), six weeks ago.
export const DEMO_INITIATIVE: DemoInitiative = {
  name: 'Direct booking engine relaunch',
  description: 'New booking flow with stay extensions offered at checkout.',
  touchpoints: ['resort.booking-engine'],
  startedDaysAgo: 42,
  cost: 12_000,
  uplift: 1.25,
};

export interface DemoSchedule {
  kind: 'audit' | 'risk' | 'kpi-watch' | 'roi';
  cron: string;
}

// What runs by itself in the demo (workspace time zone): the KPI watch hourly, each journey's audit
// and risk assessment every morning, the initiative's ROI every Monday. Per journey for audit and risk.
export const DEMO_SCHEDULES: DemoSchedule[] = [
  { kind: 'kpi-watch', cron: '0 * * * *' },
  { kind: 'audit', cron: '0 6 * * *' },
  { kind: 'risk', cron: '30 6 * * *' },
  { kind: 'roi', cron: '0 7 * * 1' },
];
