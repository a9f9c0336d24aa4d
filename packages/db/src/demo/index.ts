export type { DemoJourney, DemoTouchpoint } from './catalog.js';
export { DEMO_JOURNEYS, DEMO_STAGES } from './catalog.js';
export type { DemoWorkspace, SeedDemoOptions } from './seed.js';
export { CUSTOMERS_PER_SCALE, seedDemoWorkspace } from './seed.js';
