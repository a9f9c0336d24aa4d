import { fail, type ActionFailure } from '@sveltejs/kit';
import { CREATE_NOTIFICATION_WEBHOOK, DELETE_NOTIFICATION_WEBHOOK, TEST_NOTIFICATION_WEBHOOK, UPDATE_NOTIFICATION_WEBHOOK } from '$lib/graphql/mutations.js';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_WEBHOOKS } from '$lib/graphql/queries.js';
import { settle, type Result } from '$lib/graphql/result.js';
import type { NotificationDelivery, NotificationWebhook } from '$lib/graphql/types.js';
import { readNewWebhook, readWebhookEdit } from '$lib/notifications/webhook-form.server.js';
import { field, mutate } from '$lib/server/actions.js';
import { request } from '$lib/server/api.js';
import type { Actions, PageServerLoad } from './$types.js';

// Rows of each webhook's "Recent deliveries" table.
const RECENT_DELIVERIES = 20;
const PAUSED = 'Paused: nothing is sent to it until you resume it; alerts go on opening and resolving as before.';
const RESUMED = 'Resumed: it gets the events it subscribes to again, from the next one on (missed ones are not sent).';

function deliveriesOf(token: string | undefined, webhook: NotificationWebhook): Promise<Result<NotificationDelivery[]>> {
  return settle(request(token, NOTIFICATION_DELIVERIES, { webhookId: webhook.id, first: RECENT_DELIVERIES }).then((d) => d.notificationDeliveries.nodes));
}

// By webhook id; each settled on its own, so one failing look-up blanks only that webhook's table.
async function recentDeliveries(token: string | undefined, webhooks: NotificationWebhook[]): Promise<Record<string, Result<NotificationDelivery[]>>> {
  const results = await Promise.all(webhooks.map((webhook) => deliveriesOf(token, webhook)));
  return Object.fromEntries(webhooks.map((webhook, i) => [webhook.id, results[i]!]));
}

export const load: PageServerLoad = ({ locals }) => {
  const webhooks = request(locals.token, NOTIFICATION_WEBHOOKS).then((d) => d.notificationWebhooks);
  return {
    webhooks: settle(webhooks),
    deliveries: settle(webhooks.then((list) => recentDeliveries(locals.token, list))),
  };
};

// A refusal shown on the card of the webhook it was for; `editing` keeps its edit form open beside the values tried.
function refusedFor(webhookId: string, failure: ActionFailure<{ error: string }>, editing = false) {
  return fail(failure.status, { webhookId, error: failure.data.error, editing });
}

// Shown at the top: there is no card to show it on. The null also keeps its type apart from a card's
// refusal, which TypeScript would otherwise fold into this one in the page's ActionData.
function unknownWebhook() {
  return fail(400, { error: 'Which webhook? Reload the page and try again.', webhookId: null });
}

export const actions: Actions = {
  create: async ({ request: req, locals }) => {
    const read = readNewWebhook(await req.formData());
    if (!read.ok) return fail(400, { addError: read.error });
    const result = await mutate(locals.token, CREATE_NOTIFICATION_WEBHOOK, { input: read.values });
    if (!result.ok) return fail(result.failure.status, { addError: result.failure.data.error });
    // The signing secret is in this answer only; the console does not keep it.
    return { created: result.data.createNotificationWebhook };
  },
  update: async ({ request: req, locals }) => {
    const form = await req.formData();
    const id = field(form, 'id');
    if (!id) return unknownWebhook();
    const read = readWebhookEdit(form);
    if (!read.ok) return fail(400, { webhookId: id, error: read.error, editing: true });
    const result = await mutate(locals.token, UPDATE_NOTIFICATION_WEBHOOK, { id, input: read.values });
    if (!result.ok) return refusedFor(id, result.failure, true);
    return { webhookId: id, message: `Saved ${result.data.updateNotificationWebhook.name}.` };
  },
  // Pause/Resume: the hidden field holds the state the button asks for.
  toggle: async ({ request: req, locals }) => {
    const form = await req.formData();
    const id = field(form, 'id');
    if (!id) return unknownWebhook();
    const enabled = field(form, 'enabled') === 'true';
    const result = await mutate(locals.token, UPDATE_NOTIFICATION_WEBHOOK, { id, input: { enabled } });
    if (!result.ok) return refusedFor(id, result.failure);
    return { webhookId: id, message: result.data.updateNotificationWebhook.enabled ? RESUMED : PAUSED };
  },
  // The API sends it at once and answers with the outcome (up to 10 s).
  test: async ({ request: req, locals }) => {
    const id = field(await req.formData(), 'id');
    if (!id) return unknownWebhook();
    const result = await mutate(locals.token, TEST_NOTIFICATION_WEBHOOK, { id });
    return result.ok ? { webhookId: id, tested: result.data.testNotificationWebhook } : refusedFor(id, result.failure);
  },
  delete: async ({ request: req, locals }) => {
    const form = await req.formData();
    const id = field(form, 'id');
    if (!id) return unknownWebhook();
    const result = await mutate(locals.token, DELETE_NOTIFICATION_WEBHOOK, { id });
    return result.ok ? { deleted: field(form, 'name') || 'The webhook' } : refusedFor(id, result.failure);
  },
};
