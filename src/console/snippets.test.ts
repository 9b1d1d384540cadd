/**
 * The snippets run as shown. Each language's snippet for a few representative requests is written
 * to a file and run with the real tool (bash + curl, Node, Python with requests, Go) against the
 * Node mock; a capture server checks that each one sends the console's bytes. A missing tool is a
 * failure naming the Debian package, never a skip: CI installs them (see `.ci/run`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seed } from '../../mock-server/core/seed';
import { type RunningMock, startNodeMock } from '../../mock-server/hosts/node';
import type { ConsoleRequest } from './http-request';
import { maskSecret } from './mask';
import { buildSnippet, type SnippetLanguageId, snippetLanguages } from './snippets';

const seededSecret = <T extends { id: string; secret: string | null }>(records: readonly T[], id: string): string => {
  const secret = records.find((record) => record.id === id)?.secret;
  if (!secret) throw new Error(`the seed has no secret for ${id}`);
  return secret;
};
const adaToken = seededSecret(seed.tokens, 'tok_adaCli');
const ingestKey = seededSecret(seed.apiKeys, 'key_ingest');
const reportingSecret = seededSecret(seed.clients, 'cli_reporting');
const ada = seed.users.find((user) => user.id === 'usr_ada');
if (!ada) throw new Error('the seed has no usr_ada');
const secrets = [adaToken, ingestKey, reportingSecret, ada.password];

const basic = (username: string, password: string): string => `Basic ${btoa(`${username}:${password}`)}`;
const form = 'application/x-www-form-urlencoded';


interface RunResult {
  command: string;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const runTimeoutMs = 20_000;
// The first Go build compiles net/http when the toolchain ships no precompiled standard library.
const goBuildTimeoutMs = 120_000;

let workRoot: string;
let childEnv: NodeJS.ProcessEnv;

function run(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: childEnv, timeout: options.timeoutMs ?? runTimeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // `code` is the exit status, or a string such as ENOENT when the command could not start.
        const code = error?.code;
        resolve({
          command: [command, ...args].join(' '),
          exitCode: error === null ? 0 : typeof code === 'number' ? code : null,
          signal: error?.signal ?? null,
          stdout,
          stderr: typeof code === 'string' ? `${stderr}${code}` : stderr,
        });
      },
    );
  });
}

/** What each language needs: the interpreter found, or the message a failing test shows. */
type Tool = { command: string } | { missing: string };
const tools = new Map<SnippetLanguageId, Tool>();

async function findTools(): Promise<void> {
  const succeeds = async (command: string, args: readonly string[]): Promise<boolean> => (await run(command, args)).exitCode === 0;
  const [curl, python, go] = await Promise.all([
    succeeds('curl', ['--version']),
    (async () => {
      // A pyenv shim may shadow Debian's python3 without having requests: prefer the system one.
      for (const candidate of ['/usr/bin/python3', 'python3']) if (await succeeds(candidate, ['-c', 'import requests'])) return candidate;
      return undefined;
    })(),
    succeeds('go', ['version']),
  ]);
  tools.set('curl', curl ? { command: 'bash' } : { missing: 'curl is needed to run the curl snippets and is not on PATH. On Debian: apt-get install curl' });
  tools.set('javascript', { command: process.execPath });
  tools.set(
    'python',
    python
      ? { command: python }
      : { missing: 'Python 3 with the requests module is needed to run the Python snippets (tried /usr/bin/python3 and python3). On Debian: apt-get install python3-requests' },
  );
  tools.set('go', go ? { command: 'go' } : { missing: 'Go is needed to run the Go snippets and `go` is not on PATH. On Debian: apt-get install golang-go' });
}

function toolFor(language: SnippetLanguageId): string {
  const tool = tools.get(language);
  if (!tool) throw new Error(`no tool looked up for ${language}`);
  if ('missing' in tool) throw new Error(tool.missing);
  return tool.command;
}

const fileNames: Record<SnippetLanguageId, string> = { curl: 'snippet.sh', javascript: 'snippet.mjs', python: 'snippet.py', go: 'main.go' };

async function runSnippet(language: SnippetLanguageId, code: string): Promise<RunResult> {
  const command = toolFor(language);
  const dir = await mkdtemp(join(workRoot, `${language}-`));
  await writeFile(join(dir, fileNames[language]), code);
  if (language !== 'go') return run(command, [fileNames[language]], { cwd: dir });
  const build = await run(command, ['build', '-o', 'snippet', fileNames.go], { cwd: dir, timeoutMs: goBuildTimeoutMs });
  return build.exitCode === 0 ? run(join(dir, 'snippet'), [], { cwd: dir }) : build;
}

