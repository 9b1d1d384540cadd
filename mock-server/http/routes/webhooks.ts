import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { Webhook, WebhookDelivery } from '../../core/model';
import * as webhooks from '../../core/webhooks';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

type WebhookView = components['schemas']['Webhook'];
type WebhookDeliveryView = components['schemas']['WebhookDelivery'];
type EventType = components['schemas']['WebhookEventType'];

/** A webhook as list and get show it: the signing secret only as its last four characters. */
function webhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    url: webhook.url,
    // The core stores only event types it checked against the spec.
    events: webhook.events as EventType[],
    secret_last_four: webhook.signingSecret.slice(-4),
    created_by: webhook.createdBy,
    created_at: isoTime(webhook.createdAt),
  };
}

/** A delivery exactly as recorded: the signed payload string and its signature header value. */
function deliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return {
    id: delivery.id,
    webhook_id: delivery.webhookId,
    event_id: delivery.eventId,
    event_type: delivery.eventType as EventType,
    payload: delivery.body,
    signature: delivery.signature,
    // The sandbox never opens a connection to the endpoint; every delivery is simulated.
    status: 'simulated',
    attempted_at: isoTime(delivery.attemptedAt),
  };
}

/** The operations of the spec tag "Webhooks". */
export function registerWebhookRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listWebhooks', function listWebhooks({ c, principal, query, json }) {
    const page = webhooks.listWebhooks(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, webhookView));
  });

  defineOperation(app, 'createWebhook', function createWebhook({ c, principal, body, json }) {
    const { webhook, secret } = webhooks.createWebhook(c.get('sandbox'), principal, { url: body.url, events: body.events });
    return json(201, { ...webhookView(webhook), secret });
  });

  defineOperation(app, 'getWebhook', function getWebhook({ c, principal, params, json }) {
    return json(200, webhookView(webhooks.getWebhook(c.get('sandbox'), principal.org.id, params.webhookId ?? '')));
  });

  defineOperation(app, 'deleteWebhook', function deleteWebhook({ c, principal, params }) {
    webhooks.deleteWebhook(c.get('sandbox'), principal.org.id, params.webhookId ?? '');
    return c.body(null, 204);
  });

  defineOperation(app, 'sendTestWebhookEvent', async function sendTestWebhookEvent({ c, principal, params, json }) {
    const delivery = await webhooks.sendTestEvent(c.get('sandbox'), principal.org.id, params.webhookId ?? '');
    return json(202, deliveryView(delivery));
  });

  defineOperation(app, 'listWebhookDeliveries', function listWebhookDeliveries({ c, principal, params, query, json }) {
    const page = webhooks.listDeliveries(c.get('sandbox'), principal.org.id, params.webhookId ?? '', query);
    return json(200, listBody(page, deliveryView));
  });
}
