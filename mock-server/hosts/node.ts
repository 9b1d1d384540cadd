/**
 * The sandbox as a local HTTP server for curl and SDK examples: `npm run mock`.
 * Listens on 127.0.0.1:4010 unless `HOST`/`PORT` say otherwise; stops cleanly on SIGINT/SIGTERM.
 */
import { createHash } from 'node:crypto';

import { serve } from '@hono/node-server';

import { Sandbox } from '../core/sandbox';
import { useSha256 } from '../core/secrets';
import { createApp } from '../http/app';

export interface RunningMock {
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Starts the Node mock; resolves once it is listening. */
export async function startNodeMock(options: { host?: string; port?: number } = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  useSha256((data) => createHash('sha256').update(data).digest());
  const sandbox = await Sandbox.create();
  const app = createApp(sandbox);
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, env: { incoming?: { socket?: { remoteAddress?: string } } }) =>
          app.fetch(request, { clientAddress: env.incoming?.socket?.remoteAddress ?? 'unknown' }),
        hostname: host,
        port: options.port ?? 4010,
      },
      (info) => {
        resolve({
          url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
          sandbox,
          close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
        });
      },
    );
    server.once('error', reject);
  });
}
