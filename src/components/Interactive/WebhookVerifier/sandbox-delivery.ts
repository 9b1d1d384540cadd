/**
 * A real signed delivery from the in-browser sandbox, for the reader to verify: registers a
 * throwaway endpoint, sends it a test event, then deletes it again, so the sandbox is left as it
 * was (and never reaches its cap on endpoints). Loaded on demand; it starts the sandbox.
 */
import type { components } from '@site/mock-server/http/types';

import { sandboxJson, sandboxState } from '../shared/sandbox-api';
import type { Delivery } from './verify';

type Schemas = components['schemas'];

/** The endpoint exists only for the moment it takes to sign one event; the sandbox never calls it. */
const throwawayEndpoint = 'https://receiver.example/datastack/webhooks';

export async function sandboxTestDelivery(): Promise<Delivery> {
  const state = await sandboxState();
  const token = state.tokens.find((candidate) => candidate.scopes.includes('manage:webhooks'));
  if (!token) throw new Error('No seeded token of the sandbox may manage webhooks.');
  const authorization = `Bearer ${token.token}`;
  const webhook = await sandboxJson<Schemas['WebhookWithSecret']>('POST', '/v1/webhooks', authorization, {
    url: throwawayEndpoint,
    events: ['webhook.test'],
  });
  try {
    const delivery = await sandboxJson<Schemas['WebhookDelivery']>('POST', `/v1/webhooks/${webhook.id}/test`, authorization);
    return { payload: delivery.payload, header: delivery.signature, secret: webhook.secret };
  } finally {
    await sandboxJson<undefined>('DELETE', `/v1/webhooks/${webhook.id}`, authorization);
  }
}
