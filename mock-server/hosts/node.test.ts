import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hostSuite } from '../test/support/host-suite';
import { type RunningMock, startNodeMock } from './node';

describe('the Node host', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startNodeMock({ port: 0 });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('listens on loopback only', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  hostSuite(() => (path, init) => fetch(mock.url + path, init));
});

describe('the Node host shutting down', () => {
  it('stops accepting connections once closed', async () => {
    const mock = await startNodeMock({ port: 0 });
    expect((await fetch(`${mock.url}/sandbox`)).status).toBe(200);
    await mock.close();
    await expect(fetch(`${mock.url}/sandbox`)).rejects.toThrow();
  });
});

describe('the Node host on a busy port', () => {
  it('refuses to start instead of crashing', async () => {
    const first = await startNodeMock({ port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(startNodeMock({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await first.close();
  });
});
