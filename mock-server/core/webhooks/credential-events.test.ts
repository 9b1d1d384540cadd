import { describe, expect, it } from 'vitest';

import { auditDeliveries } from '../../test/support/audit-feed';
import { seeded, testSandbox } from '../../test/support/client';
import { seed } from '../seed';
import { verifySignature } from './signing';

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
