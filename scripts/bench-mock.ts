/**
 * Load-tests the Node mock against Prism on the same spec (`npm run bench:mock`).
 *
 * Both servers run on loopback; autocannon sends the same three requests to each for a bounded
 * time (a client-credentials token exchange, an API-key list, a scope error) at 10 connections,
 * then the 429 path alone on the mock. Prints req/s, p50/p99 latency and peak RSS per server,
 * and the mock's RSS drift over the run.
 *
 * Then a soak: the token exchange (the request that writes state) alone for BENCH_SOAK_SECONDS,
 * sampling the mock's RSS every 5 s, to show memory stays flat under sustained writes.
 *
 * Options (env): BENCH_SECONDS (per request, default 10), BENCH_CONNECTIONS (default 10),
 * BENCH_SOAK_SECONDS (default 60).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import autocannon from 'autocannon';

import { seed } from '../mock-server/core/seed';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const mockPort = 4311;
const prismPort = 4312;

const loadKey = seed.apiKeys.find((key) => key.id === 'key_loadtest')?.secret ?? '';
const loadClient = seed.clients.find((client) => client.id === 'cli_loadtest');
const teamToken = seed.tokens.find((token) => token.id === 'tok_graceRead')?.secret ?? '';
const basic = `Basic ${Buffer.from(`${loadClient?.id}:${loadClient?.secret}`).toString('base64')}`;

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: number;
}

const scenarios: Scenario[] = [
  {
    name: 'token exchange',
    method: 'POST',
    path: '/oauth2/token',
    headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=read%3Aclusters',
    expect: 200,
  },
  { name: 'key list', method: 'GET', path: '/v1/api-keys', headers: { authorization: `Bearer ${loadKey}` }, expect: 200 },
  {
    name: 'scope error',
    method: 'POST',
    path: '/v1/api-keys',
    headers: { authorization: `Bearer ${loadKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', scopes: ['read:clusters'], environment: 'test' }),
    expect: 403,
  },
];

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process actually serving: the deepest descendant (npx/tsx wrap the real node). */
function serverPid(child: ChildProcess): number {
  let pid = child.pid ?? 0;
  for (;;) {
    try {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      if (children.length === 0) return pid;
      pid = Number(children[children.length - 1]);
    } catch {
      return pid;
    }
  }
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

interface Result {
  reqPerSec: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

async function load(port: number, scenario: Scenario, duration = seconds): Promise<Result> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
    connections,
    duration,
  });
  const statuses: Record<string, number> = {};
  for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = (count as { count: number }).count;
  return { reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses };
}

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(command, args, { stdio: 'ignore', detached: true, env: { ...process.env, ...env } });
}

function stop(child: ChildProcess): void {
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

async function main(): Promise<void> {
  // The mock as `npm run mock` runs it: bundled by `npm run build:mock`, plain node.
  const mock = start('node', ['mock-server/generated/dist/node-main.cjs'], { PORT: String(mockPort) });
  const prism = start('npx', ['prism', 'mock', 'static/openapi.yaml', '-p', String(prismPort), '-h', '127.0.0.1', '-v', 'silent']);
  try {
    await Promise.all([waitFor(`http://127.0.0.1:${mockPort}/sandbox`), waitFor(`http://127.0.0.1:${prismPort}/sandbox`)]);
    const pids = { mock: serverPid(mock), prism: serverPid(prism) };
    // Warm both up (JIT, caches, first allocations) before anything is measured.
    for (const scenario of scenarios) {
      await load(mockPort, scenario, 2);
      await load(prismPort, scenario, 2);
    }
    const peak = { mock: rssKb(pids.mock), prism: rssKb(pids.prism) };
    const sampler = setInterval(() => {
      peak.mock = Math.max(peak.mock, rssKb(pids.mock));
      peak.prism = Math.max(peak.prism, rssKb(pids.prism));
    }, 250);

    console.log(`bench:mock — ${seconds}s per request, ${connections} connections, loopback\n`);
    console.log(['request', 'server', 'req/s', 'p50 ms', 'p99 ms', 'statuses'].join('\t'));
    const ratios: number[] = [];
    for (const scenario of scenarios) {
      const ours = await load(mockPort, scenario);
      const theirs = await load(prismPort, scenario);
      for (const [server, result] of [['mock', ours], ['prism', theirs]] as const) {
        console.log([scenario.name, server, result.reqPerSec.toFixed(0), result.p50, result.p99, JSON.stringify(result.statuses)].join('\t'));
      }
      if (!(String(scenario.expect) in ours.statuses)) console.log(`  ! the mock did not answer ${scenario.expect} to "${scenario.name}"`);
      ratios.push(ours.reqPerSec / theirs.reqPerSec);
    }
    const limited = await load(mockPort, {
      name: '429 path',
      method: 'GET',
      path: '/v1/me',
      headers: { authorization: `Bearer ${teamToken}` },
      expect: 429,
    });
    console.log(['429 path', 'mock', limited.reqPerSec.toFixed(0), limited.p50, limited.p99, JSON.stringify(limited.statuses)].join('\t'));
    clearInterval(sampler);

    const [exchange] = scenarios;
    const samples: number[] = [];
    const soakSampler = setInterval(() => samples.push(rssKb(pids.mock)), 5000);
    const soak = exchange ? await load(mockPort, exchange, soakSeconds) : undefined;
    clearInterval(soakSampler);
    if (soak && samples.length > 1) {
      // Garbage collection makes RSS saw up and down; what matters is whether it trends upwards.
      const mean = samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
      const spread = Math.max(...samples.map((sample) => Math.abs(sample - mean) / mean));
      const xMean = (samples.length - 1) / 2;
      const slope =
        samples.reduce((sum, sample, i) => sum + (i - xMean) * (sample - mean), 0) /
        samples.reduce((sum, _sample, i) => sum + (i - xMean) ** 2, 0);
      const trend = (slope * (samples.length - 1)) / mean;
      console.log(
        `soak (token exchange, ${soakSeconds}s): ${soak.reqPerSec.toFixed(0)} req/s, p99 ${soak.p99} ms; mock RSS every 5 s (MB): ` +
          `${samples.map((sample) => (sample / 1024).toFixed(0)).join(' ')}; every sample within ±${(spread * 100).toFixed(1)}% of their mean, ` +
          `linear trend ${trend >= 0 ? '+' : ''}${(trend * 100).toFixed(1)}% over the run`,
      );
    }

    console.log(`\nthroughput ratio mock/prism: ${ratios.map((ratio) => `${ratio.toFixed(1)}x`).join(', ')}`);
    console.log(`peak RSS: mock ${(peak.mock / 1024).toFixed(0)} MB, prism ${(peak.prism / 1024).toFixed(0)} MB`);

  } finally {
    stop(mock);
    stop(prism);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
