import { describe, expect, it } from 'vitest';

import { seeded } from '../../test/support/client';
import { SandboxClock } from '../clock';
import { authenticateBearer, type Principal } from '../credentials/authenticate';
import { Sandbox } from '../sandbox';
import { storeCaps } from '../store';
import { verifySignature } from './signing';
import {
  checkEventTypes,
  checkWebhookUrl,
  createWebhook,
  deleteWebhook,
  emitEvent,
  getWebhook,
  listDeliveries,
  listWebhooks,
  sendTestEvent,
} from './webhooks';
import { refusal } from '../../test/support/refusal';

const start = Date.UTC(2025, 5, 2, 9, 1, 0);

/** A seeded sandbox at `start`, with Ada (Acme's admin) and Load Lab's key (created by Lin) as callers. */
async function sandboxAt(): Promise<{ sandbox: Sandbox; tick: (ms: number) => void; ada: Principal; loadLab: Principal }> {
  let real = start;
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => real) });
  const ada = await authenticateBearer(sandbox, seeded.adaToken);
  const loadLab = await authenticateBearer(sandbox, seeded.loadtestKey);
  return { sandbox, tick: (ms) => (real += ms), ada, loadLab };
}

const registration = { url: 'https://siem.acme.test/ingest', events: ['token.revoked'] };


const tokenRevoked = { token_id: 'tok_adaCli', user_id: 'usr_ada', revoked_by: 'usr_ada', reason: 'revoked' } as const;

describe('checkWebhookUrl', () => {
  it.each([
    ['http://hooks.acme.test/x', 'url must be an https:// URL (events are never sent over plain HTTP).'],
    ['HTTPS://hooks.acme.test/x', 'url must be an https:// URL (events are never sent over plain HTTP).'],
    [' https://hooks.acme.test/x', 'url must be an https:// URL (events are never sent over plain HTTP).'],
    ['https://hooks.acme.test/a b', 'url must be an https:// URL (events are never sent over plain HTTP).'],
    ['https://', 'url is not a valid absolute URL.'],
    ['https://user:hunter2@hooks.acme.test/x', 'url must not contain credentials (user:password@).'],
    [`https://hooks.acme.test/${'a'.repeat(2048)}`, 'url must be at most 2048 characters.'],
  ])('refuses %s', (url, message) => {
    const error = refusal(() => checkWebhookUrl(url));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('hunter2');
    expect(error.details).toEqual({ field: 'url' });
  });

  it('accepts an https URL with a port, path and query', () => {
    expect(() => checkWebhookUrl('https://hooks.acme.test:8443/in?source=datastack')).not.toThrow();
  });
});

describe('checkEventTypes', () => {
  it('returns the checked list', () => {
    expect(checkEventTypes(['member.removed', 'webhook.test'])).toEqual(['member.removed', 'webhook.test']);
  });

  it.each([
    [[], 'events needs at least one event type.', 'events'],
    [['token.revoked', 'cluster.created'], 'events[1] must be one of: api_key.created, api_key.revoked, token.revoked, member.removed, webhook.test.', 'events[1]'],
    [['token.revoked', 'member.removed', 'token.revoked'], 'events lists token.revoked twice.', 'events[2]'],
    [['api_key.created', 'api_key.revoked', 'token.revoked', 'member.removed', 'webhook.test', 'webhook.test'], 'events takes at most 5 event types.', 'events'],
  ])('refuses %j', (events, message, field) => {
    const error = refusal(() => checkEventTypes(events));
    expect(error.message).toBe(message);
    expect(error.details).toEqual({ field });
  });
});

