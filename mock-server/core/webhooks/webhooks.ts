/**
 * An organization's webhook endpoints and the log of signed deliveries made to them. The sandbox
 * never opens a network connection (in the browser or in Node): each delivery is signed exactly
 * as a real one would be and recorded as `simulated`, so a reader can check a verifier against it.
 */
import { actingUserId, type Principal } from '../credentials/authenticate';
import { ApiError, capReached, quote } from '../errors';
import type { Webhook, WebhookDelivery } from '../model';
import { appendCapped, newestInSequence } from '../history';
import { pageInOrg } from '../org-rows';
import { type Page, type PageRequest, newestFirst, paginate } from '../paginate';
import { randomId, randomToken } from '../random';
import type { Sandbox } from '../sandbox';
import { type Store, storeCaps } from '../store';
import {
  type EmittedEventType,
  type WebhookEvent,
  type WebhookEventData,
  type WebhookEventType,
  isWebhookEventType,
  serializeEvent,
  testEventMessage,
  webhookEventTypes,
} from './events';
import { signPayload } from './signing';

/** The spec's bound on `url`. */
export const maxUrlLength = 2048;

/** The spec's bound on `events`. */
export const maxEventsPerWebhook = 5;

/** What to register: the spec's request body. */
export interface WebhookRegistration {
  url: string;
  events: readonly string[];
}

/** A webhook just created, with its signing secret to show exactly once. */
export interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

/**
 * Checks an endpoint URL: `https://`, absolute, bounded, no credentials in it. The URL is stored
 * as given, so anything the URL parser would silently repair (spaces, control characters) is
 * refused rather than normalised. Messages never quote the URL: it could hold a secret.
 * @throws ApiError `invalid_request` (details.field: url)
 */
export function checkWebhookUrl(url: string): void {
  const refuse = (why: string): ApiError => new ApiError('invalid_request', `url ${why}.`, { field: 'url' });
  if (url.length > maxUrlLength) throw refuse(`must be at most ${maxUrlLength} characters`);
  // eslint-disable-next-line no-control-regex
  if (!url.startsWith('https://') || /[\s\u0000-\u001f\u007f]/.test(url)) {
    throw refuse('must be an https:// URL (events are never sent over plain HTTP)');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('is not a valid absolute URL');
  }
  if (parsed.hostname === '') throw refuse('needs a host name');
  // A password in the URL would be shown to everyone who can list webhooks; the signature is
  // what authenticates a delivery.
  if (parsed.username !== '' || parsed.password !== '') throw refuse('must not contain credentials (user:password@)');
}

/**
 * Checks the event types an endpoint subscribes to: one to five distinct types of the spec.
 * @throws ApiError `invalid_request` naming the field at fault
 */
export function checkEventTypes(events: readonly string[]): WebhookEventType[] {
  if (events.length === 0) throw new ApiError('invalid_request', 'events needs at least one event type.', { field: 'events' });
  if (events.length > maxEventsPerWebhook) {
    throw new ApiError('invalid_request', `events takes at most ${maxEventsPerWebhook} event types.`, { field: 'events' });
  }
  const checked: WebhookEventType[] = [];
  events.forEach((type, i) => {
    if (!isWebhookEventType(type)) {
      throw new ApiError('invalid_request', `events[${i}] must be one of: ${webhookEventTypes.join(', ')}.`, { field: `events[${i}]` });
    }
    if (checked.includes(type)) throw new ApiError('invalid_request', `events lists ${type} twice.`, { field: `events[${i}]` });
    checked.push(type);
  });
  return checked;
}

/**
 * Registers an endpoint for the caller's organization, created by the user the caller acts for,
 * with a new `whsec_` signing secret.
 * @throws ApiError `invalid_request` for a bad URL or event list; `conflict` when the
 *   organization already has `storeCaps.webhooksPerOrg` endpoints; `forbidden` when the caller
 *   acts for no user (see {@link actingUserId})
 */
export function createWebhook(sandbox: Sandbox, principal: Principal, registration: WebhookRegistration): CreatedWebhook {
  const { store } = sandbox;
  const orgId = principal.org.id;
  const createdBy = actingUserId(sandbox, principal);
  checkWebhookUrl(registration.url);
  const events = checkEventTypes(registration.events);
  if (store.webhooks.count((webhook) => webhook.orgId === orgId) >= storeCaps.webhooksPerOrg) {
    throw capReached(
      storeCaps.webhooksPerOrg,
      `The organization already has ${storeCaps.webhooksPerOrg} webhooks, the most the sandbox keeps; delete one first.`,
    );
  }

  const secret = `whsec_${randomToken()}`;
  const webhook: Webhook = {
    id: randomId('wh'),
    orgId,
    url: registration.url,
    events,
    // Kept as issued, not hashed like other secrets: an HMAC key must stay usable to sign every
    // future delivery. Only `secret_last_four` of it is ever shown after this response.
    signingSecret: secret,
    createdBy,
    createdAt: sandbox.clock.now(),
  };
  store.webhooks.put(webhook);
  return { webhook, secret };
}

/**
 * The organization's endpoints, newest first, one page at a time.
 * @throws ApiError `invalid_request` (details.field: cursor) for a cursor this list never returned
 */
