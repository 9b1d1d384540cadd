/**
 * Serves the production build (`build/`, or another directory) on 127.0.0.1 for a measurement
 * script the way a static host would: Docusaurus's own file handling (clean URLs), with gzip,
 * since every CDN compresses text and the measurements should reflect what readers download.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import compression from 'compression';
import serveHandler from 'serve-handler';

export interface ServedBuild {
  origin: string;
  stop(): Promise<void>;
}

export async function serveBuild(port: number, dir = 'build'): Promise<ServedBuild> {
  const gzip = compression();
  const server = createServer((request, response) => {
    gzip(request as Parameters<typeof gzip>[0], response as Parameters<typeof gzip>[1], () => {
      void serveHandler(request, response, { cleanUrls: true, public: dir, directoryListing: false });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: listening } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${listening}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
