import { beforeEach, describe, expect, it } from 'vitest';

import { hostSuite } from '../test/support/host-suite';
import { seeded, type TestSandbox, testSandbox } from '../test/support/client';

describe('the app through app.fetch', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await testSandbox();
  });

  hostSuite(() => async (path, init) => sandbox.app.request(`https://sandbox.datastack.test${path}`, init, { clientAddress: '192.0.2.1' }));

  it('answers an unknown path with 404 and a known path with a wrong method with 405 and Allow', async () => {
    const unknown = await sandbox.call('GET', '/v2/everything', { token: seeded.adaToken });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found' });
    const wrongMethod = await sandbox.call('PUT', '/v1/me', { token: seeded.adaToken });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.body).toMatchObject({ error: 'method_not_allowed', message: 'PUT is not allowed here; use GET.' });
  });

  it('refuses a JSON operation called with another media type with 415', async () => {
    const response = await sandbox.call('POST', '/sandbox/clock', { body: 'advance_seconds=60', headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(415);
    expect(response.body).toMatchObject({ error: 'unsupported_media_type', message: 'The body must be application/json.' });
  });

  it('refuses a body over 64 KiB with 413 and changes nothing', async () => {
    const response = await sandbox.call('POST', '/sandbox/clock', { json: { advance_seconds: 60, pad: 'x'.repeat(70_000) } });
    expect(response.status).toBe(413);
    expect(sandbox.sandbox.clock.offsetMs).toBe(0);
  });

  it('limits a credential by its plan tier and says when to retry', async () => {
    const { call, tick } = sandbox;
    for (let i = 0; i < 1000; i++) await call('GET', '/v1/me', { token: seeded.graceToken });
    const limited = await call('GET', '/v1/me', { token: seeded.graceToken });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    // Another credential of the same org has its own window.
    expect((await call('GET', '/v1/me', { token: seeded.adaToken })).status).toBe(200);
    tick(60_000);
    expect((await call('GET', '/v1/me', { token: seeded.graceToken })).status).toBe(200);
  });

  it('forgets rate-limit windows when the sandbox is reset', async () => {
    const { call } = sandbox;
    for (let i = 0; i < 1000; i++) await call('GET', '/v1/me', { token: seeded.graceToken });
    expect((await call('GET', '/v1/me', { token: seeded.graceToken })).status).toBe(429);
    expect((await call('POST', '/sandbox/reset')).status).toBe(200);
    expect((await call('GET', '/v1/me', { token: seeded.graceToken })).status).toBe(200);
  });
});
