/**
 * What the seeded audit webhook (`wh_auditFeed`, subscribed to every security event) received,
 * read through the API as a reader would: `GET /v1/webhooks/{webhookId}/deliveries`.
 */
import { expect } from 'vitest';

import { seeded, type TestSandbox } from './client';

export interface Delivery {
  event_type: string;
  payload: string;
  signature: string;
}

export interface AuditEvent {
  type: string;
  data: Record<string, unknown>;
}

/** The audit feed's deliveries, newest first. */
export async function auditDeliveries(call: TestSandbox['call']): Promise<Delivery[]> {
  const response = await call('GET', '/v1/webhooks/wh_auditFeed/deliveries?limit=100', { token: seeded.adaToken });
  expect(response.status).toBe(200);
  return response.body.data as Delivery[];
}

/** The events the audit feed received, newest first, parsed. */
export async function auditEvents(call: TestSandbox['call']): Promise<AuditEvent[]> {
  return (await auditDeliveries(call)).map((delivery) => JSON.parse(delivery.payload) as AuditEvent);
}
