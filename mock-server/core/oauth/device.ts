/**
 * The device authorization grant (RFC 8628): the device asks for codes, the user approves on the
 * verification page, the device polls the token endpoint.
 */
import { ApiError } from '../errors';
import type { DeviceAuthorization, OAuthClient, Org, User } from '../model';
import { randomId, randomToken, randomUserCode } from '../random';
import type { Sandbox } from '../sandbox';
import { holdsScope, offlineAccess } from '../scopes';
import { hashSecret } from '../secrets';
import { storeCaps } from '../store';
import { authenticateClient, type ClientAuthRequest } from './client-auth';
import { deviceCodeGrantType } from './grant-types';
import { type OAuthParams, parseScope, requiredParam } from './params';
import { signInOnPage } from './sign-in';
import { commitUserGrant, type IssuedTokenSet, mintUserGrant } from './tokens';

/** Device and user codes live ten minutes (the spec's `expires_in`). */
export const deviceCodeLifetimeSeconds = 600;
/** Seconds a device waits between polls at first (the spec's `interval`). */
export const pollIntervalSeconds = 5;
/** What each `slow_down` adds to the interval (RFC 8628 §3.5), and the most it grows to. */
export const slowDownStepSeconds = 5;
export const maxPollIntervalSeconds = 60;

/** Codes just issued to a device: `deviceCode` is shown once and stored only as a hash. */
export interface IssuedDeviceCodes {
  deviceCode: string;
  userCode: string;
  expiresIn: number;
  interval: number;
}

/** Forgets expired device authorizations and those of deleted clients. */
function sweepDeviceAuthorizations(sandbox: Sandbox): void {
  const { store } = sandbox;
  const now = sandbox.clock.now();
  for (const row of store.deviceAuthorizations.filter((device) => device.expiresAt <= now || !store.clients.get(device.clientId))) {
    store.deviceAuthorizations.delete(row.id);
  }
}

/**
 * The scopes a client asks for, by default every scope it is allowed.
 * @throws ApiError `invalid_scope`
 */
function requestedScopes(client: OAuthClient, scope: string | undefined): { scopes: string[]; offline: boolean } {
  const allowed = client.allowedScopes;
  const refreshable = client.grantTypes.includes('refresh_token');
  const requested = scope === undefined ? allowed.filter((name) => name !== offlineAccess || refreshable) : parseScope(scope);
  const beyond = requested.find((name) => (name === offlineAccess ? !allowed.includes(offlineAccess) : !holdsScope(allowed, name)));
  if (beyond !== undefined) throw new ApiError('invalid_scope', `${beyond} is not among the scopes ${client.id} may request.`, { field: 'scope' });
  const offline = requested.includes(offlineAccess) && refreshable;
  if (requested.includes(offlineAccess) && !offline) {
    throw new ApiError('invalid_scope', `offline_access needs the refresh_token grant, which ${client.id} is not registered for.`, { field: 'scope' });
  }
  const scopes = requested.filter((name) => name !== offlineAccess);
  if (scopes.length === 0 && !offline) throw new ApiError('invalid_scope', 'Ask for at least one scope.', { field: 'scope' });
  return { scopes, offline };
}

/**
 * Starts a device authorization: a secret `device_code` for the device to poll with and a short
 * `user_code` for the user to type on the verification page.
 *
 * @throws ApiError `invalid_request`; `invalid_client`; `unauthorized_client` when the client is
 *   not registered for the device code grant; `invalid_scope`; `rate_limited` when the client
 *   already has `storeCaps.pendingAuthorizationsPerClient` codes pending
 * @see RFC 8628 §3.1 and §3.2
 */
