import { describe, expect, it } from 'vitest';

import { HttpMessageError, isHttpResponse, parseHttpRequest, parseHttpResponse } from './http-message';

const lines = (...parts: string[]): string => parts.join('\n');
const failure = (read: () => unknown): { line: number; reason: string } | undefined => {
  try {
    read();
  } catch (error) {
    if (error instanceof HttpMessageError) return { line: error.line, reason: error.reason };
    throw error;
  }
  return undefined;
};

describe('parseHttpRequest', () => {
  it('reads the request line, the fields in order and the body', () => {
    const request = parseHttpRequest(
      lines('POST /v1/tokens?x=1 HTTP/1.1', 'Host: sandbox.datastack.test', 'Content-Type:  application/json  ', 'Accept: a', 'Accept: b', '', '{"label":', ' "ci"}'),
    );
    expect(request).toEqual({
      method: 'POST',
      target: '/v1/tokens?x=1',
      version: 'HTTP/1.1',
      fields: [
        { name: 'Host', value: 'sandbox.datastack.test' },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'Accept', value: 'a' },
        { name: 'Accept', value: 'b' },
      ],
      body: '{"label":\n "ci"}',
    });
  });

  it('accepts CRLF line endings, an absolute target and no body', () => {
    expect(parseHttpRequest('GET http://127.0.0.1:4010/v1/me HTTP/1.1\r\nHost: 127.0.0.1:4010\r\n')).toEqual({
      method: 'GET',
      target: 'http://127.0.0.1:4010/v1/me',
      version: 'HTTP/1.1',
      fields: [{ name: 'Host', value: '127.0.0.1:4010' }],
      body: '',
    });
  });

  it('refuses a request line that is not METHOD target version, single spaces apart', () => {
    expect(failure(() => parseHttpRequest(lines('GET  /v1/me HTTP/1.1', 'Host: h')))).toEqual({
      line: 1,
      reason: 'the request line must be "METHOD target HTTP/1.1", single spaces apart, got "GET  /v1/me HTTP/1.1"',
    });
    expect(failure(() => parseHttpRequest(lines('GET /v1/me', 'Host: h')))?.line).toBe(1);
    expect(failure(() => parseHttpRequest(lines('GE(T /v1/me HTTP/1.1', 'Host: h')))?.reason).toBe('the method "GE(T" is not an HTTP token');
    expect(failure(() => parseHttpRequest(lines('GET /v1/me HTTP/2', 'Host: h')))?.reason).toBe('the version must be HTTP/1.1 (or HTTP/1.0), got "HTTP/2"');
    expect(failure(() => parseHttpRequest(lines('GET v1/me HTTP/1.1', 'Host: h')))?.reason).toMatch(/^the target must be a path/);
  });

  it('needs exactly one Host (RFC 9112 §3.2)', () => {
    expect(failure(() => parseHttpRequest('GET /v1/me HTTP/1.1'))?.reason).toBe('a request needs exactly one Host header field, this one has 0');
    expect(failure(() => parseHttpRequest(lines('GET /v1/me HTTP/1.1', 'Host: a', 'host: b')))?.reason).toBe(
      'a request needs exactly one Host header field, this one has 2',
    );
  });

  it('names the line of a malformed field: no colon, space before the colon, folding, control characters', () => {
    expect(failure(() => parseHttpRequest(lines('GET / HTTP/1.1', 'Host: h', 'Authorization Bearer x')))).toEqual({
      line: 3,
      reason: 'a header field must be "Name: value", got "Authorization Bearer x"',
    });
    expect(failure(() => parseHttpRequest(lines('GET / HTTP/1.1', 'Host : h')))).toEqual({
      line: 2,
      reason: 'the field name "Host " is not valid: no space is allowed between a field name and its colon',
    });
    expect(failure(() => parseHttpRequest(lines('GET / HTTP/1.1', 'Host: h', 'X-A: one', '  two')))).toEqual({
      line: 4,
      reason: 'a line folded onto the previous field (obs-fold) is not allowed',
    });
    expect(failure(() => parseHttpRequest(lines('GET / HTTP/1.1', 'Host: h', 'X-A: one\u0000two')))?.line).toBe(3);
    expect(failure(() => parseHttpRequest(lines('GET / HTTP/1.1', 'Host: h\rX-B: 1')))).toEqual({ line: 2, reason: 'a bare CR is not a line ending' });
  });

  it('counts lines from the top of the fence, past empty lines before the request line', () => {
    expect(failure(() => parseHttpRequest(lines('', '', 'GET / HTTP/1.1', 'Host: h', 'bad')))?.line).toBe(5);
  });

  it('checks a written Content-Length against the body in bytes and refuses Transfer-Encoding', () => {
    expect(parseHttpRequest(lines('POST / HTTP/1.1', 'Host: h', 'Content-Length: 4', '', 'cafe')).body).toBe('cafe');
    expect(failure(() => parseHttpRequest(lines('POST / HTTP/1.1', 'Host: h', 'Content-Length: 4', '', 'café')))?.reason).toBe(
      'Content-Length says 4 but the body is 5 byte(s): leave it out or correct it',
    );
    expect(failure(() => parseHttpRequest(lines('POST / HTTP/1.1', 'Host: h', 'Transfer-Encoding: chunked', '', '4')))?.reason).toMatch(
      /^Transfer-Encoding cannot be shown/,
    );
  });

  it('refuses an empty fence', () => {
    expect(failure(() => parseHttpRequest('\n\n'))).toEqual({ line: 1, reason: 'the message is empty' });
  });
});

describe('parseHttpResponse', () => {
  it('reads the status line, fields and body', () => {
    expect(parseHttpResponse(lines('HTTP/1.1 403 Forbidden', 'Content-Type: application/json', '', '{"error": "insufficient_scope"}'))).toEqual({
      version: 'HTTP/1.1',
      status: 403,
      fields: [{ name: 'Content-Type', value: 'application/json' }],
      body: '{"error": "insufficient_scope"}',
    });
    expect(parseHttpResponse('HTTP/1.1 204').status).toBe(204);
  });

  it('refuses a status line without a three-digit status', () => {
    expect(failure(() => parseHttpResponse('HTTP/1.1 OK'))).toEqual({ line: 1, reason: 'the status line must be "HTTP/1.1 200 OK", got "HTTP/1.1 OK"' });
  });
});

describe('isHttpResponse', () => {
  it('tells a response from a request by its first line', () => {
    expect(isHttpResponse('HTTP/1.1 200 OK\nContent-Type: text/plain')).toBe(true);
    expect(isHttpResponse('\nHTTP/2 404')).toBe(true);
    expect(isHttpResponse('HTTP/1.1 OK')).toBe(true);
    expect(isHttpResponse('GET /v1/me HTTP/1.1\nHost: h')).toBe(false);
  });
});
