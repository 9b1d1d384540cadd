/**
 * The console's OAuth client: runs client credentials, authorization code + PKCE, the device flow
 * and refresh against the chosen server with oauth4webapi, a standards-strict client, so the
 * reader sees the flows work exactly as their own app would run them. Loaded only when the
 * reader starts a flow.
 */
import * as oauth from 'oauth4webapi';

import type { Credential } from './credentials';

export interface FlowTarget {
  /** The server's base URL, which is also its issuer identifier. */
  baseUrl: string;
  /** Where the docs site's OAuth pages live, e.g. `https://docs.example.com/` (site base URL included). */
  siteUrl: string;
  /** True for the in-browser sandbox, whose pages the site shows on its own origin. */
  sandbox: boolean;
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

function requestOptions(target: FlowTarget) {
  // The local mock speaks plain HTTP on the loopback interface; everything else must be HTTPS.
  return { [oauth.allowInsecureRequests]: target.baseUrl.startsWith('http://') };
}

function discover(target: FlowTarget): Promise<oauth.AuthorizationServer> {
  let metadata = discovered.get(target.baseUrl);
  if (!metadata) {
    const issuer = new URL(target.baseUrl);
    metadata = oauth
      .discoveryRequest(issuer, { ...requestOptions(target), algorithm: 'oauth2' })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    metadata.catch(() => discovered.delete(target.baseUrl));
    discovered.set(target.baseUrl, metadata);
  }
  return metadata;
}

function tokenCredential(target: FlowTarget, clientId: string, label: string, tokens: oauth.TokenEndpointResponse, requested: string[]): Credential {
  return {
    id: `oauth:${clientId}:${tokens.access_token.slice(-8)}`,
    kind: 'bearer',
    label,
    server: target.baseUrl,
    secret: tokens.access_token,
    scopes: tokens.scope ? tokens.scope.split(' ') : requested,
    refreshToken: tokens.refresh_token,
    clientId,
    expiresAt: tokens.expires_in === undefined ? undefined : Date.now() + tokens.expires_in * 1000,
  };
}

export async function clientCredentials(target: FlowTarget, clientId: string, clientSecret: string, scopes: string[]): Promise<Credential> {
  const as = await discover(target);
  const client = { client_id: clientId };
  const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic(clientSecret), { scope: scopes.join(' ') }, requestOptions(target));
  const tokens = await oauth.processClientCredentialsResponse(as, client, response);
  return tokenCredential(target, clientId, `${clientId} · client credentials`, tokens, scopes);
}

export async function refresh(target: FlowTarget, credential: Credential, clientSecret?: string): Promise<Credential> {
  if (!credential.refreshToken || !credential.clientId) throw new Error('This credential has no refresh token.');
  const as = await discover(target);
  const client = { client_id: credential.clientId };
  const auth = clientSecret ? oauth.ClientSecretBasic(clientSecret) : oauth.None();
  const response = await oauth.refreshTokenGrantRequest(as, client, auth, credential.refreshToken, requestOptions(target));
  const tokens = await oauth.processRefreshTokenResponse(as, client, response);
  return tokenCredential(target, credential.clientId, credential.label.replace(/( · refreshed)*$/, ' · refreshed'), tokens, credential.scopes ?? []);
}

export interface PendingAuthorization {
  /** The consent page to open in a popup. */
  url: string;
  state: string;
  /** Exchanges the callback's parameters (the query string the redirect carried) for tokens. */
  complete(callbackQuery: string): Promise<Credential>;
}

/** The docs site page an authorization server sends the browser back to. */
export const callbackUrl = (target: FlowTarget): string => `${target.siteUrl}oauth/callback`;

export async function startAuthorization(target: FlowTarget, clientId: string, scopes: string[]): Promise<PendingAuthorization> {
  const as = await discover(target);
  const client = { client_id: clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const redirectUri = callbackUrl(target);
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(' '),
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  // The sandbox in this tab cannot be navigated to: the site shows its consent page instead.
  const endpoint = target.sandbox ? `${target.siteUrl}oauth/authorize` : (as.authorization_endpoint ?? `${target.baseUrl}/oauth2/authorize`);
  return {
    url: `${endpoint}?${query.toString()}`,
    state,
    async complete(callbackQuery) {
      const parameters = oauth.validateAuthResponse(as, client, new URLSearchParams(callbackQuery), state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), parameters, redirectUri, verifier, requestOptions(target));
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
      return tokenCredential(target, clientId, `${clientId} · authorization code`, tokens, scopes);
    },
  };
}

export interface PendingDeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Polls the token endpoint at the pace the server asks for until the user answers. */
  poll(signal: AbortSignal): Promise<Credential>;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('Stopped waiting for the device sign-in.'));
    });
  });

export async function startDeviceAuthorization(target: FlowTarget, clientId: string, scopes: string[]): Promise<PendingDeviceAuthorization> {
  const as = await discover(target);
  const client = { client_id: clientId };
  const response = await oauth.deviceAuthorizationRequest(as, client, oauth.None(), { scope: scopes.join(' ') }, requestOptions(target));
  const device = await oauth.processDeviceAuthorizationResponse(as, client, response);
  return {
    userCode: device.user_code,
    verificationUri: device.verification_uri,
    verificationUriComplete: device.verification_uri_complete,
    async poll(signal) {
      let interval = (device.interval ?? 5) * 1000;
      for (;;) {
        await pause(interval, signal);
        const answer = await oauth.deviceCodeGrantRequest(as, client, oauth.None(), device.device_code, requestOptions(target));
        try {
          const tokens = await oauth.processDeviceCodeResponse(as, client, answer);
          return tokenCredential(target, clientId, `${clientId} · device sign-in`, tokens, scopes);
        } catch (error) {
          if (error instanceof oauth.ResponseBodyError && error.error === 'authorization_pending') continue;
          if (error instanceof oauth.ResponseBodyError && error.error === 'slow_down') {
            interval += 5000;
            continue;
          }
          throw error;
        }
      }
    },
  };
}

/** A readable one-line reason for a failed flow (OAuth errors carry their RFC code). */
export function flowError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof oauth.AuthorizationResponseError) return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
