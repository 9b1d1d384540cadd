import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { emitEvent, verifySignature } from '../../core/webhooks';
import { storeCaps } from '../../core/store';
import { seeded, testSandbox } from '../../test/support/client';
import { expectCapReached } from '../../test/support/refusal';
import { plantAccessToken, plantApiKey } from '../../test/support/plant';

const seededSecret = 'whsec_9kQ2vR7xM4tY8wP1zL5nB3hC6jF0dS2gA7eU4iO9kT1';
const newWebhook = { url: 'https://siem.acme.test/ingest/datastack', events: ['token.revoked', 'member.removed'] };
const ids = (body: { data: { id: string }[] }): string[] => body.data.map((row) => row.id);

describe('GET /v1/webhooks (listWebhooks)', () => {
  it('lists the organization’s webhooks with only the last four of each secret', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/webhooks', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [
        {
          id: 'wh_auditFeed',
          url: 'https://hooks.acme.test/datastack/audit',
          events: ['api_key.created', 'api_key.revoked', 'token.revoked', 'member.removed'],
          secret_last_four: '9kT1',
          created_by: 'usr_ada',
          created_at: expect.any(String),
        },
      ],
      next_cursor: null,
    });
    expect(response.text).not.toContain('whsec_');
  });

  it('pages newest first with limit and cursor', async () => {
    const { call, tick } = await testSandbox();
    tick(1000);
    const created = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook });
    const first = await call('GET', '/v1/webhooks?limit=1', { token: seeded.adaToken });
    expect(ids(first.body)).toEqual([created.body.id]);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/webhooks?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(ids(second.body)).toEqual(['wh_auditFeed']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('shows another organization only its own webhooks', async () => {
    const { call, sandbox } = await testSandbox();
    const lin = await plantApiKey(sandbox, 'usr_lin', ['read:webhooks']);
    const response = await call('GET', '/v1/webhooks', { token: lin.secret });
    expect(response.body).toEqual({ data: [], next_cursor: null });
  });

  it('refuses a bad limit or cursor with 400 naming the parameter', async () => {
    const { call } = await testSandbox();
    const limit = await call('GET', '/v1/webhooks?limit=101', { token: seeded.adaToken });
    expect(limit.status).toBe(400);
    expect(limit.body).toMatchObject({ error: 'invalid_request', details: { field: 'limit' } });
    const cursor = await call('GET', '/v1/webhooks?cursor=bm9wZQ', { token: seeded.adaToken });
    expect(cursor.status).toBe(400);
    expect(cursor.body).toMatchObject({
      error: 'invalid_request',
      message: 'cursor is not a value this list returned; pass next_cursor back unchanged.',
      details: { field: 'cursor' },
    });
  });

  it('answers 401 without a credential, 403 without read:webhooks, and takes read:webhooks declared', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/webhooks')).status).toBe(401);
    const grace = await call('GET', '/v1/webhooks', { token: seeded.graceToken });
    expect(grace.status).toBe(403);
    expect(grace.body).toMatchObject({
      error: 'insufficient_scope',
      message: 'This operation requires the read:webhooks scope.',
      details: { required_scope: 'read:webhooks' },
    });
    const declared = await call('GET', '/v1/webhooks', { token: seeded.adaToken, headers: { 'x-datastack-scope': 'read:webhooks' } });
    expect(declared.status).toBe(200);
  });

  it('answers 429 with Retry-After once the credential’s window is used up', async () => {
    const { call, sandbox } = await testSandbox();
    for (let i = 0; i < 1000; i++) sandbox.limiter.hit('tok_adaCli', 'business');
    const response = await call('GET', '/v1/webhooks', { token: seeded.adaToken });
    expect(response.status).toBe(429);
    expect(response.body.error).toBe('rate_limited');
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('POST /v1/webhooks (createWebhook)', () => {
  it('creates a webhook and shows its whsec_ secret once', async () => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook });
    expect(response.status).toBe(201);
    const { secret, ...webhook } = response.body;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toEqual({
      id: expect.stringMatching(/^wh_[A-Za-z0-9]{16}$/),
      url: newWebhook.url,
      events: newWebhook.events,
      secret_last_four: secret.slice(-4),
      created_by: 'usr_ada',
      created_at: expect.any(String),
    });
    // Kept as issued (it must keep signing), and never shown again.
    expect(sandbox.store.webhooks.get(webhook.id)?.signingSecret).toBe(secret);
    const got = await call('GET', `/v1/webhooks/${webhook.id}`, { token: seeded.adaToken });
    expect(got.body).toEqual(webhook);
    const listed = await call('GET', '/v1/webhooks', { token: seeded.adaToken });
    expect(listed.text).not.toContain(secret);
  });

  it('credits a webhook created by an OAuth client acting as itself to the user who registered the client', async () => {
    const { call, sandbox } = await testSandbox();
    sandbox.store.clients.put({
      id: 'cli_siemBot',
      orgId: 'org_acme',
      createdBy: 'usr_grace',
      name: 'SIEM bot',
      type: 'confidential',
      secretHash: null,
      secretLastFour: null,
      signingSecret: null,
      redirectUris: [],
      allowedScopes: ['manage:webhooks'],
      grantTypes: ['client_credentials'],
      createdAt: sandbox.clock.now(),
    });
    const token = await plantAccessToken(sandbox, 'usr_grace', ['manage:webhooks'], { clientId: 'cli_siemBot', actsAs: 'client' });
    const response = await call('POST', '/v1/webhooks', { token: token.secret, json: newWebhook });
    expect(response.status).toBe(201);
    expect(response.body.created_by).toBe('usr_grace');
  });

  it.each([
    ['an http URL', { ...newWebhook, url: 'http://siem.acme.test/in' }, 'url must match pattern "^https://".', 'url'],
    ['credentials in the URL', { ...newWebhook, url: 'https://alice:hunter2@siem.acme.test/in' }, 'url must not contain credentials (user:password@).', 'url'],
    ['a URL over 2048 characters', { ...newWebhook, url: `https://siem.acme.test/${'a'.repeat(2048)}` }, 'url must NOT have more than 2048 characters.', 'url'],
    ['no events', { ...newWebhook, events: [] }, 'events must NOT have fewer than 1 items.', 'events'],
    [
      'a repeated event',
      { ...newWebhook, events: ['token.revoked', 'token.revoked'] },
      'events must NOT have duplicate items (items ## 0 and 1 are identical).',
      'events',
    ],
    [
      'an unknown event',
      { ...newWebhook, events: ['cluster.created'] },
      'events[0] must be one of: api_key.created, api_key.revoked, token.revoked, member.removed, webhook.test.',
      'events[0]',
    ],
    ['a missing events field', { url: newWebhook.url }, 'events is required.', 'events'],
    ['a secret of its own', { ...newWebhook, secret: 'whsec_mine' }, 'secret is not a field of this request.', 'secret'],
  ])('refuses %s with 400 and stores nothing', async (_, json, message, field) => {
    const { call, sandbox } = await testSandbox();
    const response = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', message, details: { field } });
    expect(response.text).not.toContain('hunter2');
    expect(sandbox.store.webhooks.size).toBe(1);
  });

  it(`refuses the ${storeCaps.webhooksPerOrg + 1}st webhook of the organization with 409 and stores nothing`, async () => {
    const { call, sandbox } = await testSandbox();
    for (let i = 1; i < storeCaps.webhooksPerOrg; i++) {
      expect((await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook })).status).toBe(201);
    }
    const response = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook });
    expectCapReached(response, storeCaps.webhooksPerOrg, 'The organization already has 20 webhooks, the most the sandbox keeps; delete one first.');
    expect(sandbox.store.webhooks.size).toBe(storeCaps.webhooksPerOrg);
  });

  it('refuses a body over 64 KiB with 413 and a non-JSON body with 415', async () => {
    const { call, sandbox } = await testSandbox();
    const large = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: { ...newWebhook, url: `https://x.test/${'a'.repeat(70_000)}` } });
    expect(large.status).toBe(413);
    expect(large.body.error).toBe('payload_too_large');
    const form = await call('POST', '/v1/webhooks', { token: seeded.adaToken, form: { url: newWebhook.url } });
    expect(form.status).toBe(415);
    expect(form.body.error).toBe('unsupported_media_type');
    expect(sandbox.store.webhooks.size).toBe(1);
  });

  it('answers 401 without a credential and 403 with only read:webhooks', async () => {
    const { call, sandbox } = await testSandbox();
    expect((await call('POST', '/v1/webhooks', { json: newWebhook })).status).toBe(401);
    const reader = await plantApiKey(sandbox, 'usr_ada', ['read:webhooks']);
    const response = await call('POST', '/v1/webhooks', { token: reader.secret, json: newWebhook });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: 'insufficient_scope', details: { required_scope: 'manage:webhooks' } });
    const declared = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook, headers: { 'x-datastack-scope': 'read:webhooks' } });
    expect(declared.status).toBe(403);
    expect(sandbox.store.webhooks.size).toBe(1);
  });
});

