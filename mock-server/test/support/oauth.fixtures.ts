/** Shared set-up of the authorization-server tests. */
import type { OAuthClient } from '../../core/model';
import { type IssuedTokenSet, issueTokenSet } from '../../core/oauth/tokens';
import type { Sandbox } from '../../core/sandbox';
import { hashSecret } from '../../core/secrets';
import { seeded } from './client';

/** cli_reporting's client_secret_basic credentials. */
export const reportingBasic = { username: seeded.reporting.clientId, password: seeded.reporting.clientSecret };
/** The two caching headers every token response carries. */
export const noStore = (headers: Headers) => [headers.get('cache-control'), headers.get('pragma')];

/** A user-facing family for Ada through DataStack Desktop (public), as the authorization flows will issue it. */
export async function desktopFamily(sandbox: Sandbox, userId = 'usr_ada', scopes = ['read:profile', 'read:clusters']) {
  const client = sandbox.store.clients.get('cli_desktop');
  const user = sandbox.store.users.get(userId);
  if (!client || !user) throw new Error('seed changed');
  return issueTokenSet(sandbox, { client, user, scopes, offline: true });
}

/** A confidential client that may refresh, registered straight into the store. */
export async function addPartnerClient(sandbox: Sandbox): Promise<{ clientId: string; clientSecret: string }> {
  const clientSecret = 'dscs_partnerSecretForTestsOnly0123456789abcdefghij';
  const client: OAuthClient = {
    id: 'cli_partner',
    orgId: 'org_acme',
    createdBy: 'usr_ada',
    name: 'Partner',
    type: 'confidential',
    secretHash: await hashSecret(clientSecret),
    secretLastFour: clientSecret.slice(-4),
    signingSecret: clientSecret,
    redirectUris: ['https://partner.test/callback'],
    allowedScopes: ['read:profile', 'read:clusters', 'offline_access'],
    grantTypes: ['authorization_code', 'refresh_token'],
    createdAt: sandbox.clock.now(),
  };
  sandbox.store.clients.put(client);
  return { clientId: client.id, clientSecret };
}

/** How many access and refresh tokens the store holds. */
export const tokenCounts = (sandbox: Sandbox) => [sandbox.store.accessTokens.size, sandbox.store.refreshTokens.size];

/** A confidential partner client and a refresh-token family it holds for Grace (`read:clusters`). */
export async function partnerGrant(sandbox: Sandbox): Promise<{ partner: { clientId: string; clientSecret: string }; family: IssuedTokenSet }> {
  const partner = await addPartnerClient(sandbox);
  const client = sandbox.store.clients.get(partner.clientId);
  const user = sandbox.store.users.get('usr_grace');
  if (!client || !user) throw new Error('setup failed');
  return { partner, family: await issueTokenSet(sandbox, { client, user, scopes: ['read:clusters'], offline: true }) };
}
