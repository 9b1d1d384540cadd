import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sendHttpExample, substituteVariables } from './http-send';

interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

/** A server that answers every request with what it received, as JSON. */
function startEcho(): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming: IncomingMessage, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const received: Received = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        rawHeaders: incoming.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      outgoing.writeHead(incoming.url === '/refuse' ? 401 : 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(received));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

const received = (stdout: string): Received => JSON.parse(stdout.slice(stdout.indexOf('\n\n') + 2)) as Received;

describe('substituteVariables', () => {
  it('puts in $NAME and ${NAME} from the environment', () => {
    expect(substituteVariables('Bearer $TOKEN, ${TOKEN}s at $DATASTACK_BASE_URL/v1', { TOKEN: 'dsp_1', DATASTACK_BASE_URL: 'http://x' })).toEqual({
      text: 'Bearer dsp_1, dsp_1s at http://x/v1',
    });
  });

  it('lists every name that is not set, once', () => {
    expect(substituteVariables('$A $B ${A} $1 $', { B: 'b' })).toEqual({ unset: ['A'] });
  });
});

describe('sendHttpExample', () => {
  let echo: { server: Server; url: string };
  beforeAll(async () => {
    echo = await startEcho();
  });
  afterAll(() => new Promise<void>((resolve) => echo.server.close(() => resolve())));

  it('sends the request as written, with the page’s variables, the sandbox’s Host and the body’s length', async () => {
    const code = [
      'POST /v1/tokens?dry=1 HTTP/1.1',
      'Host: sandbox.datastack.test',
      'Authorization: Bearer ${DATASTACK_TOKEN}',
      'Content-Type: application/json',
      'X-Note: one',
      'x-note: two',
      '',
      '{"label": "$LABEL"}',
    ].join('\n');
    const result = await sendHttpExample(code, { DATASTACK_BASE_URL: echo.url, DATASTACK_TOKEN: 'dsp_abc', LABEL: 'café' });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK\n/);
    const seen = received(result.stdout);
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/tokens?dry=1', body: '{"label": "café"}' });
    expect(seen.rawHeaders).toEqual([
      'Host',
      new URL(echo.url).host,
      'Authorization',
      'Bearer dsp_abc',
      'Content-Type',
      'application/json',
      'X-Note',
      'one',
      'x-note',
      'two',
      'Content-Length',
      '18',
      'Connection',
      'close',
    ]);
  });

  it('sends an absolute target to the sandbox by its path', async () => {
    const code = `GET ${echo.url}/v1/me HTTP/1.1\nHost: 127.0.0.1:4010`;
    const result = await sendHttpExample(code, { DATASTACK_BASE_URL: echo.url });
    expect(received(result.stdout)).toMatchObject({ method: 'GET', url: '/v1/me', body: '' });
  });

  it('reports the answer whatever its status: judging it is the runner’s job', async () => {
    const result = await sendHttpExample('GET /refuse HTTP/1.1\nHost: 127.0.0.1:4010', { DATASTACK_BASE_URL: echo.url });
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\n/);
  });

  it('refuses, with the reason and sending nothing, a request that is malformed, aimed elsewhere or uses an unset variable', async () => {
    const env = { DATASTACK_BASE_URL: 'http://127.0.0.1:1' };
    await expect(sendHttpExample('GET /v1/me HTTP/1.1\nHost: api.datastack.cloud', env)).resolves.toMatchObject({
      exitCode: 1,
      stderr: 'the request cannot be sent: the Host "api.datastack.cloud" is not the sandbox: write sandbox.datastack.test or 127.0.0.1:4010',
    });
    await expect(sendHttpExample('GET https://example.com/v1/me HTTP/1.1\nHost: sandbox.datastack.test', env)).resolves.toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('the target’s host "example.com" is not the sandbox') as unknown,
    });
    await expect(sendHttpExample('GET /v1/me HTTP/1.1\nHost : sandbox.datastack.test', env)).resolves.toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('the fence is not a valid HTTP request: line 2: the field name "Host " is not valid') as unknown,
    });
    await expect(sendHttpExample('GET /v1/me HTTP/1.1\nHost: 127.0.0.1:4010\nAuthorization: Bearer $NOPE', env)).resolves.toMatchObject({
      exitCode: 1,
      stderr: 'the request uses $NOPE, which no setup fence of the page exports',
    });
  });

  it('says so when nothing answers', async () => {
    const result = await sendHttpExample('GET /v1/me HTTP/1.1\nHost: 127.0.0.1:4010', { DATASTACK_BASE_URL: 'http://127.0.0.1:1' });
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^the request could not be sent: .*ECONNREFUSED/) as unknown });
  });
});