describe('GET /v1/webhooks/{webhookId} (getWebhook)', () => {
  it('returns the webhook without its secret', async () => {
    const { call } = await testSandbox();
    const response = await call('GET', '/v1/webhooks/wh_auditFeed', { token: seeded.adaToken });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'wh_auditFeed', secret_last_four: '9kT1' });
    expect(response.body).not.toHaveProperty('secret');
  });

  it('answers 404 for an unknown id and for another organization’s webhook', async () => {
    const { call, sandbox } = await testSandbox();
    const unknown = await call('GET', '/v1/webhooks/wh_nope', { token: seeded.adaToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', message: 'There is no webhook wh_nope in this organization.' });
    const lin = await plantApiKey(sandbox, 'usr_lin', ['read:webhooks']);
    const foreign = await call('GET', '/v1/webhooks/wh_auditFeed', { token: lin.secret });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('There is no webhook wh_auditFeed in this organization.');
  });

  it('answers 403 without read:webhooks', async () => {
    const { call } = await testSandbox();
    expect((await call('GET', '/v1/webhooks/wh_auditFeed', { token: seeded.ingestKey })).status).toBe(403);
  });
});

describe('DELETE /v1/webhooks/{webhookId} (deleteWebhook)', () => {
  it('deletes the webhook and its deliveries, answering 204', async () => {
    const { call, sandbox } = await testSandbox();
    await call('POST', '/v1/webhooks/wh_auditFeed/test', { token: seeded.adaToken });
    expect(sandbox.store.deliveries.size).toBe(1);
    const response = await call('DELETE', '/v1/webhooks/wh_auditFeed', { token: seeded.adaToken });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(sandbox.store.deliveries.size).toBe(0);
    expect((await call('GET', '/v1/webhooks/wh_auditFeed', { token: seeded.adaToken })).status).toBe(404);
    expect((await call('DELETE', '/v1/webhooks/wh_auditFeed', { token: seeded.adaToken })).status).toBe(404);
  });

  it('refuses without manage:webhooks, or for another organization, and deletes nothing', async () => {
    const { call, sandbox } = await testSandbox();
    const reader = await call('DELETE', '/v1/webhooks/wh_auditFeed', {
      token: seeded.adaToken,
      headers: { 'x-datastack-scope': 'read:webhooks' },
    });
    expect(reader.status).toBe(403);
    const lin = await plantApiKey(sandbox, 'usr_lin', ['manage:webhooks']);
    const foreign = await call('DELETE', '/v1/webhooks/wh_auditFeed', { token: lin.secret });
    expect(foreign.status).toBe(404);
    expect(sandbox.store.webhooks.get('wh_auditFeed')).toBeDefined();
  });
});

