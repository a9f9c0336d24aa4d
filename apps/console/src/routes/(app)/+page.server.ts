import { redirect } from '@sveltejs/kit';
import { TILE_METRICS, tileOperation } from '$lib/dashboard/kpi-batch.js';
import { channelsOf, HEATMAP, heatMapOf } from '$lib/dashboard/heat-map-data.js';
import { bucketFor, parseFilters, previousWindow, windowOf } from '$lib/filters/filters.js';
import { settle } from '$lib/graphql/result.js';
import { ALERTS, AUDITS, FUNNEL, JOURNEY, JOURNEYS } from '$lib/graphql/queries.js';
import type { KpiScope } from '$lib/graphql/types.js';
import { request } from '$lib/server/api.js';
import type { PageServerLoad } from './$types.js';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
  const token = locals.token;
  const filters = parseFilters(url.searchParams, Date.now());
  const current = windowOf(filters);
  const previous = previousWindow(current);
  const scope: KpiScope = {};
  if (filters.journeyId) scope.journeyId = filters.journeyId;
  if (filters.channel) scope.channel = filters.channel;

  // Panels that need neither the role nor the journey start at once, so they run beside the
  // sign-in check and the journey lookups instead of after them (the load event waits for all).
  const tiles = TILE_METRICS.map((metric) => ({
    metric,
    result: settle(request(token, tileOperation(metric), { scope, current, previous, bucket: bucketFor(current) }).then((kpis) => ({ metric, ...kpis }))),
  }));
  const alerts = settle(request(token, ALERTS, { status: 'OPEN' }).then((d) => d.alerts));
  const latestAudit = settle(request(token, AUDITS, { first: 1 }).then((d) => d.audits.nodes[0] ?? null));
  const journeys = settle(request(token, JOURNEYS).then((d) => d.journeys));

  const { viewer } = await parent();
  if (viewer.role === 'PARTNER') redirect(303, '/integrations');
  const listed = await journeys;
  const journeyId = filters.journeyId ?? (listed.ok ? listed.data[0]?.id : undefined) ?? null;

  const journey = journeyId ? request(token, JOURNEY, { id: journeyId }).then((d) => d.journey) : Promise.resolve(null);
  const funnel = settle(journeyId ? request(token, FUNNEL, { journeyId, window: current }).then((d) => d.funnel) : Promise.resolve([]));
  const heatMap = journey.then(async (j) => {
    if (!j) return null;
    const { heatmap } = await request(token, HEATMAP, { journeyId: j.id, window: current, metric: 'CSAT' });
    return heatMapOf(j, 'CSAT', heatmap);
  });

  const channels = await settle(journey.then((j) => (j ? channelsOf(j) : [])));

  return {
    filters,
    channels,
    journeys: listed,
    journeyId,
    // Streamed: each panel shows its own loading, empty or error state.
    tiles,
    funnel,
    heatMap: settle(heatMap),
    alerts,
    latestAudit,
  };
};
