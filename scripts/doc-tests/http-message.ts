/**
 * A strict reader of the HTTP/1.1 messages written in `http` fences (RFC 9112): a request
 * (request line, header fields, optional body) that the runner sends to the sandbox, or a
 * response (status line, header fields, optional body) that a page shows as an outcome.
 *
 * It accepts what RFC 9112 lets a server accept and nothing else, so a fence that a real
 * server would answer with `400 Bad Request` is reported here, with its line, instead:
 * lines end in LF or CRLF (§2.2), a field name is a token followed directly by `:` (§5.1),
 * obsolete line folding is refused (§5.2), a request has exactly one `Host` (§3.2) and a
 * `Content-Length` that is written must be the body's length in bytes (§6.2).
 */

export interface HttpField {
  name: string;
  value: string;
}

export interface HttpRequestMessage {
  method: string;
  /** As written: origin form (`/v1/me?x=1`) or absolute form (`http://127.0.0.1:4010/v1/me`). */
  target: string;
  version: string;
  fields: HttpField[];
  body: string;
}

export interface HttpResponseMessage {
  version: string;
  status: number;
  fields: HttpField[];
  body: string;
}

/** A message that breaks RFC 9112; `line` counts from 1 at the first line of the fence. */
export class HttpMessageError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'HttpMessageError';
  }
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const version = /^HTTP\/1\.[01]$/;
const statusLine = /^(HTTP\/\d\.\d) (\d{3})(?: [\t \x21-\x7e\x80-\uffff]*)?$/;
// Field values: visible characters, spaces and tabs (RFC 9110 §5.5); never CR, LF or NUL.
const fieldValue = /^[\t \x21-\x7e\x80-\uffff]*$/;

/** True when the fence shows a response (its first line starts like a status line), not a request. */
export function isHttpResponse(text: string): boolean {
  return text.trimStart().startsWith('HTTP/');
}

/** Reads an HTTP/1.1 request; throws `HttpMessageError` naming the first line at fault. */
export function parseHttpRequest(text: string): HttpRequestMessage {
  const { start, fields, body } = splitMessage(text);
  const parts = start.split(' ');
  if (parts.length !== 3 || parts.some((part) => part === '')) {
    throw new HttpMessageError(1, `the request line must be "METHOD target HTTP/1.1", single spaces apart, got ${JSON.stringify(start)}`);
  }
  const [method = '', target = '', written = ''] = parts;
  if (!token.test(method)) throw new HttpMessageError(1, `the method ${JSON.stringify(method)} is not an HTTP token`);
  if (!version.test(written)) throw new HttpMessageError(1, `the version must be HTTP/1.1 (or HTTP/1.0), got ${JSON.stringify(written)}`);
  if (!target.startsWith('/') && !/^https?:\/\//.test(target)) {
    throw new HttpMessageError(1, `the target must be a path ("/v1/me") or an absolute http(s) URL, got ${JSON.stringify(target)}`);
  }
  const hosts = fields.filter((field) => field.name.toLowerCase() === 'host');
  if (hosts.length !== 1) throw new HttpMessageError(1, `a request needs exactly one Host header field, this one has ${hosts.length}`);
  checkFraming(fields, body);
  return { method, target, version: written, fields, body };
}

/** Reads an HTTP/1.x response; throws `HttpMessageError` naming the first line at fault. */
export function parseHttpResponse(text: string): HttpResponseMessage {
  const { start, fields, body } = splitMessage(text);
  const match = statusLine.exec(start);
  if (match === null) throw new HttpMessageError(1, `the status line must be "HTTP/1.1 200 OK", got ${JSON.stringify(start)}`);
  checkFraming(fields, body);
  return { version: match[1] ?? '', status: Number(match[2]), fields, body };
}

/** The value of the one field called `name` (any case), if there is one. */
export function fieldOf(fields: readonly HttpField[], name: string): string | undefined {
  return fields.find((field) => field.name.toLowerCase() === name.toLowerCase())?.value;
}

function splitMessage(text: string): { start: string; fields: HttpField[]; body: string } {
  const lines = text.split('\n');
  // RFC 9112 §2.2: empty lines before the start line are ignored.
  let first = 0;
  while (first < lines.length && (lines[first] ?? '').replace(/\r$/, '') === '') first++;
  if (first === lines.length) throw new HttpMessageError(1, 'the message is empty');
  const blank = lines.findIndex((line, index) => index > first && line.replace(/\r$/, '') === '');
  const head = lines.slice(first, blank === -1 ? undefined : blank).map((line, offset) => {
    const bare = line.replace(/\r$/, '');
    if (bare.includes('\r')) throw new HttpMessageError(first + offset + 1, 'a bare CR is not a line ending');
    return bare;
  });
  const [start = '', ...fieldLines] = head;
  const fields = fieldLines.map((line, index) => parseField(line, first + index + 2));
  return { start, fields, body: blank === -1 ? '' : lines.slice(blank + 1).join('\n') };
}

function parseField(line: string, number: number): HttpField {
  if (/^[ \t]/.test(line)) throw new HttpMessageError(number, 'a line folded onto the previous field (obs-fold) is not allowed');
  const colon = line.indexOf(':');
  if (colon === -1) throw new HttpMessageError(number, `a header field must be "Name: value", got ${JSON.stringify(line)}`);
  const name = line.slice(0, colon);
  if (!token.test(name)) {
    const why = /\s$/.test(name) ? 'no space is allowed between a field name and its colon' : 'it is not an HTTP token';
    throw new HttpMessageError(number, `the field name ${JSON.stringify(name)} is not valid: ${why}`);
  }
  const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  if (!fieldValue.test(value)) throw new HttpMessageError(number, `the value of ${name} holds a control character`);
  return { name, value };
}

function checkFraming(fields: readonly HttpField[], body: string): void {
  if (fieldOf(fields, 'transfer-encoding') !== undefined) {
    throw new HttpMessageError(1, 'Transfer-Encoding cannot be shown in a fence: leave it out and write the body as it is');
  }
  const lengths = fields.filter((field) => field.name.toLowerCase() === 'content-length');
  if (lengths.length > 1) throw new HttpMessageError(1, 'Content-Length is given more than once');
  const written = lengths[0]?.value;
  if (written === undefined) return;
  const actual = new TextEncoder().encode(body).length;
  if (!/^\d+$/.test(written) || Number(written) !== actual) {
    throw new HttpMessageError(1, `Content-Length says ${written} but the body is ${actual} byte(s): leave it out or correct it`);
  }
}
