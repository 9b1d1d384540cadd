/**
 * The seeded identities a reader can use with one click, as the server itself publishes them
 * (`GET /sandbox`), so the console never carries a copy of the seed that could drift. Also mints
 * a personal access token with exactly the scope an operation needs.
 */
import type { components } from '@site/mock-server/http/types';

import type { Credential } from './credentials';

export type SandboxState = components['schemas']['SandboxState'];

async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      const body = JSON.parse(text) as { message?: string; error_description?: string };
      message = body.message ?? body.error_description ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${response.status}: ${message}`);
  }
  return JSON.parse(text) as T;
}

export async function fetchSandboxState(baseUrl: string): Promise<SandboxState> {
  return json<SandboxState>(await fetch(`${baseUrl}/sandbox`, { cache: 'no-store' }));
}

export async function resetSandbox(baseUrl: string): Promise<SandboxState> {
  return json<SandboxState>(await fetch(`${baseUrl}/sandbox/reset`, { method: 'POST' }));
}

/** Every seeded credential, ready to pick. */
export function seededCredentials(state: SandboxState, server: string): Credential[] {
  const userName = (id: string) => state.users.find((user) => user.id === id)?.name ?? id;
  return [
    ...state.tokens.map((token) => ({
      id: `seed:${token.id}`,
      kind: 'bearer' as const,
      label: `${token.label} (${userName(token.user_id)}'s personal access token)`,
      server,
      secret: token.token,
      scopes: [...token.scopes],
    })),
    ...state.api_keys.map((key) => ({
      id: `seed:${key.id}`,
      kind: 'bearer' as const,
      label: `${key.name} (API key)`,
      server,
      secret: key.secret,
      scopes: [...key.scopes],
    })),
    ...state.clients.map((client) => ({
      id: `seed:${client.client_id}`,
      kind: client.client_secret === null ? ('public-client' as const) : ('client' as const),
      label: `${client.name} (${client.type} OAuth client ${client.client_id})`,
      server,
      secret: client.client_secret ?? '',
      username: client.client_id,
      scopes: [...client.allowed_scopes],
    })),
    ...state.users.map((user) => ({
      id: `seed:${user.id}`,
      kind: 'password' as const,
      label: `${user.name}'s email and password (${user.role})`,
      server,
      secret: user.password,
      username: user.email,
      scopes: null,
    })),
  ];
}

/**
 * Creates a personal access token for a seeded admin with exactly the given scopes, signing in
 * with the admin's password (the API accepts HTTP Basic for this one operation).
 */
export async function mintPersonalAccessToken(baseUrl: string, state: SandboxState, scopes: string[]): Promise<Credential> {
  const admin = state.users.find((user) => user.role === 'admin');
  if (!admin) throw new Error('The sandbox has no admin to create a token for.');
  const created = await json<components['schemas']['PersonalAccessTokenWithSecret']>(
    await fetch(`${baseUrl}/v1/tokens`, {
      method: 'POST',
      headers: { Authorization: `Basic ${btoa(`${admin.email}:${admin.password}`)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: `Try-it console: ${scopes.join(' ')}`, lifetime_days: 1, scopes }),
    }),
  );
  return {
    id: `pat:${created.id}`,
    kind: 'bearer',
    label: `${admin.name}'s token for ${scopes.join(', ')}`,
    server: baseUrl,
    secret: created.token,
    scopes: [...created.scopes],
    expiresAt: created.expires_at ? Date.parse(created.expires_at) : undefined,
  };
}