export async function requestDeviceAuthorization(sandbox: Sandbox, request: ClientAuthRequest): Promise<IssuedDeviceCodes> {
  const { client } = await authenticateClient(sandbox, request, 'device_authorization');
  if (!client.grantTypes.includes(deviceCodeGrantType)) {
    throw new ApiError('unauthorized_client', `${client.id} may not use the device code grant.`);
  }
  const { scopes, offline } = requestedScopes(client, request.params.scope);
  const deviceCode = randomToken();
  const deviceCodeHash = await hashSecret(deviceCode);

  // No await from here on: the cap check and the write are one step.
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const pending = store.deviceAuthorizations.filter((row) => row.clientId === client.id && row.expiresAt > now);
  if (pending.length >= storeCaps.pendingAuthorizationsPerClient) {
    // Until the oldest expires, within the one-minute window every Retry-After of the API stays in.
    const retryAfter = Math.min(60, Math.max(1, Math.ceil((Math.min(...pending.map((row) => row.expiresAt)) - now) / 1000)));
    throw new ApiError('rate_limited', `${client.id} has too many device sign-ins pending; retry in ${retryAfter} seconds.`, { retry_after: retryAfter });
  }
  sweepDeviceAuthorizations(sandbox);
  let userCode = randomUserCode();
  while (store.deviceAuthorizations.find(userCode)) userCode = randomUserCode();
  store.deviceAuthorizations.put({
    id: randomId('dva'),
    deviceCodeHash,
    userCode,
    clientId: client.id,
    scopes,
    offline,
    createdAt: now,
    expiresAt: now + deviceCodeLifetimeSeconds * 1000,
    intervalSeconds: pollIntervalSeconds,
    lastPolledAt: null,
    status: 'pending',
    userId: null,
    orgId: null,
  });
  return { deviceCode, userCode, expiresIn: deviceCodeLifetimeSeconds, interval: pollIntervalSeconds };
}

/**
 * A user code as typed (any case, with or without the dash) in its canonical form `WDJB-MJHT`;
 * undefined when it cannot be one.
 * @see RFC 8628 §6.1
 */
export function normalizeUserCode(input: string): string | undefined {
  const letters = input.toUpperCase().replace(/-/g, '');
  return /^[BCDFGHJKLMNPQRSTVWXZ]{8}$/.test(letters) ? `${letters.slice(0, 4)}-${letters.slice(4)}` : undefined;
}

/** A device sign-in awaiting the user's answer, as the verification page shows it. */
export interface PendingDevice {
  device: DeviceAuthorization;
  client: OAuthClient;
  /** The client's organization: the one organization its tokens can act in. */
  org: Org;
}

/** The pending, unexpired device sign-in with this user code, if its client still exists. */
export function findPendingDevice(sandbox: Sandbox, userCode: string): PendingDevice | undefined {
  const { store } = sandbox;
  const canonical = normalizeUserCode(userCode);
  const device = canonical === undefined ? undefined : store.deviceAuthorizations.find(canonical);
  if (!device || device.userCode !== canonical || device.status !== 'pending' || device.expiresAt <= sandbox.clock.now()) return undefined;
  const client = store.clients.get(device.clientId);
  const org = client && store.orgs.get(client.orgId);
  return client && org ? { device, client, org } : undefined;
}

/** The user's answer on the verification page. */
export type DeviceDecision =
  | { outcome: 'approved'; pending: PendingDevice; user: User }
  | { outcome: 'denied'; pending: PendingDevice }
  /** Show the form again with this message; nothing was written. */
  | { outcome: 'retry'; pending: PendingDevice; message: string; username: string | undefined };

const badCode = (): ApiError =>
  new ApiError('invalid_request', 'This code is not valid: it may have expired or been used already. Start the sign-in again on your device.', {
    field: 'user_code',
  });

/**
 * Applies the verification form. `deny` cancels the sign-in; `approve` needs a correct sign-in,
 * the organization the device will act in (one the user belongs to) and a client registered in
 * that organization. Only an answer that is accepted writes.
 *
 * @throws ApiError `invalid_request` for a malformed, unknown, expired or decided code, a bad
 *   `decision`, or an organization the user does not belong to or the client cannot act in
 * @see RFC 8628 §3.3 and §5.4
 */
