/**
 * The events DataStack posts to webhook endpoints, typed from the spec's `webhooks:` section, and
 * the one serializer that turns an event into the exact bytes that are signed and sent.
 */
import type { components } from '../../generated/openapi';
import { isoTime } from '../clock';

type Schemas = components['schemas'];

/** The `data` object of each event type, as the spec's event schemas define it. */
export interface WebhookEventData {
  'api_key.created': Schemas['ApiKeyCreatedEvent']['data'];
  'api_key.revoked': Schemas['ApiKeyRevokedEvent']['data'];
  'token.revoked': Schemas['TokenRevokedEvent']['data'];
  'member.removed': Schemas['MemberRemovedEvent']['data'];
  'webhook.test': Schemas['WebhookTestEvent']['data'];
}

export type WebhookEventType = Schemas['WebhookEventType'];

/** Events other features emit; `webhook.test` is only sent on demand, to one endpoint. */
export type EmittedEventType = Exclude<WebhookEventType, 'webhook.test'>;

/** Every event type of the spec, in the spec's order (what an endpoint may subscribe to). */
export const webhookEventTypes = [
  'api_key.created',
  'api_key.revoked',
  'token.revoked',
  'member.removed',
  'webhook.test',
] as const satisfies readonly WebhookEventType[];

// Fails to compile when the spec gains an event type this list lacks (`WebhookEventData[T]` below
// fails the same way for the data types).
const specEventsCovered: Record<Exclude<WebhookEventType, (typeof webhookEventTypes)[number]>, never> = {};
void specEventsCovered;

/** Whether `value` is an event type of the spec. */
export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (webhookEventTypes as readonly string[]).includes(value);

/** The sentence every `webhook.test` event carries. */
export const testEventMessage = 'Test event sent from the DataStack API.';

/** One event, before it is serialized. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  orgId: string;
  /** Epoch ms; the wire shows whole seconds. */
  createdAt: number;
  data: WebhookEventData[T];
}

/**
 * The request body of an event, byte for byte: the fields in the order of the spec's event
 * schemas (`id`, `type`, `created_at`, `org_id`, `data`), compact JSON. This string is what gets
 * signed and recorded; it is never re-serialized afterwards.
 */
export function serializeEvent<T extends WebhookEventType>(event: WebhookEvent<T>): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: isoTime(event.createdAt),
    org_id: event.orgId,
    data: event.data,
  });
}