describe('POST /v1/webhooks/{webhookId}/test (sendTestWebhookEvent)', () => {
  it('records a signed webhook.test delivery a reader can verify with their own code', async () => {
    const { call } = await testSandbox();
    const created = await call('POST', '/v1/webhooks', { token: seeded.adaToken, json: newWebhook });
    const response = await call('POST', `/v1/webhooks/${created.body.id}/test`, { token: seeded.adaToken });
    expect(response.status).toBe(202);
    const delivery = response.body;
    expect(delivery).toMatchObject({ webhook_id: created.body.id, event_type: 'webhook.test', status: 'simulated' });
    expect(JSON.parse(delivery.payload)).toEqual({
      id: delivery.event_id,
      type: 'webhook.test',
      created_at: delivery.attempted_at,
      org_id: 'org_acme',
      data: { webhook_id: created.body.id, message: 'Test event sent from the DataStack API.' },
    });
    // What a receiver does, with Node's own crypto: HMAC-SHA256 of "<t>.<payload>" under the whole secret.
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature) ?? [];
    expect(Number(t)).toBe(Date.parse(delivery.attempted_at) / 1000);
    expect(v1).toBe(createHmac('sha256', created.body.secret).update(`${t}.${delivery.payload}`).digest('hex'));
    await expect(
      verifySignature({ payload: delivery.payload, header: delivery.signature, secret: created.body.secret, now: Date.parse(delivery.attempted_at) }),
    ).resolves.toMatchObject({ ok: true });

    const listed = await call('GET', `/v1/webhooks/${created.body.id}/deliveries`, { token: seeded.adaToken });
    expect(listed.body).toEqual({ data: [delivery], next_cursor: null });
  });

  it('answers 404 for an unknown webhook and 403 without manage:webhooks, recording nothing', async () => {
    const { call, sandbox } = await testSandbox();
    expect((await call('POST', '/v1/webhooks/wh_nope/test', { token: seeded.adaToken })).status).toBe(404);
    const reader = await plantApiKey(sandbox, 'usr_ada', ['read:webhooks']);
    const response = await call('POST', '/v1/webhooks/wh_auditFeed/test', { token: reader.secret });
    expect(response.status).toBe(403);
    expect(response.body.details).toEqual({ required_scope: 'manage:webhooks' });
    expect(sandbox.store.deliveries.size).toBe(0);
  });
});