export async function decideDeviceAuthorization(sandbox: Sandbox, form: OAuthParams): Promise<DeviceDecision> {
  const code = form.user_code;
  if (code === undefined || code.length > 16 || normalizeUserCode(code) === undefined) {
    throw new ApiError('invalid_request', 'That code does not look right. Codes have eight letters, like WDJB-MJHT.', { field: 'user_code' });
  }
  const { decision } = form;
  if (decision !== 'approve' && decision !== 'deny') throw new ApiError('invalid_request', 'decision must be approve or deny.', { field: 'decision' });
  const found = findPendingDevice(sandbox, code);
  if (!found) throw badCode();
  if (decision === 'deny') {
    const device = sandbox.store.deviceAuthorizations.update(found.device.id, { status: 'denied' });
    return { outcome: 'denied', pending: { ...found, device } };
  }

  const retry = (message: string): DeviceDecision => ({ outcome: 'retry', pending: found, message, username: form.username });
  const signedIn = await signInOnPage(sandbox, form, 'Enter your email and password to connect the device.');
  if ('message' in signedIn) return retry(signedIn.message);
  const { user } = signedIn;
  if (form.org_id === undefined) return retry('Choose the organization the device will act in.');
  if (form.org_id !== user.orgId) throw new ApiError('invalid_request', 'You are not a member of that organization.', { field: 'org_id' });

  // The page awaited the password check: look again, so a code decided meanwhile is not decided twice.
  const pending = findPendingDevice(sandbox, code);
  if (!pending) throw badCode();
  if (pending.client.orgId !== user.orgId) {
    throw new ApiError('invalid_request', `${pending.client.name} is registered in another organization and cannot act in yours.`, { field: 'org_id' });
  }
  const device = sandbox.store.deviceAuthorizations.update(pending.device.id, { status: 'approved', userId: user.id, orgId: user.orgId });
  return { outcome: 'approved', pending: { ...pending, device }, user };
}

/**
 * The device code grant: one poll. Until the user answers: `authorization_pending`, or
 * `slow_down` (and a longer interval) when polled sooner than the interval allows. After a
 * denial: `access_denied`; after ten minutes: `expired_token`. After an approval the tokens are
 * issued once, and the device code stops working.
 *
 * Polls write even when refused: the time of the last poll and the interval are the state the
 * protocol keeps.
 *
 * @throws ApiError `invalid_request` (missing `device_code`); `invalid_grant` (unknown, redeemed or
 *   another client's code; user removed); `authorization_pending`; `slow_down`; `access_denied`;
 *   `expired_token`; `invalid_request` (token cap)
 * @see RFC 8628 §3.4 and §3.5
 */
export async function exchangeDeviceCode(sandbox: Sandbox, client: OAuthClient, params: OAuthParams): Promise<IssuedTokenSet> {
  const deviceCode = requiredParam(params, 'device_code');
  const hash = await hashSecret(deviceCode);
  const minted = await mintUserGrant(true);

  // From here on no await: the poll bookkeeping and the issuance are one step.
  const { store } = sandbox;
  const now = sandbox.clock.now();
  const device = store.deviceAuthorizations.find(hash);
  if (!device || device.deviceCodeHash !== hash || device.clientId !== client.id) {
    throw new ApiError('invalid_grant', 'The device code is invalid or was already redeemed.');
  }
  if (device.expiresAt <= now) throw new ApiError('expired_token', 'The device code expired; start the device sign-in again.');
  if (device.status === 'denied') throw new ApiError('access_denied', 'The user denied the sign-in.');
  if (device.status === 'pending') {
    const early = device.lastPolledAt !== null && now - device.lastPolledAt < device.intervalSeconds * 1000;
    if (early) {
      const intervalSeconds = Math.min(device.intervalSeconds + slowDownStepSeconds, maxPollIntervalSeconds);
      store.deviceAuthorizations.update(device.id, { lastPolledAt: now, intervalSeconds });
      throw new ApiError('slow_down', `Polling too fast: wait ${intervalSeconds} seconds between polls.`);
    }
    store.deviceAuthorizations.update(device.id, { lastPolledAt: now });
    throw new ApiError('authorization_pending', 'The user has not answered yet; poll again after the interval.');
  }
  const user = device.userId === null ? undefined : store.users.get(device.userId);
  if (!user) throw new ApiError('invalid_grant', 'The user who approved this sign-in no longer exists.');
  const issued = commitUserGrant(sandbox, { client, user, scopes: device.scopes, offline: device.offline }, minted);
  store.deviceAuthorizations.delete(device.id);
  return issued;
}
