import type { NotificationWebhookInput, NotificationWebhookPatch } from '$lib/graphql/mutations.js';
import type { NotificationEvent } from '$lib/graphql/types.js';
import { field } from '$lib/server/actions.js';
import { isNotificationEvent } from './webhooks.js';

export type Read<T> = { ok: true; values: T } | { ok: false; error: string };

const NO_EVENTS = 'Choose at least one event to send.';

// One checkbox per event, all named "events"; unchecked ones send nothing.
function eventsOf(form: FormData): NotificationEvent[] {
  return form.getAll('events').filter(isNotificationEvent);
}

// The "Add webhook" form. The API checks the URL's form and the name's length; this only catches blanks.
export function readNewWebhook(form: FormData): Read<NotificationWebhookInput> {
  const name = field(form, 'name');
  const url = field(form, 'url');
  const events = eventsOf(form);
  if (!name || !url) return { ok: false, error: 'Give the webhook a name and the URL to post to.' };
  if (events.length === 0) return { ok: false, error: NO_EVENTS };
  return { ok: true, values: { name, url, events } };
}

// A webhook's edit form: a blank URL keeps the stored one, which the console never sees.
export function readWebhookEdit(form: FormData): Read<NotificationWebhookPatch> {
  const name = field(form, 'name');
  const url = field(form, 'url');
  const events = eventsOf(form);
  if (!name) return { ok: false, error: 'Give the webhook a name.' };
  if (events.length === 0) return { ok: false, error: NO_EVENTS };
  return { ok: true, values: url ? { name, url, events } : { name, events } };
}
