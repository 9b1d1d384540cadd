/**
 * Picks the seeded OAuth client that can make a client-authenticated request: the one the form
 * names in `client_id` if any, else one registered for the grant the request uses (the form's
 * `grant_type`, or the device grant for the device authorization endpoint), confidential when
 * possible.
 */
import { deviceCodeGrantType } from '@site/mock-server/core/oauth/grant-types';

import type { Credential } from './credentials';
import type { ConsoleOperation } from './operation';
import { type SandboxState, seededCredentials } from './seeded';

export function suitableClient(state: SandboxState, server: string, operation: ConsoleOperation, form: { grantType?: string; clientId?: string }): Credential {
  const grant = operation.entry.operationId === 'requestDeviceAuthorization' ? deviceCodeGrantType : form.grantType;
  const clients = [...state.clients].sort((a, b) => Number(a.client_secret === null) - Number(b.client_secret === null));
  const client =
    clients.find((candidate) => candidate.client_id === form.clientId) ??
    clients.find((candidate) => grant === undefined || (candidate.grant_types as string[]).includes(grant)) ??
    clients[0];
  const credential = client && seededCredentials(state, server).find((candidate) => candidate.username === client.client_id);
  if (!credential) throw new Error('The sandbox has no OAuth client.');
  return credential;
}
