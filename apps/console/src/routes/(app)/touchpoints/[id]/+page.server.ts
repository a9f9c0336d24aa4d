import { error } from '@sveltejs/kit';
import { TILE_METRICS, tileOperation } from '$lib/dashboard/kpi-batch.js';
import { bucketFor, parseFilters, previousWindow, windowOf } from '$lib/filters/filters.js';
import { TOUCHPOINT, TOUCHPOINT_EVENTS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { request } from '$lib/server/api.js';
import type { PageServerLoad } from './$types.js';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const token = locals.token;
  const { touchpoint } = await request(token, TOUCHPOINT, { id: params.id });
  if (!touchpoint) error(404, 'This touchpoint does not exist in your workspace.');
  const filters = parseFilters(url.searchParams, Date.now());
  const current = windowOf(filters);
  return {
    touchpoint,
    filters,
    tiles: TILE_METRICS.map((metric) => ({
      metric,
      result: settle(request(token, tileOperation(metric), { scope: { touchpointId: touchpoint.id }, current, previous: previousWindow(current), bucket: bucketFor(current) }).then((kpis) => ({ metric, ...kpis }))),
    })),
    // The API pages events in the order they were received; a reader expects them by occurrence.
    events: settle(request(token, TOUCHPOINT_EVENTS, { touchpointId: touchpoint.id, first: 25 }).then((d) => [...d.events.nodes].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)))),
  };
};
