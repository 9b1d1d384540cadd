/**
 * Recognises a credential the server just handed out (a new API key's or token's secret, an OAuth
 * access token) so the reader can use it in every console with one click.
 */
import type { Credential } from './credentials';

interface Issued {
  id?: unknown;
  name?: unknown;
  label?: unknown;
  secret?: unknown;
  token?: unknown;
  access_token?: unknown;
  refresh_token?: unknown;
  scope?: unknown;
  scopes?: unknown;
  expires_at?: unknown;
  expires_in?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): string[] | null => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null);

export function credentialInResponse(body: string, server: string, clientId?: string): Credential | undefined {
  let issued: Issued;
  try {
    issued = JSON.parse(body) as Issued;
  } catch {
    return undefined;
  }
  if (typeof issued !== 'object' || issued === null) return undefined;
  const accessToken = text(issued.access_token);
  if (accessToken) {
    return {
      id: `issued:${accessToken.slice(-12)}`,
      kind: 'bearer',
      label: `Access token ending …${accessToken.slice(-4)}`,
      server,
      secret: accessToken,
      scopes: text(issued.scope)?.split(' ') ?? null,
      refreshToken: text(issued.refresh_token),
      clientId,
      expiresAt: typeof issued.expires_in === 'number' ? Date.now() + issued.expires_in * 1000 : undefined,
    };
  }
  const secret = text(issued.secret) ?? text(issued.token);
  if (!secret) return undefined;
  const name = text(issued.name) ?? text(issued.label) ?? text(issued.id) ?? 'New credential';
  return {
    id: `issued:${text(issued.id) ?? secret.slice(-12)}`,
    kind: 'bearer',
    label: `${name} (${issued.secret ? 'API key' : 'personal access token'} you created)`,
    server,
    secret,
    scopes: list(issued.scopes),
    expiresAt: text(issued.expires_at) ? Date.parse(String(issued.expires_at)) : undefined,
  };
}
