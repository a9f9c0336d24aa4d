import { error, fail, redirect } from '@sveltejs/kit';
import { parseFilters, windowOf } from '$lib/filters/filters.js';
import { ADD_TOUCHPOINT, DELETE_JOURNEY, DELETE_TOUCHPOINT, UPDATE_JOURNEY, UPDATE_TOUCHPOINT } from '$lib/graphql/mutations.js';
import { ALERTS, JOURNEY } from '$lib/graphql/queries.js';
import { settle } from '$lib/graphql/result.js';
import type { TouchpointMode, TouchpointType } from '$lib/graphql/types.js';
import { emotionDocument, emotionOf, emotionVariables } from '$lib/journeys/emotion.js';
import { neighbourPosition, sortedStages } from '$lib/journeys/lanes.js';
import { editedStages, parseStageEdit, stagePatch, stageRows } from '$lib/journeys/stage-list.js';
import { field, mutate } from '$lib/server/actions.js';
import { ApiError, request, requestRaw } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const token = locals.token;
  const found = await request(token, JOURNEY, { id: params.id }).catch((cause: unknown) => {
    if (cause instanceof ApiError && cause.code === 'NOT_FOUND') return { journey: null };
    throw cause;
  });
  if (!found.journey) error(404, 'This journey does not exist in your workspace.');
  const journey = sortedStages(found.journey);
  const window = windowOf(parseFilters(url.searchParams, Date.now()));
  const built = emotionDocument(journey);
  return {
    journey,
    emotion: settle(requestRaw(token, built.document, emotionVariables(window, built)).then((d) => emotionOf(journey, d))),
    openAlerts: settle(request(token, ALERTS, { status: 'OPEN' }).then((d) => d.alerts)),
  };
};

const TYPES: TouchpointType[] = ['CONTACT', 'INTERACTION', 'EXPERIENCE'];
const MODES: TouchpointMode[] = ['ONLINE', 'OFFLINE'];

const strings = (form: FormData, name: string): string[] => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));

export const actions: Actions = {
  // Name, description and the stage list in one form; the button pressed may move or remove a row.
  details: async ({ request: req, locals, params }) => {
    const form = await req.formData();
    const edit = parseStageEdit(field(form, 'edit'));
    const stages = editedStages(stageRows(strings(form, 'stageId'), strings(form, 'stageName')), edit, field(form, 'newStage'));
    const name = field(form, 'name');
    if (!name) return fail(400, { error: 'The journey needs a name.' });
    if (stages.some((stage) => !stage.name)) return fail(400, { error: 'Every stage needs a name.' });
    const input = { name, description: field(form, 'description') || null, stages: stagePatch(stages) };
    const result = await mutate(locals.token, UPDATE_JOURNEY, { id: params.id, input });
    if (!result.ok) return result.failure;
    return { message: edit.kind === 'remove' ? 'Stage removed.' : edit.kind === 'save' ? 'Journey saved.' : 'Stages reordered.' };
  },
  add: async ({ request: req, locals }) => {
    const form = await req.formData();
    const type = TYPES.find((t) => t === field(form, 'type'));
    const mode = MODES.find((m) => m === field(form, 'mode'));
    const [stageId, name, key, channel] = ['stageId', 'name', 'key', 'channel'].map((n) => field(form, n));
    if (!stageId || !name || !key || !channel || !type || !mode) return fail(400, { error: 'Name, key, channel, type and mode are all needed.' });
    const ownerTeam = field(form, 'ownerTeam');
    const result = await mutate(locals.token, ADD_TOUCHPOINT, { stageId, input: { name, key, channel, type, mode, ...(ownerTeam ? { ownerTeam } : {}) } });
    return result.ok ? { message: `Added ${name}.` } : result.failure;
  },
  // Its events go with it, so the name is typed to confirm; the API refuses while an initiative or
  // a running audit depends on it.
  deleteJourney: async ({ request: req, locals, params }) => {
    const { journey } = await request(locals.token, JOURNEY, { id: params.id });
    if (!journey) error(404, 'This journey does not exist in your workspace.');
    if (field(await req.formData(), 'confirm') !== journey.name.trim()) {
      return fail(400, { error: `Type the journey's name, "${journey.name}", to delete it.` });
    }
    const result = await mutate(locals.token, DELETE_JOURNEY, { id: journey.id });
    if (!result.ok) return result.failure;
    redirect(303, `/journeys?deleted=${encodeURIComponent(journey.name)}`);
  },
  deleteTouchpoint: async ({ request: req, locals }) => {
    const id = field(await req.formData(), 'id');
    if (!id) return fail(400, { error: 'Choose a touchpoint to delete.' });
    const result = await mutate(locals.token, DELETE_TOUCHPOINT, { id });
    return result.ok ? { message: 'Touchpoint deleted.' } : result.failure;
  },
  move: async ({ request: req, locals, params }) => {
    const form = await req.formData();
    const id = field(form, 'id');
    const direction = field(form, 'direction');
    if (direction === 'stage') {
      const result = await mutate(locals.token, UPDATE_TOUCHPOINT, { id, input: { stageId: field(form, 'stageId') } });
      return result.ok ? { message: 'Moved.' } : result.failure;
    }
    if (direction !== 'up' && direction !== 'down') return fail(400, { error: 'Choose up, down or a stage.' });
    // Swap with the neighbour in the same lane: take its position within the stage (0-based).
    const { journey } = await request(locals.token, JOURNEY, { id: params.id });
    if (!journey?.stages.some((s) => s.touchpoints.some((t) => t.id === id))) return fail(404, { error: 'That touchpoint is no longer on this journey.' });
    const position = neighbourPosition(journey, id, direction);
    if (position === null) return fail(400, { error: 'It is already at the edge of its lane in this stage.' });
    const result = await mutate(locals.token, UPDATE_TOUCHPOINT, { id, input: { position } });
    return result.ok ? { message: 'Reordered.' } : result.failure;
  },
};
