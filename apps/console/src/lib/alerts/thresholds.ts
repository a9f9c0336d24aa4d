import type { Metric } from '$lib/graphql/types.js';

// The KPIs a threshold can watch, in the order the form offers them (CSAT, the usual one, first).
export const THRESHOLD_METRICS: readonly Metric[] = ['CSAT', 'NPS', 'CES', 'SENTIMENT', 'VOLUME', 'REVENUE', 'CONVERSION_RATE'];
