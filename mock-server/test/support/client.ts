/**
 * Calls the sandbox app in-process, the way every HTTP test does: `app.request()`, no ports.
 * Each response is checked against the spec before the test sees it.
 */
import type { Hono } from 'hono';

import { SandboxClock } from '../../core/clock';
import { Sandbox } from '../../core/sandbox';
import { seed } from '../../core/seed';
import { createApp } from '../../http/app';
import type { AppEnv } from '../../http/env';
import { assertMatchesSpec, operationFor } from './contract';

export interface CallOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as `Authorization: Basic base64(username:password)`. */
  basic?: { username: string; password: string };
  /** Sent as a JSON body with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as an `application/x-www-form-urlencoded` body. */
  form?: Record<string, string>;
  /** A raw body, sent as is (with whatever content type `headers` give). */
  body?: string;
  headers?: Record<string, string>;
  /** The caller's address, for limits on endpoints that take no credential. */
  clientAddress?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary fields of checked bodies
  body: any;
}

export interface TestSandbox {
  sandbox: Sandbox;
  app: Hono<AppEnv>;
  /** Moves real time forward (the clock's base), for tests of windows and expiry. */
  tick(ms: number): void;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
}

/** A freshly seeded sandbox on a controllable clock. */
export async function testSandbox(): Promise<TestSandbox> {
  let real = Date.now();
  const sandbox = await Sandbox.create({ clock: new SandboxClock(0, () => real) });
  const app = createApp(sandbox);
  return {
    sandbox,
    app,
    tick: (ms) => {
      real += ms;
    },
    async call(method, path, options = {}) {
      const headers = new Headers(options.headers);
      if (options.token !== undefined) headers.set('Authorization', `Bearer ${options.token}`);
      if (options.basic) headers.set('Authorization', `Basic ${btoa(`${options.basic.username}:${options.basic.password}`)}`);
      let body = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
      }
      if (options.form !== undefined) {
        body = new URLSearchParams(options.form).toString();
        if (!headers.has('content-type')) headers.set('Content-Type', 'application/x-www-form-urlencoded');
      }
      const response = await app.request(
        `https://sandbox.datastack.test${path}`,
        { method, headers, ...(body === undefined ? {} : { body }) },
        { clientAddress: options.clientAddress ?? '192.0.2.1' },
      );
      const text = await response.text();
      // Map to the operation by the path the server sees: URL parsing resolves `.` and `..` segments.
      const operation = operationFor(method, new URL(`https://sandbox.datastack.test${path}`).pathname);
      if (operation) assertMatchesSpec({ operationId: operation.operationId, status: response.status, headers: response.headers, text });
      let parsed: unknown;
      try {
        parsed = text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    },
  };
}

const tokenSecret = (id: string): string => seed.tokens.find((token) => token.id === id)?.secret ?? '';
const keySecret = (id: string): string => seed.apiKeys.find((key) => key.id === id)?.secret ?? '';
const clientSecret = (id: string): string => seed.clients.find((client) => client.id === id)?.secret ?? '';

/** The seeded credentials, by the role they play in tests. */
export const seeded = {
  /** Ada (admin): read:profile, manage:tokens, manage:api-keys, manage:oauth-clients, manage:org, manage:webhooks, manage:clusters, read:workspaces. */
  adaToken: tokenSecret('tok_adaCli'),
  /** Grace (member): read:profile, read:clusters, read:workspaces. */
  graceToken: tokenSecret('tok_graceRead'),
  /** Ada's key: manage:clusters, read:workspaces. */
  ingestKey: keySecret('key_ingest'),
  /** Grace's restricted key: read:clusters, read:workspaces. */
  dashboardKey: keySecret('key_dashboard'),
  /** Ada's platform key: manage:users, manage:workspaces, manage:clusters, manage:jobs, manage:notebooks, manage:pipelines, manage:sql. */
  platformKey: keySecret('key_platform'),
  /** Load Lab (unmetered tier): read:api-keys, read:clusters, read:workspaces. */
  loadtestKey: keySecret('key_loadtest'),
  /** Alan (viewer): read:profile, read:clusters, read:workspaces. */
  alanToken: tokenSecret('tok_alanView'),
  /** Pia, Pico Labs (starter tier): read:profile, read:clusters, read:workspaces. */
  piaToken: tokenSecret('tok_piaCli'),
  /** Globex Data (enterprise tier): read:profile, read:clusters, read:workspaces. */
  globexKey: keySecret('key_globexSync'),
  ada: { username: 'ada@acme.test', password: 'analytical-engine-1843' },
  alan: { username: 'alan@acme.test', password: 'bombe-at-bletchley-1940' },
  grace: { username: 'grace@acme.test', password: 'harvard-mark-1-1944' },
  reporting: { clientId: 'cli_reporting', clientSecret: clientSecret('cli_reporting') },
  loadtest: { clientId: 'cli_loadtest', clientSecret: clientSecret('cli_loadtest') },
  /** Allowed all-apis (and so every scope it includes), by client credentials. */
  opsConsole: { clientId: 'cli_opsConsole', clientSecret: clientSecret('cli_opsConsole') },
  desktop: { clientId: 'cli_desktop' },
} as const;
