/**
 * Code snippets for a console request, generated with `@readme/httpsnippet`. Loaded with
 * `import()` when the reader opens the snippets tab, so it must stay free of Node-only APIs.
 *
 * Every snippet sends the bytes the console sends: the body goes to httpsnippet as opaque text
 * (see {@link harOf}) and the URL is put back after httpsnippet parsed it (see {@link buildSnippet}).
 */
import { HTTPSnippet } from '@readme/httpsnippet';

import type { ConsoleRequest } from './http-request';
import { maskText } from './mask';

/** The languages the console offers, in tab order, with the Prism language that highlights each. */
export const snippetLanguages = [
  { id: 'curl', label: 'curl', target: 'shell', client: 'curl', prism: 'bash' },
  { id: 'javascript', label: 'JavaScript', target: 'javascript', client: 'fetch', prism: 'javascript' },
  { id: 'python', label: 'Python', target: 'python', client: 'requests', prism: 'python' },
  { id: 'go', label: 'Go', target: 'go', client: 'native', prism: 'go' },
] as const;

export type SnippetLanguage = (typeof snippetLanguages)[number];
export type SnippetLanguageId = SnippetLanguage['id'];

export interface SnippetOptions {
  /** Credentials the request may carry: tokens, API keys, client secrets, passwords. */
  secrets: readonly string[];
  /** Replace every secret with `maskSecret`'s form (for showing); false for a runnable snippet. */
  mask: boolean;
}

/**
 * The base64 of a masked `id:secret` would be meaningless, and the real base64 would give the
 * secret away. So a masked Basic header shows what it encodes, in words:
 * `Basic <base64 of cli_reporting:dscs_••••••>`. Such a snippet does not run as shown; neither
 * does any masked one, and the reader switches masking off to copy a runnable snippet.
 */
function maskAuthorization(value: string, secrets: readonly string[]): string {
  const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(value);
  if (basic?.[1] !== undefined) {
    let decoded: string | undefined;
    try {
      // The console encodes with btoa (one byte per character), so atob gives back its text.
      decoded = atob(basic[1]);
    } catch {
      decoded = undefined;
    }
    if (decoded !== undefined) {
      const masked = maskText(decoded, secrets);
      if (masked !== decoded) return `Basic <base64 of ${masked}>`;
    }
  }
  return maskText(value, secrets);
}

function maskRequest(request: ConsoleRequest, secrets: readonly string[]): ConsoleRequest {
  return {
    method: request.method,
    url: maskText(request.url, secrets),
    headers: request.headers.map(
      ([name, value]) => [name, name.toLowerCase() === 'authorization' ? maskAuthorization(value, secrets) : maskText(value, secrets)] as const,
    ),
    ...(request.body === undefined ? {} : { body: { mediaType: request.body.mediaType, text: maskText(request.body.text, secrets) } }),
  };
}

/** The request's headers, with a Content-Type for its body when the console left it implicit. */
function headersOf(request: ConsoleRequest): ReadonlyArray<readonly [string, string]> {
  const { body, headers } = request;
  if (body === undefined || headers.some(([name]) => name.toLowerCase() === 'content-type')) return headers;
  return [...headers, ['Content-Type', body.mediaType]];
}

/**
 * httpsnippet's fetch target writes strings into single-quoted literals without escaping
 * backslashes or quotes (its stringify-object dependency escapes a quote only, and the URL not at
 * all), so a JSON body like `{"a":"\""}` would arrive changed. Escaping them first makes its own
 * escaping a no-op.
 */
const singleQuotedJs = (text: string): string => text.replace(/[\\']/g, (character) => `\\${character}`);

interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: Array<{ name: string; value: string }>;
  queryString: [];
  cookies: [];
  headersSize: number;
  bodySize: number;
  postData: { mimeType: string; text?: string };
}

/**
 * The request in HAR form. The body is declared `application/octet-stream` (the real type is in
 * the Content-Type header) because httpsnippet rewrites the bodies it understands: a form with
 * `text` and no `params` becomes an empty body, a form with `params` is re-encoded by `qs`
 * (repeated names become `scope%5B0%5D=`, numeric names move first), and JSON is pretty-printed
 * (curl) or turned into a dict sent with `json=` (Python). As opaque text it is copied into every
 * snippet unchanged.
 */
function harOf(request: ConsoleRequest, literal: (text: string) => string): HarRequest {
  return {
    method: request.method,
    url: request.url,
    httpVersion: 'HTTP/1.1',
    headers: headersOf(request).map(([name, value]) => ({ name, value: literal(value) })),
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: -1,
    postData: { mimeType: 'application/octet-stream', ...(request.body === undefined ? {} : { text: literal(request.body.text) }) },
  };
}

const nonAscii = /[\u0080-\uFFFF]/;

/**
 * A snippet that sends `request` in `language`.
 *
 * @param request the request exactly as the console sends it
 * @param language one of {@link snippetLanguages}' ids
 * @param options the credentials to mask, and whether to mask them
 * @returns the code, ready to show (masked) or to copy and run (unmasked)
 */
export function buildSnippet(request: ConsoleRequest, language: SnippetLanguageId, options: SnippetOptions): string {
  const found = snippetLanguages.find((candidate) => candidate.id === language);
  if (!found) throw new TypeError(`"language" must be one of ${snippetLanguages.map(({ id }) => id).join(', ')}, not ${JSON.stringify(language)}`);
  const { target, client } = found;
  const shown = options.mask ? maskRequest(request, options.secrets) : request;
  const literal = language === 'javascript' ? singleQuotedJs : (text: string) => text;

  const snippet = new HTTPSnippet(harOf(shown, literal)).init();
  // httpsnippet re-encodes the query (Node's url.parse, or the `url` package in a browser, then
  // qs.stringify): `read:clusters` becomes `read%3Aclusters`, bullets become %E2%80%A2. Same
  // meaning, other bytes; the URL the console sends is already a valid one.
  for (const prepared of snippet.requests) prepared.fullUrl = literal(shown.url);
  const [code] = snippet.convert(target, client, language === 'go' ? { checkErrors: true } : {}) || [];
  if (code === undefined) throw new Error(`httpsnippet has no ${target}/${client} target.`);

  // Requests hands a str body to http.client, which encodes it as Latin-1: non-ASCII JSON would
  // arrive changed or not at all. Bytes it sends as given. (Decided on the unmasked text, so the
  // masked snippet has the same shape as the runnable one.)
  const sent =
    language === 'python' && nonAscii.test(request.body?.text ?? '') ? code.replace(', data=payload', ', data=payload.encode("utf-8")') : code;
  // httpsnippet only copies what it is given, but a secret must not reach the screen if that changes.
  return options.mask ? maskText(sent, options.secrets) : sent;
}
