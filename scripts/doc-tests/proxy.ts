/**
 * A reverse proxy in front of the sandbox that remembers every response it passed on, so the
 * runner can compare the last one with the page whatever language made the request.
 */
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  /** The body as text, decompressed. */
  body: string;
}

export interface RecordingProxy {
  url: string;
  /** Responses in the order they were sent back, each recorded before the client got it. */
  responses: RecordedResponse[];
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection; `expect` is answered by this server already.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'expect']);

/** Listens on a random loopback port and forwards every request to `target` (an origin URL). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const responses: RecordedResponse[] = [];
  const server = createServer((incoming, outgoing) => {
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    const request = forward(
      { hostname: upstream.hostname, port: upstream.port, method, path, headers: endToEnd(incoming.headers), agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = answer.statusCode ?? 502;
          responses.push({ method, path, status, body: decode(body, answer.headers['content-encoding']) });
          outgoing.writeHead(status, endToEnd(answer.headers));
          outgoing.end(body);
        });
      },
    );
    request.on('error', (error) => {
      const body = `doc-tests proxy: the sandbox did not answer: ${error.message}`;
      responses.push({ method, path, status: 502, body });
      outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(body);
    });
    incoming.pipe(request);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    responses,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
}

function decode(body: Buffer, encoding: string | undefined): string {
  try {
    if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
    if (encoding === 'deflate') return inflateSync(body).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(body).toString('utf8');
  } catch {
    // Not what the header claims: keep the raw bytes, the comparison will say what is wrong.
  }
  return body.toString('utf8');
}
