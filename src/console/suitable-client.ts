/**
 * Which seeded OAuth client the console uses for a request, chosen from what the server publishes
 * at `GET /sandbox`: so the components only call these and never pick a client themselves.
 */
import { deviceCodeGrantType } from '@site/mock-server/core/oauth/grant-types';

import type { Credential } from './credentials';
import type { ConsoleOperation } from './operation';
import { type SandboxState, seededCredentials } from './seeded';

/**
 * The seeded OAuth client that can make a client-authenticated request: the one the form names in
 * `client_id` if any, else one registered for the grant the request uses (the form's
 * `grant_type`, or the device grant for the device authorization endpoint), confidential when
 * possible.
 * @throws Error when the sandbox publishes no OAuth client
 */
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

/** A confidential client's id and secret, for the client credentials grant. */
export interface ConfidentialClient {
  clientId: string;
  clientSecret: string;
}

/**
 * The confidential client to run the client credentials grant with: the first allowed every
 * requested scope, else the first confidential one (the token endpoint then gives its own answer
 * about the scopes).
 * @throws Error when the sandbox publishes no confidential client
 */
export function confidentialClientFor(state: SandboxState, scopes: readonly string[]): ConfidentialClient {
  const client =
    state.clients.find((candidate) => candidate.client_secret !== null && scopes.every((scope) => (candidate.allowed_scopes as string[]).includes(scope))) ??
    state.clients.find((candidate) => candidate.client_secret !== null);
  if (!client?.client_secret) throw new Error('The sandbox has no confidential client.');
  return { clientId: client.client_id, clientSecret: client.client_secret };
}

/**
 * The id of the public client the user-facing flows (authorization code, device) run with.
 * @throws Error when the sandbox publishes no public client
 */
export function publicClientId(state: SandboxState): string {
  const client = state.clients.find((candidate) => candidate.client_secret === null);
  if (!client) throw new Error('The sandbox has no public client.');
  return client.client_id;
}
