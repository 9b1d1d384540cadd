import { describe, expect, it } from 'vitest';

import { signPayload } from '@site/mock-server/core/webhooks/signing';

import { failureExplanations, headerValue, payloadWarnings, verifyDelivery } from './verify';

const secret = 'whsec_mOzm-_ffl39BshQL7rbKs33GEBUVxSxdhjPBv-zccu8';
const payload = '{"id":"evt_dpPzm7S5IqCrxJ","type":"webhook.test","created_at":"2025-06-02T09:01:00Z","org_id":"org_acme","data":{"webhook_id":"wh_x","message":"Test event sent from the DataStack API."}}';
const t = 1748854860;
const nowMs = (t + 12) * 1000;

describe('verifyDelivery', () => {
  it('shows every step of a delivery the core signed, and accepts it', async () => {
    const header = await signPayload(secret, payload, t);
    const v1 = header.slice(header.indexOf('v1=') + 3);
    const steps = await verifyDelivery({ payload, header, secret }, nowMs);
    expect(steps).toEqual({
      parsed: { timestamp: t, signatures: [v1] },
      signedString: `${t}.${payload}`,
      expected: v1,
      comparisons: [{ signature: v1, matches: true }],
      window: { ageSeconds: 12, toleranceSeconds: 300, within: true },
      result: { ok: true, timestamp: t },
    });
  });

  it('takes the whole header line and a secret pasted with spaces around it', async () => {
    const header = `DataStack-Signature: ${await signPayload(secret, payload, t)}`;
    await expect(verifyDelivery({ payload, header, secret: ` ${secret}\n` }, nowMs)).resolves.toMatchObject({ result: { ok: true } });
  });

  it('shows a tampered payload failing at the comparison', async () => {
    const header = await signPayload(secret, payload, t);
    const tampered = payload.replace('org_acme', 'org_evil');
    const steps = await verifyDelivery({ payload: tampered, header, secret }, nowMs);
    expect(steps.signedString).toBe(`${t}.${tampered}`);
    expect(steps.expected).not.toBe(steps.parsed?.signatures[0]);
    expect(steps.comparisons).toEqual([{ signature: steps.parsed?.signatures[0], matches: false }]);
    expect(steps.result).toEqual({ ok: false, reason: 'signature_mismatch', timestamp: t });
  });

  it('shows an old delivery failing at the replay window, after a matching signature', async () => {
    const header = await signPayload(secret, payload, t);
    const steps = await verifyDelivery({ payload, header, secret }, (t + 301) * 1000);
    expect(steps.comparisons).toEqual([expect.objectContaining({ matches: true })]);
    expect(steps.window).toEqual({ ageSeconds: 301, toleranceSeconds: 300, within: false });
    expect(steps.result).toEqual({ ok: false, reason: 'timestamp_outside_window', timestamp: t });
  });

  it('stops at a malformed header', async () => {
    const steps = await verifyDelivery({ payload, header: 'sha256=abc', secret }, nowMs);
    expect(steps).toEqual({ parsed: null, comparisons: [], result: { ok: false, reason: 'malformed_header' } });
    expect(failureExplanations[steps.result.ok ? 'malformed_header' : steps.result.reason]).toMatch(/^The DataStack-Signature header is not/);
  });

  it('computes nothing with an empty secret', async () => {
    const steps = await verifyDelivery({ payload, header: await signPayload(secret, payload, t), secret: ' ' }, nowMs);
    expect(steps.expected).toBeUndefined();
    expect(steps.result).toMatchObject({ ok: false, reason: 'signature_mismatch' });
  });
});

describe('headerValue', () => {
  it.each([
    ['t=1,v1=ab', 't=1,v1=ab'],
    ['  datastack-signature:t=1,v1=ab \n', 't=1,v1=ab'],
    ['DataStack-Signature: t=1,v1=ab', 't=1,v1=ab'],
  ])('reads %j as %j', (pasted, value) => {
    expect(headerValue(pasted)).toBe(value);
  });
});

describe('payloadWarnings', () => {
  it('says nothing about a compact body', () => {
    expect(payloadWarnings(payload)).toEqual([]);
  });

  it('points at a trailing line break and at pretty-printed JSON', () => {
    expect(payloadWarnings(`${payload}\n`)).toEqual(['The payload ends with whitespace or a line break. If the body you received did not, remove it.']);
    expect(payloadWarnings(JSON.stringify(JSON.parse(payload) as unknown, null, 2))).toEqual([
      'The payload looks pretty-printed. DataStack signs compact JSON: verify the raw body, not re-serialized JSON.',
    ]);
  });
});