describe('GET /v1/webhooks/{webhookId}/deliveries (listWebhookDeliveries)', () => {
  it('lists deliveries newest first, a page at a time, signed with the seeded secret', async () => {
    const { call, sandbox, tick } = await testSandbox();
    const [revoked] = await emitEvent(sandbox, {
      orgId: 'org_acme',
      type: 'token.revoked',
      data: { token_id: 'tok_graceRead', user_id: 'usr_grace', revoked_by: 'usr_ada', reason: 'revoked' },
    });
    tick(1000);
    const test = await call('POST', '/v1/webhooks/wh_auditFeed/test', { token: seeded.adaToken });
    const first = await call('GET', '/v1/webhooks/wh_auditFeed/deliveries?limit=1', { token: seeded.adaToken });
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual([test.body.id]);
    const second = await call('GET', `/v1/webhooks/wh_auditFeed/deliveries?limit=1&cursor=${first.body.next_cursor}`, { token: seeded.adaToken });
    expect(second.body.data).toEqual([
      {
        id: revoked?.id,
        webhook_id: 'wh_auditFeed',
        event_id: revoked?.eventId,
        event_type: 'token.revoked',
        payload: revoked?.body,
        signature: revoked?.signature,
        status: 'simulated',
        attempted_at: expect.any(String),
      },
    ]);
    expect(second.body.next_cursor).toBeNull();
    for (const delivery of [...first.body.data, ...second.body.data]) {
      await expect(
        verifySignature({ payload: delivery.payload, header: delivery.signature, secret: seededSecret, now: sandbox.clock.now() }),
      ).resolves.toMatchObject({ ok: true });
    }
  });

  it(`keeps only the newest ${storeCaps.deliveriesPerWebhook} deliveries of a webhook`, async () => {
    const { call } = await testSandbox();
    const sent: string[] = [];
    for (let i = 0; i < storeCaps.deliveriesPerWebhook + 2; i++) {
      sent.push((await call('POST', '/v1/webhooks/wh_auditFeed/test', { token: seeded.adaToken })).body.id);
    }
    const listed = await call('GET', '/v1/webhooks/wh_auditFeed/deliveries?limit=100', { token: seeded.adaToken });
    expect(ids(listed.body)).toEqual(sent.slice(2).reverse());
  });

  it('answers 404 for another organization’s webhook, 403 without read:webhooks, 400 for a bad cursor', async () => {
    const { call, sandbox } = await testSandbox();
    const lin = await plantApiKey(sandbox, 'usr_lin', ['read:webhooks']);
    expect((await call('GET', '/v1/webhooks/wh_auditFeed/deliveries', { token: lin.secret })).status).toBe(404);
    expect((await call('GET', '/v1/webhooks/wh_auditFeed/deliveries', { token: seeded.graceToken })).status).toBe(403);
    const cursor = await call('GET', '/v1/webhooks/wh_auditFeed/deliveries?cursor=bm9wZQ', { token: seeded.adaToken });
    expect(cursor.status).toBe(400);
    expect(cursor.body.details).toEqual({ field: 'cursor' });
  });
});
