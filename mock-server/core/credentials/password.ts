import { ApiError } from '../errors';
import type { Sandbox } from '../sandbox';
import { verifyPassword } from '../secrets';
import type { Principal } from './authenticate';

/**
 * Signs a user in with their email and password (HTTP Basic), for the one operation that
 * accepts it. The principal has the user's full authority: a password is not scoped.
 *
 * @throws ApiError `invalid_token` when the pair does not match an active user; the message does
 *   not say which half was wrong
 */
export async function authenticatePassword(sandbox: Sandbox, username: string, password: string): Promise<Principal> {
  const { store } = sandbox;
  // A removed user's email may be given to someone added later: only active users sign in.
  const user = store.users.values().find((candidate) => candidate.email === username.toLowerCase() && candidate.removedAt === null);
  // Verify even for an unknown user, so timing does not reveal which emails exist.
  const verifier = user?.passwordVerifier ?? 'pbkdf2-sha256$100000$unknown-user$0';
  const matches = await verifyPassword(password, verifier);
  const org = user ? store.orgs.get(user.orgId) : undefined;
  if (!user || !org || !matches) {
    throw new ApiError('invalid_token', 'The username or password is wrong.', { reason: 'unknown' });
  }
  return {
    kind: 'password',
    credentialId: user.id,
    org,
    user,
    role: user.role,
    scopes: [],
    expiresAt: null,
    tier: org.tier,
  };
}
