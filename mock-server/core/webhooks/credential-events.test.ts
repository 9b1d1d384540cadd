import { describe, expect, it } from 'vitest';

import { type AuditEvent, auditDeliveries } from '../../test/support/audit-feed';
import { seeded, testSandbox } from '../../test/support/client';
import { createApiKey, revokeApiKey } from '../credentials/api-keys';
import { authenticateBearer } from '../credentials/authenticate';
import { revokePersonalAccessToken } from '../credentials/personal-access-tokens';
import { revokeCurrentCredential } from '../credentials/self-revocation';
import { changeMemberRole, removeOrgMember, revokeMemberToken, revokeUserTokens } from '../org';
import { Sandbox } from '../sandbox';
import { seed } from '../seed';
import { verifySignature } from './signing';
import { listDeliveries } from './webhooks';

const auditSecret = seed.webhooks[0].signingSecret;

describe('security events reach subscribed webhooks, signed', () => {
  it('announces a created and a revoked API key', async () => {
    const { call, sandbox } = await testSandbox();
    const created = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'Billing export', scopes: ['read:clusters'], environment: 'test' } });
    expect(created.status).toBe(201);
    expect((await call('DELETE', `/v1/api-keys/${created.body.id}`, { token: seeded.adaToken })).status).toBe(200);

    const deliveries = await auditDeliveries(call);
    expect(deliveries.map((delivery) => delivery.event_type)).toEqual(['api_key.revoked', 'api_key.created']);
    const [revoked] = deliveries;
    expect(JSON.parse(revoked?.payload ?? '{}')).toMatchObject({
      type: 'api_key.revoked',
      org_id: 'org_acme',
      data: { api_key_id: created.body.id, name: 'Billing export', environment: 'test', revoked_by: 'usr_ada' },
    });
    for (const delivery of deliveries) {
      expect(await verifySignature({ payload: delivery.payload, header: delivery.signature, secret: auditSecret, now: sandbox.clock.now() })).toMatchObject({ ok: true });
    }
  });

  it('announces each credential a member removal cuts off, then the removal', async () => {
    const { call } = await testSandbox();
    const removed = await call('DELETE', '/v1/org/members/usr_grace', { token: seeded.adaToken });
    expect(removed.status).toBe(200);
    const deliveries = await auditDeliveries(call);
    const events = deliveries.map((delivery) => JSON.parse(delivery.payload) as { type: string; data: Record<string, unknown> });
    expect(events.map((event) => event.type).sort()).toEqual(['api_key.revoked', 'member.removed', 'token.revoked']);
    expect(events.find((event) => event.type === 'token.revoked')?.data).toEqual({
      token_id: 'tok_graceRead',
      user_id: 'usr_grace',
      revoked_by: 'usr_ada',
      reason: 'member_removed',
    });
    expect(events.find((event) => event.type === 'member.removed')?.data).toEqual({ user_id: 'usr_grace', removed_by: 'usr_ada', revoked_credentials: 2 });
  });

  it('says nothing when a refused change did not happen', async () => {
    const { call } = await testSandbox();
    const refused = await call('POST', '/v1/api-keys', { token: seeded.adaToken, json: { name: 'Live', scopes: ['read:clusters'], environment: 'live' } });
    expect(refused.status).toBe(400);
    expect(await auditDeliveries(call)).toEqual([]);
  });
});

describe('the core use cases announce their own changes, whichever host calls them', () => {
  async function setUp() {
    const sandbox = await Sandbox.create();
    const ada = await authenticateBearer(sandbox, seeded.adaToken);
    const grace = await authenticateBearer(sandbox, seeded.graceToken);
    /** The audit feed's events, newest first, read straight from the core. */
    const feed = (): AuditEvent[] =>
      listDeliveries(sandbox, 'org_acme', 'wh_auditFeed', { limit: 100 }).data.map((delivery) => JSON.parse(delivery.body) as AuditEvent);
    return { sandbox, ada, grace, feed };
  }

  it('createApiKey and revokeApiKey: api_key.created, then api_key.revoked by the acting user', async () => {
    const { sandbox, ada, feed } = await setUp();
    const { key } = await createApiKey(sandbox, ada, { name: 'Billing export', scopes: ['read:clusters'], environment: 'test' });
    await revokeApiKey(sandbox, ada, key.id);
    expect(feed()).toMatchObject([
      { type: 'api_key.revoked', data: { api_key_id: key.id, revoked_by: 'usr_ada' } },
      { type: 'api_key.created', data: { api_key_id: key.id, created_by: 'usr_ada' } },
    ]);
  });

  it('revokePersonalAccessToken and revokeMemberToken: token.revoked with the reason', async () => {
    const { sandbox, ada, feed } = await setUp();
    await revokeMemberToken(sandbox, ada, 'usr_grace', 'tok_graceRead');
    await revokePersonalAccessToken(sandbox, ada, 'tok_adaCli');
    expect(feed()).toMatchObject([
      { type: 'token.revoked', data: { token_id: 'tok_adaCli', revoked_by: 'usr_ada', reason: 'revoked' } },
      { type: 'token.revoked', data: { token_id: 'tok_graceRead', revoked_by: 'usr_ada', reason: 'admin_revoked' } },
    ]);
  });

  it('revokeUserTokens and removeOrgMember: each credential cut off, then the removal', async () => {
    const { sandbox, ada, feed } = await setUp();
    await revokeUserTokens(sandbox, ada, 'usr_grace');
    expect(feed()).toMatchObject([
      { type: 'api_key.revoked', data: { api_key_id: 'key_dashboard', revoked_by: 'usr_ada' } },
      { type: 'token.revoked', data: { token_id: 'tok_graceRead', reason: 'user_tokens_revoked' } },
    ]);
    await removeOrgMember(sandbox, ada, 'usr_grace');
    // Nothing was left to revoke: only the removal is new.
    expect(feed()[0]).toMatchObject({ type: 'member.removed', data: { user_id: 'usr_grace', removed_by: 'usr_ada', revoked_credentials: 0 } });
    expect(feed()).toHaveLength(3);
  });

  it('changeMemberRole: every key the new role may not hold', async () => {
    const { sandbox, ada, feed } = await setUp();
    await changeMemberRole(sandbox, ada, 'usr_grace', 'admin');
    expect(feed()).toEqual([]);
    await changeMemberRole(sandbox, ada, 'usr_ada', 'viewer');
    expect(feed().map((event) => [event.type, event.data.api_key_id, event.data.revoked_by]).sort()).toEqual([
      ['api_key.revoked', 'key_ingest', 'usr_ada'],
      ['api_key.revoked', 'key_platform', 'usr_ada'],
    ]);
  });

  it('revokeCurrentCredential: the token or key revoked by whoever held it', async () => {
    const { sandbox, grace, feed } = await setUp();
    await revokeCurrentCredential(sandbox, grace);
    await revokeCurrentCredential(sandbox, await authenticateBearer(sandbox, seeded.dashboardKey));
    expect(feed()).toMatchObject([
      { type: 'api_key.revoked', data: { api_key_id: 'key_dashboard', revoked_by: 'usr_grace' } },
      { type: 'token.revoked', data: { token_id: 'tok_graceRead', revoked_by: 'usr_grace', reason: 'revoked' } },
    ]);
  });
});
