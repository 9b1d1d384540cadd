import { describe, expect, it } from 'vitest';

import { seeded } from '../../test/support/client';
import { Sandbox } from '../sandbox';
import { authenticateBearer, type Principal } from './authenticate';
import { revokeCurrentCredential } from './self-revocation';

describe('revokeCurrentCredential', () => {
  it('refuses as revoked, not as a conflict, when another request revoked the credential after this one authenticated', async () => {
    const sandbox = await Sandbox.create();
    const principal = await authenticateBearer(sandbox, seeded.graceToken);
    const earlier = sandbox.clock.now() - 1;
    sandbox.store.pats.update('tok_graceRead', { revokedAt: earlier });
    await expect(revokeCurrentCredential(sandbox, principal)).rejects.toMatchObject({
      code: 'invalid_token',
      message: 'The credential was revoked.',
      details: { reason: 'revoked' },
    });
    expect(sandbox.store.pats.get('tok_graceRead')?.revokedAt).toBe(earlier);
  });

  it('has nothing to do for a client JWT, already spent, and refuses a password', async () => {
    const sandbox = await Sandbox.create();
    const principal = await authenticateBearer(sandbox, seeded.ingestKey);
    const before = JSON.stringify(sandbox.persist().store);
    expect(await revokeCurrentCredential(sandbox, { ...principal, kind: 'client_jwt', recordId: undefined })).toEqual({ kind: 'client_jwt' });
    const password: Principal = { ...principal, kind: 'password' };
    await expect(revokeCurrentCredential(sandbox, password)).rejects.toMatchObject({ code: 'invalid_request' });
    expect(JSON.stringify(sandbox.persist().store)).toBe(before);
  });
});