function expectSucceeded(result: RunResult, code: string): void {
  if (result.exitCode === 0) return;
  const how =
    result.signal !== null
      ? `was killed (${result.signal}), probably by its timeout`
      : result.exitCode === null
        ? 'could not start'
        : `exited with ${result.exitCode}`;
  throw new Error(`\`${result.command}\` ${how}\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}\n--- snippet\n${code}`);
}

/** A field as JSON prints it (`"name":"value`) or as Node's console.log shows a parsed body (`name: 'value`). */
const field = (name: string, value: string): RegExp => new RegExp(`\\b${name}['"]?:\\s*['"]${value}`);


interface MockCase {
  name: string;
  request(base: string, language: SnippetLanguageId): ConsoleRequest;
  expectBody(stdout: string): void;
}

const mockCases: readonly MockCase[] = [
  {
    name: 'GET with a bearer token and a query',
    request: (base) => ({ method: 'GET', url: `${base}/v1/api-keys?limit=2`, headers: [['Authorization', `Bearer ${adaToken}`]] }),
    expectBody: (stdout) => expect(stdout.match(new RegExp(field('id', 'key_'), 'g'))).toHaveLength(2),
  },
  {
    name: 'POST JSON with a bearer token',
    request: (base, language) => ({
      method: 'POST',
      url: `${base}/v1/api-keys`,
      headers: [
        ['Authorization', `Bearer ${adaToken}`],
        ['Content-Type', 'application/json'],
      ],
      body: {
        mediaType: 'application/json',
        text: JSON.stringify({ name: `Snippet test (${language})`, scopes: ['read:clusters'], environment: 'test' }, null, 2),
      },
    }),
    expectBody: (stdout) => expect(stdout).toMatch(field('secret', 'sk_test_')),
  },
  {
    name: 'POST form with HTTP Basic client authentication',
    request: (base) => ({
      method: 'POST',
      url: `${base}/oauth2/token`,
      headers: [['Authorization', basic('cli_reporting', reportingSecret)]],
      body: { mediaType: form, text: 'grant_type=client_credentials&scope=read%3Aclusters' },
    }),
    expectBody: (stdout) => {
      expect(stdout).toMatch(field('access_token', 'dsa_'));
      expect(stdout).toMatch(field('scope', 'read:clusters'));
    },
  },
  {
    name: 'POST form with an empty value',
    request: (base) => ({
      method: 'POST',
      url: `${base}/oauth2/token`,
      headers: [['Authorization', basic('cli_reporting', reportingSecret)]],
      body: { mediaType: form, text: 'grant_type=&scope=read%3Aclusters' },
    }),
    expectBody: (stdout) => {
      expect(stdout).toMatch(field('error', 'invalid_request'));
      expect(stdout).toMatch(field('error_description', 'The grant_type parameter is required\\.'));
    },
  },
  {
    name: 'GET with an x-datastack-scope header',
    request: (base) => ({
      method: 'GET',
      url: `${base}/v1/api-keys`,
      headers: [
        ['Authorization', `Bearer ${adaToken}`],
        ['x-datastack-scope', 'read:profile'],
      ],
    }),
    // Without the header Ada's token may list keys; with it, read:profile is all the call may use.
    expectBody: (stdout) => {
      expect(stdout).toMatch(field('error', 'insufficient_scope'));
      expect(stdout).toMatch(field('required_scope', 'read:api-keys'));
    },
  },
];

interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const trickyJson = JSON.stringify(
  { name: 'Zoë’s "quoted" back\\slash, it\'s\nnext line ☃ %41 $HOME `date`', scopes: ['read:clusters'] },
  null,
  2,
);
const captureCases = [
  {
    name: 'JSON with quotes, backslashes, newlines and non-ASCII',
    path: 'json',
    query: '?limit=2&scope=read:clusters&q=a+b%26c&empty=',
    headers: [
      ['Authorization', `Bearer ${ingestKey}`],
      ['x-datastack-scope', 'manage:api-keys'],
    ],
    body: { mediaType: 'application/json', text: trickyJson },
  },
  {
    name: 'a form with empty and repeated fields and escapes',
    path: 'form',
    query: '',
    headers: [['Authorization', basic(ada.email, ada.password)]],
    body: { mediaType: form, text: 'grant_type=client_credentials&scope=&scope=read%3Aclusters+read%3Aworkspaces&note=a%26b%3Dc%25&empty=' },
  },
] as const;


let mock: RunningMock;
let capture: Server;
let captureBase: string;
const captured = new Map<string, CapturedRequest>();