export function listWebhooks(sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<Webhook> {
  return pageInOrg(sandbox.store.webhooks, orgId, newestFirst, request);
}

/**
 * One endpoint of the organization. Another organization's endpoint is "not found" too, so ids
 * reveal nothing across organizations.
 * @throws ApiError `not_found`
 */
export function getWebhook(sandbox: Sandbox, orgId: string, webhookId: string): Webhook {
  const webhook = sandbox.store.webhooks.get(webhookId);
  if (!webhook || webhook.orgId !== orgId) {
    throw new ApiError('not_found', `There is no webhook ${quote(webhookId)} in this organization.`);
  }
  return webhook;
}

/**
 * Deletes an endpoint and its delivery log.
 * @throws ApiError `not_found`
 */
export function deleteWebhook(sandbox: Sandbox, orgId: string, webhookId: string): void {
  const webhook = getWebhook(sandbox, orgId, webhookId);
  const { store } = sandbox;
  for (const delivery of store.deliveries.filter((row) => row.webhookId === webhook.id)) store.deliveries.delete(delivery.id);
  store.webhooks.delete(webhook.id);
}

/** Newest first: by attempt time, then by sequence within one millisecond. */
const deliveryOrder = (delivery: WebhookDelivery): string => newestInSequence(delivery.attemptedAt, delivery.sequence, delivery.id);

/**
 * The deliveries recorded for one endpoint, newest first, one page at a time.
 * @throws ApiError `not_found` for an endpoint not in the organization; `invalid_request`
 *   (details.field: cursor) for a cursor this list never returned
 */
export function listDeliveries(sandbox: Sandbox, orgId: string, webhookId: string, request: PageRequest = {}): Page<WebhookDelivery> {
  const webhook = getWebhook(sandbox, orgId, webhookId);
  return paginate(
    sandbox.store.deliveries.filter((delivery) => delivery.webhookId === webhook.id),
    deliveryOrder,
    request,
  );
}

/** Records one signed delivery and drops the endpoint's oldest beyond the cap. */
function record(store: Store, webhook: Webhook, event: WebhookEvent, body: string, signature: string): WebhookDelivery {
  const previous = store.deliveries.filter((delivery) => delivery.webhookId === webhook.id);
  return appendCapped(store.deliveries, previous, storeCaps.deliveriesPerWebhook, (sequence) => ({
    id: randomId('dlv'),
    webhookId: webhook.id,
    eventId: event.id,
    eventType: event.type,
    body,
    signature,
    attemptedAt: event.createdAt,
    sequence,
  }));
}

/**
 * Serializes one event, signs the same bytes for each endpoint, then records the deliveries.
 * Signing is asynchronous, so the writes come after every signature is ready, and an endpoint
 * deleted meanwhile (or a sandbox reset meanwhile) gets no delivery.
 */
async function deliver(sandbox: Sandbox, webhooks: readonly Webhook[], event: WebhookEvent): Promise<WebhookDelivery[]> {
  const body = serializeEvent(event);
  const timestamp = Math.floor(event.createdAt / 1000);
  const signed = await Promise.all(
    webhooks.map(async (webhook) => ({ webhook, signature: await signPayload(webhook.signingSecret, body, timestamp) })),
  );
  const { store } = sandbox;
  return signed
    .filter(({ webhook }) => store.webhooks.get(webhook.id) === webhook)
    .map(({ webhook, signature }) => record(store, webhook, event, body, signature));
}

/**
 * Signs a `webhook.test` event for one endpoint, whatever it subscribes to, and records the
 * delivery (status `simulated`: nothing is sent over the network).
 * @throws ApiError `not_found`
 */
export async function sendTestEvent(sandbox: Sandbox, orgId: string, webhookId: string): Promise<WebhookDelivery> {
  const webhook = getWebhook(sandbox, orgId, webhookId);
  const event: WebhookEvent<'webhook.test'> = {
    id: randomId('evt'),
    type: 'webhook.test',
    orgId,
    createdAt: sandbox.clock.now(),
    data: { webhook_id: webhook.id, message: testEventMessage },
  };
  const [delivery] = await deliver(sandbox, [webhook], event);
  // Only when the endpoint was deleted while the event was being signed.
  if (!delivery) throw new ApiError('not_found', `There is no webhook ${quote(webhookId)} in this organization.`);
  return delivery;
}

/** What another feature reports once its change is made. */
export interface EmittedEvent<T extends EmittedEventType> {
  orgId: string;
  type: T;
  data: WebhookEventData[T];
}

/**
 * Records one signed delivery of an event to every endpoint of the organization subscribed to
 * its type (one event id, the same body for each, each signed with its endpoint's secret). Call
 * it after the change the event reports has been made. It never refuses: an organization with
 * no subscribed endpoint simply gets no delivery.
 *
 * @returns the deliveries recorded, in the order the endpoints were created
 */
export async function emitEvent<T extends EmittedEventType>(sandbox: Sandbox, emitted: EmittedEvent<T>): Promise<WebhookDelivery[]> {
  const subscribed = sandbox.store.webhooks.filter((webhook) => webhook.orgId === emitted.orgId && webhook.events.includes(emitted.type));
  if (subscribed.length === 0) return [];
  const event: WebhookEvent<T> = {
    id: randomId('evt'),
    type: emitted.type,
    orgId: emitted.orgId,
    createdAt: sandbox.clock.now(),
    data: emitted.data,
  };
  return deliver(sandbox, subscribed, event as WebhookEvent);
}
