import { error, fail } from '@sveltejs/kit';
import { THRESHOLD_METRICS } from '$lib/alerts/thresholds.js';
import { TILE_METRICS, tileOperation } from '$lib/dashboard/kpi-batch.js';
import { bucketFor, parseFilters, previousWindow, windowOf } from '$lib/filters/filters.js';
import { DELETE_THRESHOLD, SET_THRESHOLD } from '$lib/graphql/mutations.js';
import { THRESHOLDS, TOUCHPOINT, TOUCHPOINT_EVENTS } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';


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
    thresholds: settle(request(token, THRESHOLDS, { touchpointId: touchpoint.id }).then((d) => d.thresholds)),
    events: settle(request(token, TOUCHPOINT_EVENTS, { touchpointId: touchpoint.id, first: 25 }).then((d) => [...d.events.nodes].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)))),
  };
};

// Numbers as the form sends them; an empty or unreadable one is refused here, its range by the API.
function numberField(form: FormData, name: string): number {
  return Number(field(form, name) || Number.NaN);
}

export const actions: Actions = {
  setThreshold: async ({ request: req, locals, params }) => {
    const form = await req.formData();
    const metric = THRESHOLD_METRICS.find((m) => m === field(form, 'metric'));
    const direction = field(form, 'direction') === 'ABOVE' ? 'ABOVE' : 'BELOW';
    const [value, windowDays, minSample] = [numberField(form, 'value'), numberField(form, 'windowDays'), numberField(form, 'minSample')];
    if (!metric || [value, windowDays, minSample].some((n) => !Number.isFinite(n))) {
      return fail(400, { thresholdError: 'Choose a KPI and give the value, the days and the minimum sample as numbers.' });
    }
    const result = await mutate(locals.token, SET_THRESHOLD, { input: { touchpointId: params.id, metric, direction, value, windowDays, minSample } });
    return result.ok ? { thresholdMessage: 'Threshold saved; the KPI watch checks it from its next run.' } : fail(result.failure.status, { thresholdError: result.failure.data.error });
  },
  deleteThreshold: async ({ request: req, locals }) => {
    const id = field(await req.formData(), 'id');
    if (!id) return fail(400, { thresholdError: 'Which threshold? Reload the page and try again.' });
    const result = await mutate(locals.token, DELETE_THRESHOLD, { id });
    return result.ok ? { thresholdMessage: 'Threshold removed.' } : fail(result.failure.status, { thresholdError: result.failure.data.error });
  },
};
