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
  const { viewer } = await parent();
  if (viewer.role === 'PARTNER') redirect(303, '/integrations');
  const token = locals.token;
  const filters = parseFilters(url.searchParams, Date.now());
  const current = windowOf(filters);
  const previous = previousWindow(current);
  const journeys = await settle(request(token, JOURNEYS).then((d) => d.journeys));
  const journeyId = filters.journeyId ?? (journeys.ok ? journeys.data[0]?.id : undefined) ?? null;
  const scope: KpiScope = {};
  if (filters.journeyId) scope.journeyId = filters.journeyId;
  if (filters.channel) scope.channel = filters.channel;

  const journey = journeyId ? request(token, JOURNEY, { id: journeyId }).then((d) => d.journey) : Promise.resolve(null);
  const heatMap = journey.then(async (j) => {
    if (!j) return null;
    const { heatmap } = await request(token, HEATMAP, { journeyId: j.id, window: current, metric: 'CSAT' });
    return heatMapOf(j, 'CSAT', heatmap);
  });

  const channels = await settle(journey.then((j) => (j ? channelsOf(j) : [])));

  return {
    filters,
    channels,
    journeys,
    journeyId,
    // Streamed: each panel shows its own loading, empty or error state.
    tiles: TILE_METRICS.map((metric) => ({
      metric,
      result: settle(request(token, tileOperation(metric), { scope, current, previous, bucket: bucketFor(current) }).then((kpis) => ({ metric, ...kpis }))),
    })),
    funnel: settle(journeyId ? request(token, FUNNEL, { journeyId, window: current }).then((d) => d.funnel) : Promise.resolve([])),
    heatMap: settle(heatMap),
    alerts: settle(request(token, ALERTS, { status: 'OPEN' }).then((d) => d.alerts)),
    latestAudit: settle(request(token, AUDITS, { first: 1 }).then((d) => d.audits.nodes[0] ?? null)),
  };
};
