import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { baseEnvironment, evaluateSetup } from './environment';

const mockUrl = 'http://127.0.0.1:5999';
const base = { PATH: process.env.PATH, HOME: process.env.HOME };
const block = (line: number, code: string): { line: number; code: string } => ({ line, code });

describe('evaluateSetup', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doc-tests-env-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes on what the setup fences export, in order, with the fresh sandbox as base URL', async () => {
    const result = await evaluateSetup(
      [
        block(3, "export DATASTACK_BASE_URL='http://127.0.0.1:4010'\nexport TOKENS_URL=\"$DATASTACK_BASE_URL/v1/tokens\"\nexport USER_NAME='ada'"),
        block(9, 'export GREETING="hello $USER_NAME"\nNOT_EXPORTED=1'),
      ],
      base,
      mockUrl,
      dir,
    );
    expect(result).toEqual({
      env: { ...base, DATASTACK_BASE_URL: mockUrl, TOKENS_URL: `${mockUrl}/v1/tokens`, USER_NAME: 'ada', GREETING: 'hello ada' },
    });
  });

  it('overrides any other base URL the page sets', async () => {
    const result = await evaluateSetup([block(1, "export DATASTACK_BASE_URL='https://sandbox.datastack.test'")], base, mockUrl, dir);
    expect(result).toMatchObject({ env: { DATASTACK_BASE_URL: mockUrl } });
  });

  it('says which fences failed and why', async () => {
    const result = await evaluateSetup([block(4, 'export A=1'), block(8, 'echo nope >&2; false')], base, mockUrl, dir);
    expect(result).toEqual({ failure: 'the setup fence(s) at line 4, 8 exited with 1: nope' });
  });
});

describe('baseEnvironment', () => {
  it('leaves out the developer’s DATASTACK_* variables, proxies and Go flags', () => {
    const planted = { DATASTACK_TOKEN: 'mine', HTTPS_PROXY: 'http://proxy.example:3128', GOFLAGS: '-mod=vendor' };
    const saved = Object.fromEntries(Object.keys(planted).map((name) => [name, process.env[name]]));
    Object.assign(process.env, planted);
    try {
      const env = baseEnvironment('/tmp/root');
      expect(env).not.toHaveProperty('DATASTACK_TOKEN');
      expect(env).not.toHaveProperty('HTTPS_PROXY');
      expect(env).not.toHaveProperty('GOFLAGS');
      expect(env).toMatchObject({ GOCACHE: '/tmp/root/go-cache', GOPATH: '/tmp/root/go-path', GOPROXY: 'off', NO_PROXY: '127.0.0.1,localhost' });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