describe('createWebhook', () => {
  it('issues a whsec_ secret and keeps it as issued, because it must keep signing', async () => {
    const { sandbox, ada } = await sandboxAt();
    const { webhook, secret } = createWebhook(sandbox, ada, registration);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toEqual({
      id: expect.stringMatching(/^wh_[A-Za-z0-9]{16}$/),
      orgId: 'org_acme',
      url: 'https://siem.acme.test/ingest',
      events: ['token.revoked'],
      signingSecret: secret,
      createdBy: 'usr_ada',
      createdAt: start,
    });
    expect(sandbox.store.webhooks.get(webhook.id)).toBe(webhook);
  });

  it(`refuses the ${storeCaps.webhooksPerOrg + 1}st webhook of an organization and changes nothing`, async () => {
    const { sandbox, ada, loadLab } = await sandboxAt();
    // The seed already holds one webhook for Acme.
    for (let i = 1; i < storeCaps.webhooksPerOrg; i++) createWebhook(sandbox, ada, registration);
    const before = sandbox.store.webhooks.size;
    const error = refusal(() => createWebhook(sandbox, ada, registration));
    expect(error.code).toBe('conflict');
    expect(error.details).toEqual({ limit: storeCaps.webhooksPerOrg });
    expect(error.message).toBe('The organization already has 20 webhooks, the most the sandbox keeps; delete one first.');
    expect(sandbox.store.webhooks.size).toBe(before);
    // Another organization is not affected by Acme's count.
    expect(() => createWebhook(sandbox, loadLab, registration)).not.toThrow();
  });

  it('refuses a bad URL or event list without storing anything', async () => {
    const { sandbox, ada } = await sandboxAt();
    const before = sandbox.store.snapshot();
    expect(refusal(() => createWebhook(sandbox, ada, { ...registration, url: 'http://x.test' })).details.field).toBe('url');
    expect(refusal(() => createWebhook(sandbox, ada, { ...registration, events: ['nope'] })).details.field).toBe('events[0]');
    expect(sandbox.store.snapshot()).toEqual(before);
  });
});

