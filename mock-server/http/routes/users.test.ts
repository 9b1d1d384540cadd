import { describe, expect, it } from 'vitest';

import { plantAccessToken } from '../../test/support/plant';
import { seeded, testSandbox } from '../../test/support/client';

describe('the user directory (listUsers, getUser, updateUser)', () => {
  it('lists the organization users by name with their profile and no role, and gets one', async () => {
    const { call } = await testSandbox();
    const list = await call('GET', '/v1/users', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:users' } });
    expect(list.status).toBe(200);
    expect(list.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_ada', 'usr_alan', 'usr_grace']);
    expect(list.body.data[0]).not.toHaveProperty('role');
    const grace = await call('GET', '/v1/users/usr_grace', { token: seeded.platformKey });
    expect(grace.body).toMatchObject({ id: 'usr_grace', name: 'Grace Hopper', email: 'grace@acme.test' });
  });

  it('renames a user, as the next get and list show', async () => {
    const { call } = await testSandbox();
    const renamed = await call('PATCH', '/v1/users/usr_grace', { token: seeded.platformKey, json: { name: 'Grace B. Hopper' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Grace B. Hopper');
    expect((await call('GET', '/v1/users/usr_grace', { token: seeded.platformKey })).body.name).toBe('Grace B. Hopper');
  });

  it('does not show removed members or users of another organization', async () => {
    const { call } = await testSandbox();
    expect((await call('DELETE', '/v1/org/members/usr_alan', { token: seeded.adaToken })).status).toBe(200);
    const list = await call('GET', '/v1/users', { token: seeded.platformKey });
    expect(list.body.data.map((user: { id: string }) => user.id)).toEqual(['usr_ada', 'usr_grace']);
    expect((await call('GET', '/v1/users/usr_alan', { token: seeded.platformKey })).status).toBe(404);
    expect((await call('PATCH', '/v1/users/usr_lin', { token: seeded.platformKey, json: { name: 'Lin' } })).status).toBe(404);
  });

  it('needs manage:users to rename; a viewer is refused it by role even when the token holds it', async () => {
    const { call, sandbox } = await testSandbox();
    const readOnly = await call('PATCH', '/v1/users/usr_grace', { token: seeded.platformKey, headers: { 'x-datastack-scope': 'read:users' }, json: { name: 'X' } });
    expect(readOnly.body.details).toEqual({ required_scope: 'manage:users' });
    const viewer = await plantAccessToken(sandbox, 'usr_alan', ['manage:users']);
    const refused = await call('PATCH', '/v1/users/usr_grace', { token: viewer.secret, json: { name: 'X' } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden', message: 'Your role is viewer: viewers have read-only access and may not use manage:users.' });
    expect((await call('GET', '/v1/users', { token: viewer.secret })).status).toBe(200);
    expect(sandbox.store.users.get('usr_grace')?.name).toBe('Grace Hopper');
  });

  it('refuses an empty name with 400 naming the field', async () => {
    const { call } = await testSandbox();
    const empty = await call('PATCH', '/v1/users/usr_grace', { token: seeded.platformKey, json: { name: '' } });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual({ field: 'name' });
  });
});
