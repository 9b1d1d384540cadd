/**
 * The one `onError`: the same refusal takes the shape of the route family it happened in.
 */
import { describe, expect, it, vi } from 'vitest';

import { testSandbox } from '../test/support/client';

const headerNames = (headers: Headers): string[] => [...headers.keys()];
/** Headers every response carries, whatever its family. */
const everyResponse = ['access-control-allow-origin', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'x-request-id'];
const page = [...everyResponse, 'cache-control', 'content-security-policy', 'content-type'].sort();

describe('onError by route family', () => {
  it('shows a refusal on the consent page and the device page as a 400 page, with none of the API error headers', async () => {
    const { call } = await testSandbox();
    const consent = await call('POST', '/oauth2/authorize', { form: { client_id: 'cli_desktop', decision: 'maybe' } });
    expect(consent.status).toBe(400);
    expect(headerNames(consent.headers)).toEqual(page);
    expect(consent.text).toContain('<h1>This request is not valid</h1>');
    // The device page shows its refusal on the form itself.
    const device = await call('GET', '/device?user_code=AEIO-UAEI');
    expect(device.status).toBe(400);
    expect(headerNames(device.headers)).toEqual(page);
    expect(device.text).toContain('<form method="post" action="/device">');
    expect(device.text).toContain('That code does not look right.');
  });

  it('shows a fault on a page as a 500 page without the error text, and as the body of the family elsewhere', async () => {
    const { call, sandbox } = await testSandbox();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    sandbox.store.clients.get = () => {
      throw new TypeError('a bug, with request data in its message');
    };
    const consent = await call('GET', '/oauth2/authorize?client_id=cli_desktop');
    expect(consent.status).toBe(500);
    expect(headerNames(consent.headers)).toEqual(page);
    expect(consent.text).toContain('<h1>Something went wrong</h1>\n<p>Something went wrong on our side.</p>');
    expect(consent.text).not.toContain('request data');
    const token = await call('POST', '/oauth2/token', { form: { grant_type: 'client_credentials', client_id: 'cli_desktop' } });
    expect(token.status).toBe(500);
    expect(token.body).toEqual({
      error: 'server_error',
      error_description: 'Something went wrong on our side; nothing was changed. Quote the request id if it happens again.',
    });
    // Logged once per fault, naming the route but not the request's data.
    expect(logged.mock.calls.map(([line]) => line)).toEqual([
      'sandbox: unexpected TypeError on GET /oauth2/authorize: a bug, with request data in its message',
      'sandbox: unexpected TypeError on POST /oauth2/token: a bug, with request data in its message',
    ]);
    logged.mockRestore();
  });

  it('answers an unsupported method on a page path as on any path: a 405 body with Allow, not a page', async () => {
    const { call } = await testSandbox();
    const device = await call('PUT', '/device');
    expect(device.status).toBe(405);
    expect(device.headers.get('allow')).toBe('GET, POST');
    expect(device.body).toMatchObject({ error: 'method_not_allowed', message: 'PUT is not allowed here; use GET or POST.' });
    // /oauth2/authorize is an OAuth path: the RFC 6749 body.
    const authorize = await call('DELETE', '/oauth2/authorize');
    expect(authorize.status).toBe(405);
    expect(authorize.headers.get('pragma')).toBe('no-cache');
    expect(authorize.body).toEqual({ error: 'invalid_request', error_description: 'DELETE is not allowed here; use GET or POST.' });
  });
});
