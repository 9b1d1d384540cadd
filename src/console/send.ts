/**
 * Sends a console request with `fetch` and captures everything the reader should see: status,
 * headers, body and the time it took, or why no response arrived.
 */
import type { ConsoleRequest } from './http-request';

export type ConsoleResult =
  | {
      kind: 'response';
      status: number;
      statusText: string;
      headers: [string, string][];
      body: string;
      durationMs: number;
    }
  /** The server answered with a redirect, which browsers do not let a page inspect. */
  | { kind: 'redirect'; durationMs: number }
  /** No HTTP response: connection refused, DNS failure, or blocked by CORS. */
  | { kind: 'network-error'; message: string; durationMs: number };

// HTTP/2 and service-worker responses carry no reason phrase; show the usual one.
const reasonPhrases: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  302: 'Found',
  303: 'See Other',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export async function sendRequest(request: ConsoleRequest): Promise<ConsoleResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers.map(([name, value]): [string, string] => [name, value]),
      body: request.body?.text,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    });
    if (response.type === 'opaqueredirect') return { kind: 'redirect', durationMs: elapsed() };
    const body = await response.text();
    return {
      kind: 'response',
      status: response.status,
      statusText: response.statusText || reasonPhrases[response.status] || '',
      headers: [...response.headers.entries()],
      body,
      durationMs: elapsed(),
    };
  } catch (error) {
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error), durationMs: elapsed() };
  }
}

/** Pretty-prints a JSON body; anything else is shown as it came. */
export function displayBody(body: string, headers: readonly (readonly [string, string])[]): { text: string; language: string } {
  const contentType = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (contentType.includes('json')) {
    try {
      return { text: JSON.stringify(JSON.parse(body), null, 2), language: 'json' };
    } catch {
      return { text: body, language: 'text' };
    }
  }
  return { text: body, language: contentType.includes('html') ? 'html' : 'text' };
}
