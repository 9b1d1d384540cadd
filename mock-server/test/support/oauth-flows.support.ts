/**
 * Drives the sandbox's OAuth flows with oauth4webapi, a standards-strict client, the way an app
 * would: requests go into the app without ports through `customFetch`, and every response is
 * checked against the spec on the way back.
 */
import * as oauth from 'oauth4webapi';

import { type ApiResponse, type TestSandbox, testSandbox } from './client';
import { assertMatchesSpec, operationFor } from './contract';

export const issuer = new URL('https://sandbox.datastack.test');

/** A sandbox with oauth4webapi pointed at it, its metadata already discovered. */
export interface OAuthTestbed extends TestSandbox {
  as: oauth.AuthorizationServer;
  /** Options for every oauth4webapi request: routes `fetch` into the app. */
  options: { [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<'POST' | 'GET', URLSearchParams | undefined>) => Promise<Response> };
}

export async function oauthTestbed(): Promise<OAuthTestbed> {
  const testbed = await testSandbox();
  const options = {
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<'POST' | 'GET', URLSearchParams | undefined>) => {
      const response = await testbed.app.request(url, init as RequestInit, { clientAddress: '192.0.2.1' });
      const operation = operationFor(init.method ?? 'GET', new URL(url).pathname);
      if (!operation) throw new Error(`oauth4webapi called ${url}, which the spec does not describe`);
      assertMatchesSpec({ operationId: operation.operationId, status: response.status, headers: response.headers, text: await response.clone().text() });
      return response;
    },
  };
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...options, algorithm: 'oauth2' }));
  return { ...testbed, as, options };
}

/** The fields of the page's first form, as a browser would submit them (hidden fields included). */
export function formFields(html: string): Record<string, string> {
  const unescape = (value: string) => value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[unescape(match[1] ?? '')] = unescape(match[2] ?? '');
  return fields;
}

export interface AuthorizationAttempt {
  clientId: string;
  redirectUri: string;
  scope: string;
  verifier: string;
  state: string;
}

/** A fresh PKCE pair and state for an authorization request. */
export async function newAttempt(clientId: string, redirectUri: string, scope: string): Promise<AuthorizationAttempt & { challenge: string }> {
  const verifier = oauth.generateRandomCodeVerifier();
  return { clientId, redirectUri, scope, verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier), state: oauth.generateRandomState() };
}

/** The authorization URL an app would open, for the attempt. */
export function authorizationUrl(as: oauth.AuthorizationServer, attempt: AuthorizationAttempt & { challenge: string }, extra: Record<string, string> = {}): string {
  const url = new URL(as.authorization_endpoint ?? '');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: attempt.clientId,
    redirect_uri: attempt.redirectUri,
    scope: attempt.scope,
    state: attempt.state,
    code_challenge: attempt.challenge,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return `${url.pathname}${url.search}`;
}

/**
 * The browser's part: opens the consent page, signs in and answers. Returns the page response
 * and, when redirected, where to.
 */
export async function consent(
  testbed: TestSandbox,
  pathAndQuery: string,
  answer: { username?: string; password?: string; decision: 'approve' | 'deny' },
): Promise<{ page: ApiResponse; response: ApiResponse; location: URL | undefined }> {
  const page = await testbed.call('GET', pathAndQuery);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}: ${page.text.slice(0, 300)}`);
  const form: Record<string, string> = { ...formFields(page.text), decision: answer.decision };
  if (answer.username !== undefined) form.username = answer.username;
  if (answer.password !== undefined) form.password = answer.password;
  const response = await testbed.call('POST', '/oauth2/authorize', { form });
  const location = response.headers.get('location');
  return { page, response, location: location === null ? undefined : new URL(location) };
}

/** The RFC 6749 error code an oauth4webapi call failed with (from a body, or a 401 challenge's body). */
export async function oauthErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) return error.error;
    if (error instanceof oauth.WWWAuthenticateChallengeError) return ((await error.response.json()) as { error: string }).error;
    throw error;
  }
  throw new Error('expected an OAuth error');
}
