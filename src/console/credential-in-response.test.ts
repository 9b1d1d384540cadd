/**
 * A credential the server hands out is offered to the reader: the token endpoint's access token,
 * a new API key's secret, a new personal access token. Bodies are the spec's own examples.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { loadSpec, resolveRef } from '../../openapi/lib/spec';
import { credentialInResponse } from './credential-in-response';

const spec = loadSpec<object>();

/** The value at a path of the bundled spec, following local `$ref`s on the way. */
function specAt(...path: string[]): unknown {
  const found = path.reduce<unknown>((node, key) => {
    const here = resolveRef<unknown>(spec, node);
    return typeof here === 'object' && here !== null ? resolveRef<unknown>(spec, (here as Record<string, unknown>)[key]) : undefined;
  }, spec);
  if (found === undefined) throw new Error(`the bundled spec has nothing at ${path.join(' › ')}`);
  return found;
}

const responseBody = (path: string, status: string, example?: string): string => {
  const media = ['paths', path, 'post', 'responses', status, 'content', 'application/json'];
  return JSON.stringify(example === undefined ? specAt(...media, 'example') : specAt(...media, 'examples', example, 'value'));
};

const server = 'https://sandbox.datastack.test';
const now = Date.parse('2025-06-02T09:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('credentialInResponse', () => {
  it('offers a token endpoint answer as a bearer credential with its scopes, refresh token and client', () => {
    expect(credentialInResponse(responseBody('/oauth2/token', '200', 'withRefreshToken'), server, 'cli_desktop')).toEqual({
      id: expect.stringMatching(/^issued:/),
      kind: 'bearer',
      label: 'Access token ending …qMam',
      server,
      secret: 'dsa_cb-fuxkHE2Bm-hWUVpL5iGSfs2NC1y2PRg2VqHOqMam',
      scopes: ['read:profile', 'read:clusters', 'offline_access'],
      refreshToken: 'dsr_v1Zgut-zje2zzrAxYcn_6afk5kh5vbS3u25Bo5Mm6Au',
      clientId: 'cli_desktop',
      expiresAt: now + 3600 * 1000,
    });
  });

  it('gives the same access token the same id, and another token another', () => {
    const body = responseBody('/oauth2/token', '200', 'withRefreshToken');
    const other = responseBody('/oauth2/token', '200', 'clientCredentials');
    expect(credentialInResponse(body, server)?.id).toBe(credentialInResponse(body, server)?.id);
    expect(credentialInResponse(body, server)?.id).not.toBe(credentialInResponse(other, server)?.id);
  });

  it('offers an access token without a refresh token as one without', () => {
    const issued = credentialInResponse(responseBody('/oauth2/token', '200', 'clientCredentials'), server, 'cli_reporting');
    expect(issued?.scopes).toEqual(['read:clusters', 'read:workspaces']);
    expect(issued?.refreshToken).toBeUndefined();
  });

  it('leaves the scopes unknown when the token endpoint does not name them', () => {
    expect(credentialInResponse(JSON.stringify({ access_token: 'dsa_abc', token_type: 'Bearer' }), server)?.scopes).toBeNull();
  });

  it('offers a new API key by its name, labelled as an API key', () => {
    expect(credentialInResponse(responseBody('/v1/api-keys', '201'), server)).toEqual({
      id: 'issued:key_tVg7avAZwl1ldf',
      kind: 'bearer',
      label: 'Billing export (API key you created)',
      server,
      secret: 'sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0',
      scopes: ['read:clusters'],
      expiresAt: Date.parse('2025-12-31T23:59:59Z'),
    });
  });

  it('offers a new personal access token by its label', () => {
    expect(credentialInResponse(responseBody('/v1/tokens', '201'), server)).toEqual({
      id: 'issued:tok_ShVPy12WvcYe9C',
      kind: 'bearer',
      label: 'Nightly export job (personal access token you created)',
      server,
      secret: 'dsp_98723bc000739a83327065bf197fe413424d1db726645e3c1b404b9fae99fbdf',
      scopes: ['read:clusters', 'read:workspaces'],
      expiresAt: Date.parse('2025-07-02T09:00:00Z'),
    });
  });

  it('offers a rotated API key’s new secret', () => {
    expect(credentialInResponse(responseBody('/v1/api-keys/{keyId}/rotate', '200'), server)?.secret).toBe('sk_test_0Lr0l9lYpx0WuDDdbbeKbnJqqwd4b44I');
  });

  it.each([
    ['a body that is not JSON', '<html>Created</html>'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON string', '"sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0"'],
    ['an array of keys', JSON.stringify([{ id: 'key_ingest', secret: 'sk_test_u5zBF2fHIhbqCC02BDdLQqw13hoMrvk0' }])],
    ['a key without its secret', JSON.stringify({ id: 'key_ingest', name: 'Nightly ingest', scopes: ['read:clusters'] })],
    ['an empty secret', JSON.stringify({ id: 'key_ingest', secret: '' })],
    ['an OAuth error', JSON.stringify({ error: 'invalid_grant', error_description: 'The code expired.' })],
  ])('offers nothing for %s', (_case, body) => {
    expect(credentialInResponse(body, server)).toBeUndefined();
  });
});
