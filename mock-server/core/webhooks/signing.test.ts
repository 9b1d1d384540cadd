import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { parseSignatureHeader, signPayload, verifySignature } from './signing';

// The createWebhook / sendTestWebhookEvent examples of the spec: the docs promise readers they verify.
const specSecret = 'whsec_mOzm-_ffl39BshQL7rbKs33GEBUVxSxdhjPBv-zccu8';
const specPayload =
  '{"id":"evt_dpPzm7S5IqCrxJ","type":"webhook.test","created_at":"2025-06-02T09:01:00Z","org_id":"org_acme","data":{"webhook_id":"wh_xp2GkB7ejajruS","message":"Test event sent from the DataStack API."}}';
const specHeader = 't=1748854860,v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364';
const specTime = 1748854860 * 1000;

/** The signature computed independently, with Node's crypto, the way a receiver would. */
const nodeSignature = (secret: string, t: number, payload: string): string =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;

describe('signPayload', () => {
  it('reproduces the signature of the spec example', async () => {
    expect(await signPayload(specSecret, specPayload, 1748854860)).toBe(specHeader);
  });

  it('agrees with Node crypto on a vector computed by hand, non-ASCII body included', async () => {
    const secret = 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const payload = '{"id":"evt_abc","data":{"name":"Zoë’s key ✓"}}';
    expect(await signPayload(secret, payload, 1700000000)).toBe(nodeSignature(secret, 1700000000, payload));
    expect(nodeSignature(secret, 1700000000, payload)).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it('keys the HMAC with the whole secret, whsec_ prefix included', async () => {
    const header = await signPayload(specSecret, specPayload, 1748854860);
    expect(header).not.toBe(nodeSignature(specSecret.slice('whsec_'.length), 1748854860, specPayload));
  });
});

describe('parseSignatureHeader', () => {
  it('splits t and v1', () => {
    expect(parseSignatureHeader(specHeader)).toEqual({
      timestamp: 1748854860,
      signatures: ['0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364'],
    });
  });

  it('skips unknown keys and keeps every v1', () => {
    const v1 = 'a'.repeat(64);
    expect(parseSignatureHeader(`t=5, v0=xyz, v1=${v1}, v1=${'b'.repeat(64)}`)).toEqual({ timestamp: 5, signatures: [v1, 'b'.repeat(64)] });
  });

  it.each([
    ['empty', ''],
    ['no pairs', 'garbage'],
    ['no v1', 't=1748854860'],
    ['no t', 'v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364'],
    ['t not digits', 't=17488x4860,v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364'],
    ['t too long', 't=1234567890123,v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364'],
    ['t twice', 't=1,t=2,v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364'],
    ['v1 upper-case', 't=1,v1=0BD503FD3502F4B531BF75AC9E081A92D3A1DE41889462C69A46015599752364'],
    ['v1 short', 't=1,v1=0bd503fd'],
    ['over 1 KiB', `t=1,v1=${'a'.repeat(64)},${'x=y,'.repeat(300)}`],
  ])('refuses a header with %s', (_, header) => {
    expect(parseSignatureHeader(header)).toBeNull();
  });
});

describe('verifySignature', () => {
  it('accepts the spec example at its own time', async () => {
    await expect(verifySignature({ payload: specPayload, header: specHeader, secret: specSecret, now: specTime })).resolves.toEqual({
      ok: true,
      timestamp: 1748854860,
    });
  });

  it('accepts a delivery signed by hand with Node crypto', async () => {
    const secret = 'whsec_9kQ2vR7xM4tY8wP1zL5nB3hC6jF0dS2gA7eU4iO9kT1';
    const payload = '{"id":"evt_x1","type":"token.revoked"}';
    const header = nodeSignature(secret, 1750000000, payload);
    await expect(verifySignature({ payload, header, secret, now: 1750000000 * 1000 + 999 })).resolves.toEqual({ ok: true, timestamp: 1750000000 });
  });

  it('refuses a tampered body', async () => {
    const payload = specPayload.replace('webhook.test', 'member.removed');
    await expect(verifySignature({ payload, header: specHeader, secret: specSecret, now: specTime })).resolves.toEqual({
      ok: false,
      reason: 'signature_mismatch',
      timestamp: 1748854860,
    });
  });

  it('refuses a body that was re-serialized (whitespace changes the bytes)', async () => {
    const payload = JSON.stringify(JSON.parse(specPayload) as unknown, null, 2);
    const result = await verifySignature({ payload, header: specHeader, secret: specSecret, now: specTime });
    expect(result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses the wrong secret, and the secret without its prefix', async () => {
    const wrong = 'whsec_mOzm-_ffl39BshQL7rbKs33GEBUVxSxdhjPBv-zccu9';
    await expect(verifySignature({ payload: specPayload, header: specHeader, secret: wrong, now: specTime })).resolves.toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
    const bare = specSecret.slice('whsec_'.length);
    await expect(verifySignature({ payload: specPayload, header: specHeader, secret: bare, now: specTime })).resolves.toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('refuses an empty secret without throwing', async () => {
    await expect(verifySignature({ payload: specPayload, header: specHeader, secret: '', now: specTime })).resolves.toEqual({
      ok: false,
      reason: 'signature_mismatch',
      timestamp: 1748854860,
    });
  });

  it('refuses a replayed timestamp the attacker moved forward (the signature covers t)', async () => {
    const header = specHeader.replace('t=1748854860', 't=1748855860');
    await expect(verifySignature({ payload: specPayload, header, secret: specSecret, now: 1748855860 * 1000 })).resolves.toMatchObject({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('enforces the 300-second window either way, inclusive', async () => {
    const check = (offsetSeconds: number) =>
      verifySignature({ payload: specPayload, header: specHeader, secret: specSecret, now: specTime + offsetSeconds * 1000 });
    await expect(check(300)).resolves.toMatchObject({ ok: true });
    await expect(check(-300)).resolves.toMatchObject({ ok: true });
    await expect(check(301)).resolves.toEqual({ ok: false, reason: 'timestamp_outside_window', timestamp: 1748854860 });
    await expect(check(-301)).resolves.toEqual({ ok: false, reason: 'timestamp_outside_window', timestamp: 1748854860 });
    await expect(check(86_400)).resolves.toMatchObject({ ok: false, reason: 'timestamp_outside_window' });
  });

  it('takes another tolerance', async () => {
    const input = { payload: specPayload, header: specHeader, secret: specSecret, now: specTime + 61_000 };
    await expect(verifySignature({ ...input, toleranceSeconds: 60 })).resolves.toMatchObject({ ok: false, reason: 'timestamp_outside_window' });
    await expect(verifySignature({ ...input, toleranceSeconds: 61 })).resolves.toMatchObject({ ok: true });
  });

  it('reports a malformed header before anything else', async () => {
    await expect(verifySignature({ payload: specPayload, header: 'sha256=abc', secret: specSecret, now: specTime })).resolves.toEqual({
      ok: false,
      reason: 'malformed_header',
    });
    await expect(verifySignature({ payload: specPayload, header: '', secret: '', now: 0 })).resolves.toEqual({ ok: false, reason: 'malformed_header' });
  });

  it('accepts a header whose second v1 matches (secrets overlapping during a change)', async () => {
    const header = `${specHeader.replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`)},v1=0bd503fd3502f4b531bf75ac9e081a92d3a1de41889462c69a46015599752364`;
    await expect(verifySignature({ payload: specPayload, header, secret: specSecret, now: specTime })).resolves.toMatchObject({ ok: true });
  });
});
