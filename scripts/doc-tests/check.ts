/**
 * Checks one example: a fresh sandbox behind a recording proxy, the page's setup, the code,
 * then the last response against the documented outcome.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { startNodeMock } from '../../mock-server/hosts/node';
import { evaluateSetup, withMockUrl } from './environment';
import type { Example, SetupBlock } from './extract';
import { sendHttpExample } from './http-send';
import { matchJson } from './outcome';
import { describeEnd, type ProcessResult } from './process';
import { type RecordedResponse, startRecordingProxy } from './proxy';
import type { Executor } from './run';

export interface Verdict {
  passed: boolean;
  /** One line: what was seen, or why it failed. */
  summary: string;
  /** Further lines shown under a failure (output of the example, the body received). */
  details: string[];
}

export interface CheckContext {
  executor: Executor;
  baseEnv: NodeJS.ProcessEnv;
  workRoot: string;
}

/** Runs `example` against a sandbox of its own; never rejects. */
export async function checkExample(example: Example, setup: readonly SetupBlock[], context: CheckContext): Promise<Verdict> {
  if (example.outcome && 'problem' in example.outcome) return fail(example.outcome.problem);
  const dir = await mkdtemp(join(context.workRoot, `${example.language}-`));
  const mock = await startNodeMock({ host: '127.0.0.1', port: 0 });
  const proxy = await startRecordingProxy(mock.url).catch(async (error: unknown) => {
    await mock.close();
    throw error;
  });
  try {
    const prepared = await evaluateSetup(setup, context.baseEnv, proxy.url, dir);
    if ('failure' in prepared) return fail(prepared.failure);
    // Only the example's own requests count, not any a setup fence made.
    proxy.responses.length = 0;
    const code = withMockUrl(example.code, proxy.url);
    const result =
      example.language === 'http'
        ? await sendHttpExample(code, prepared.env)
        : await context.executor.run(example.language, code, prepared.env, join(dir, 'example'));
    return judge(example, result, proxy.responses);
  } catch (error) {
    return fail(`the runner failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await proxy.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Compares what the example did with what its page says. */
export function judge(example: Example, result: ProcessResult, responses: readonly RecordedResponse[]): Verdict {
  const last = responses.at(-1);
  // An http fence is sent, not run: when it cannot be, the sender's reason is the whole story.
  if (result.exitCode !== 0 && example.language === 'http') return fail(result.stderr, lastResponse(last));
  if (result.exitCode !== 0) return fail(describeEnd(result), [...output(result), ...lastResponse(last)]);
  const outcome = example.outcome;
  if (outcome === undefined) {
    if (last === undefined) return pass('exited 0 (no HTTP request, no outcome documented)');
    if (last.status >= 500) return fail(`last response ${request(last)} was ${last.status}`, [...lastResponse(last), ...output(result)]);
    // A request fence has no exit status of its own: refused is failed unless the page says so.
    if (example.language === 'http' && (last.status < 200 || last.status > 299)) {
      return fail(`last response ${request(last)} was ${last.status}; an http example with no outcome must get a 2xx`, lastResponse(last));
    }
    return pass(`${example.language === 'http' ? 'sent' : 'exited 0'}, last response ${last.status} (no outcome documented)`);
  }
  if ('problem' in outcome) return fail(outcome.problem);
  const where = `the outcome at line ${outcome.line}`;
  if (last === undefined) return fail(`made no HTTP request; ${where} says ${outcome.status}`, output(result));
  if (last.status !== outcome.status) {
    return fail(`last response ${request(last)} was ${last.status}; ${where} says ${outcome.status}`, [...lastResponse(last), ...output(result)]);
  }
  if (outcome.body === undefined) return pass(`${last.status} as documented`);
  let body: unknown;
  try {
    body = JSON.parse(last.body) as unknown;
  } catch {
    return fail(`last response ${request(last)} is not JSON; ${where} shows JSON`, lastResponse(last));
  }
  const mismatches = matchJson(outcome.body.json, body);
  if (mismatches.length === 0) return pass(`${last.status} and body as documented`);
  const shown = mismatches.slice(0, 5).map((mismatch) => `${mismatch.path}: ${mismatch.message}`);
  const more = mismatches.length > shown.length ? [`… and ${mismatches.length - shown.length} more`] : [];
  return fail(`last response ${request(last)} differs from ${where}: ${shown[0] ?? ''}`, [...shown.slice(1), ...more, ...lastResponse(last)]);
}

function pass(summary: string): Verdict {
  return { passed: true, summary, details: [] };
}

function fail(summary: string, details: string[] = []): Verdict {
  return { passed: false, summary, details };
}

function request(response: RecordedResponse): string {
  return `(${response.method} ${response.path})`;
}

function output(result: ProcessResult): string[] {
  return [...section('stderr', result.stderr), ...section('stdout', result.stdout)];
}

function lastResponse(last: RecordedResponse | undefined): string[] {
  return last ? section(`last response ${last.status} ${last.method} ${last.path}`, last.body) : [];
}

const maxSectionLines = 20;

function section(name: string, text: string): string[] {
  const lines = text.trimEnd().split('\n');
  if (lines.length === 1 && lines[0] === '') return [];
  const kept = lines.length > maxSectionLines ? [...lines.slice(0, maxSectionLines), `[… ${lines.length - maxSectionLines} more lines]`] : lines;
  return [`--- ${name}`, ...kept];
}