beforeAll(async () => {
  workRoot = await mkdtemp(join(tmpdir(), 'datastack-snippets-'));
  childEnv = {
    ...process.env,
    // One build cache for every Go snippet of the run; no module downloads, ever.
    GOCACHE: join(workRoot, 'go-cache'),
    GOPATH: join(workRoot, 'go-path'),
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  mock = await startNodeMock({ port: 0 });
  capture = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      captured.set(new URL(request.url ?? '/', 'http://capture').pathname, {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"captured":true}');
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  captureBase = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;
  await findTools();
}, 30_000);

afterAll(async () => {
  await mock?.close();
  await new Promise<void>((resolve) => (capture ? capture.close(() => resolve()) : resolve()));
  if (workRoot) await rm(workRoot, { recursive: true, force: true });
});

describe.each(snippetLanguages)('the $label snippet', ({ id }) => {
  const testTimeoutMs = id === 'go' ? goBuildTimeoutMs + runTimeoutMs : 2 * runTimeoutMs;

  describe('run against the Node mock', () => {
    it.each(mockCases)('$name', async ({ request, expectBody }) => {
      const code = buildSnippet(request(mock.url, id), id, { secrets, mask: false });
      const result = await runSnippet(id, code);
      expectSucceeded(result, code);
      expectBody(result.stdout);
    }, testTimeoutMs);
  });

  describe('sends the exact request', () => {
    it.each(captureCases)('$name', async ({ path, query, headers, body }) => {
      const request: ConsoleRequest = { method: 'POST', url: `${captureBase}/capture/${id}/${path}${query}`, headers, body };
      const code = buildSnippet(request, id, { secrets, mask: false });
      const result = await runSnippet(id, code);
      expectSucceeded(result, code);

      const seen = captured.get(`/capture/${id}/${path}`);
      expect(seen?.method).toBe('POST');
      expect(seen?.url).toBe(`/capture/${id}/${path}${query}`);
      expect(seen?.body.toString('hex')).toBe(Buffer.from(body.text, 'utf8').toString('hex'));
      for (const [name, value] of headers) expect(seen?.headers[name.toLowerCase()]).toBe(value);
      expect(seen?.headers['content-type']).toBe(body.mediaType);
    }, testTimeoutMs);
  });

  describe('masked', () => {
    const base = 'http://127.0.0.1:4010';
    const shown: ConsoleRequest[] = [
      ...mockCases.map((entry) => entry.request(base, id)),
      ...captureCases.map(({ path, query, headers, body }) => ({ method: 'POST', url: `${base}/${path}${query}`, headers, body })),
    ];

    it('shows no secret, in any spelling', () => {
      const forbidden = [
        ...secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]),
        btoa(`cli_reporting:${reportingSecret}`),
        btoa(`${ada.email}:${ada.password}`),
      ];
      for (const request of shown) {
        const code = buildSnippet(request, id, { secrets, mask: true });
        for (const secret of forbidden) expect(code).not.toContain(secret);
      }
    });

    it('keeps a recognisable prefix and says what a Basic header encodes', () => {
      const masked = (request: ConsoleRequest): string => buildSnippet(request, id, { secrets, mask: true });
      const url = 'http://127.0.0.1:4010/oauth2/token';
      expect(masked({ method: 'GET', url, headers: [['Authorization', `Bearer ${ingestKey}`]] })).toContain('Bearer sk_test_••••••');
      expect(masked({ method: 'GET', url, headers: [['Authorization', `Bearer ${adaToken}`]] })).toContain('Bearer dsp_••••••');
      expect(masked({ method: 'GET', url, headers: [['Authorization', basic('cli_reporting', reportingSecret)]] })).toContain(
        'Basic <base64 of cli_reporting:dscs_••••••>',
      );
      const signIn = `username=${encodeURIComponent(ada.email)}&password=${encodeURIComponent(ada.password)}`;
      expect(masked({ method: 'POST', url, headers: [], body: { mediaType: form, text: signIn } })).toContain(
        'username=ada%40acme.test&password=anal••••••',
      );
    });

    it('is the unmasked snippet when there is nothing to hide', () => {
      const request: ConsoleRequest = { method: 'GET', url: 'http://127.0.0.1:4010/v1/me', headers: [] };
      expect(buildSnippet(request, id, { secrets, mask: true })).toBe(buildSnippet(request, id, { secrets, mask: false }));
    });
  });
});

describe('maskSecret', () => {
  it.each([
    ['sk_test_DhvN0WFpY1EV6Zf94cl9eQaxydFGh0zf', 'sk_test_••••••'],
    ['dsp_1b595498f6f553686aea592bcfa57423a9b0365b803562224dcc686cda4d5331', 'dsp_••••••'],
    ['analytical-engine-1843', 'anal••••••'],
    ['hunter22', '••••••'],
  ])('shows %s as %s', (secret, shown) => {
    expect(maskSecret(secret)).toBe(shown);
  });
});