describe('getWebhook, listWebhooks and deleteWebhook', () => {
  it('lists the organization’s webhooks newest first, a page at a time', async () => {
    const { sandbox, tick, ada, loadLab } = await sandboxAt();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      tick(1000);
      ids.push(createWebhook(sandbox, ada, registration).webhook.id);
    }
    createWebhook(sandbox, loadLab, registration);
    const first = listWebhooks(sandbox, 'org_acme', { limit: 2 });
    expect(first.data.map((webhook) => webhook.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = listWebhooks(sandbox, 'org_acme', { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.data.map((webhook) => webhook.id)).toEqual([ids[0], 'wh_auditFeed']);
    expect(second.nextCursor).toBeNull();
  });

  it('hides another organization’s webhook as not found', async () => {
    const { sandbox } = await sandboxAt();
    const error = refusal(() => getWebhook(sandbox, 'org_loadlab', 'wh_auditFeed'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('There is no webhook wh_auditFeed in this organization.');
    expect(refusal(() => deleteWebhook(sandbox, 'org_loadlab', 'wh_auditFeed')).code).toBe('not_found');
    expect(sandbox.store.webhooks.get('wh_auditFeed')).toBeDefined();
  });

  it('quotes an unknown id safely', async () => {
    const { sandbox } = await sandboxAt();
    expect(refusal(() => getWebhook(sandbox, 'org_acme', 'wh_\u0000evil')).message).toBe('There is no webhook wh_?evil in this organization.');
  });

  it('deletes a webhook with its deliveries, and only its own', async () => {
    const { sandbox, ada } = await sandboxAt();
    const other = createWebhook(sandbox, ada, registration).webhook;
    await emitEvent(sandbox, { orgId: 'org_acme', type: 'token.revoked', data: tokenRevoked });
    expect(sandbox.store.deliveries.size).toBe(2);
    deleteWebhook(sandbox, 'org_acme', 'wh_auditFeed');
    expect(sandbox.store.webhooks.get('wh_auditFeed')).toBeUndefined();
    expect(sandbox.store.deliveries.values().map((delivery) => delivery.webhookId)).toEqual([other.id]);
  });
});

describe('sendTestEvent', () => {
  it('signs a webhook.test event that verifies with the endpoint secret', async () => {
    const { sandbox, ada } = await sandboxAt();
    // Subscribed to token.revoked only: a test event goes out regardless.
    const { webhook, secret } = createWebhook(sandbox, ada, registration);
    const delivery = await sendTestEvent(sandbox, 'org_acme', webhook.id);
    expect(delivery).toEqual({
      id: expect.stringMatching(/^dlv_[A-Za-z0-9]{16}$/),
      webhookId: webhook.id,
      eventId: expect.stringMatching(/^evt_[A-Za-z0-9]{16}$/),
      eventType: 'webhook.test',
      body: `{"id":"${delivery.eventId}","type":"webhook.test","created_at":"2025-06-02T09:01:00Z","org_id":"org_acme","data":{"webhook_id":"${webhook.id}","message":"Test event sent from the DataStack API."}}`,
      signature: expect.stringMatching(/^t=1748854860,v1=[0-9a-f]{64}$/),
      attemptedAt: start,
      sequence: 1,
    });
    await expect(verifySignature({ payload: delivery.body, header: delivery.signature, secret, now: start })).resolves.toEqual({
      ok: true,
      timestamp: 1748854860,
    });
  });

  it('refuses another organization’s webhook and records nothing', async () => {
    const { sandbox } = await sandboxAt();
    await expect(sendTestEvent(sandbox, 'org_loadlab', 'wh_auditFeed')).rejects.toMatchObject({ code: 'not_found' });
    expect(sandbox.store.deliveries.size).toBe(0);
  });

  it('records nothing for a webhook deleted while the event was being signed', async () => {
    const { sandbox } = await sandboxAt();
    const pending = sendTestEvent(sandbox, 'org_acme', 'wh_auditFeed');
    deleteWebhook(sandbox, 'org_acme', 'wh_auditFeed');
    await expect(pending).rejects.toMatchObject({ code: 'not_found' });
    expect(sandbox.store.deliveries.size).toBe(0);
  });
});

describe('emitEvent', () => {
  it('delivers one event to every subscribed webhook of the organization, signed with each secret', async () => {
    const { sandbox, ada, loadLab } = await sandboxAt();
    const subscribed = createWebhook(sandbox, ada, registration);
    createWebhook(sandbox, ada, { ...registration, events: ['member.removed'] });
    const elsewhere = createWebhook(sandbox, loadLab, registration);

    const deliveries = await emitEvent(sandbox, { orgId: 'org_acme', type: 'token.revoked', data: tokenRevoked });
    expect(deliveries.map((delivery) => delivery.webhookId)).toEqual(['wh_auditFeed', subscribed.webhook.id]);
    const [seeded, mine] = deliveries;
    expect(seeded?.eventId).toBe(mine?.eventId);
    expect(seeded?.body).toBe(mine?.body);
    expect(seeded?.signature).not.toBe(mine?.signature);
    expect(JSON.parse(mine?.body ?? '')).toEqual({
      id: mine?.eventId,
      type: 'token.revoked',
      created_at: '2025-06-02T09:01:00Z',
      org_id: 'org_acme',
      data: tokenRevoked,
    });
    await expect(
      verifySignature({ payload: mine?.body ?? '', header: mine?.signature ?? '', secret: subscribed.secret, now: start }),
    ).resolves.toMatchObject({ ok: true });
    await expect(
      verifySignature({ payload: seeded?.body ?? '', header: seeded?.signature ?? '', secret: 'whsec_9kQ2vR7xM4tY8wP1zL5nB3hC6jF0dS2gA7eU4iO9kT1', now: start }),
    ).resolves.toMatchObject({ ok: true });
    expect(sandbox.store.deliveries.filter((delivery) => delivery.webhookId === elsewhere.webhook.id)).toEqual([]);
  });

  it('records nothing when no webhook subscribes', async () => {
    const { sandbox } = await sandboxAt();
    await expect(emitEvent(sandbox, { orgId: 'org_loadlab', type: 'member.removed', data: { user_id: 'usr_x', removed_by: 'usr_lin', revoked_credentials: 0 } })).resolves.toEqual([]);
    expect(sandbox.store.deliveries.size).toBe(0);
  });

  it('records nothing into a sandbox reset while signing', async () => {
    const { sandbox } = await sandboxAt();
    const pending = emitEvent(sandbox, { orgId: 'org_acme', type: 'token.revoked', data: tokenRevoked });
    await sandbox.reset();
    await expect(pending).resolves.toEqual([]);
    expect(sandbox.store.deliveries.size).toBe(0);
  });

  it(`keeps the newest ${storeCaps.deliveriesPerWebhook} deliveries of a webhook, newest first even within one millisecond`, async () => {
    const { sandbox, tick } = await sandboxAt();
    const eventIds: string[] = [];
    for (let i = 0; i < storeCaps.deliveriesPerWebhook + 5; i++) {
      if (i % 10 === 0) tick(1000);
      const [delivery] = await emitEvent(sandbox, { orgId: 'org_acme', type: 'token.revoked', data: tokenRevoked });
      eventIds.push(delivery?.eventId ?? '');
    }
    expect(sandbox.store.deliveries.size).toBe(storeCaps.deliveriesPerWebhook);
    const expected = eventIds.slice(5).reverse();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = listDeliveries(sandbox, 'org_acme', 'wh_auditFeed', { limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.data.map((delivery) => delivery.eventId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(expected);
  });
});
