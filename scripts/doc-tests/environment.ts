/**
 * The environment an example runs in: the runner's own, minus anything that would make the
 * result depend on the machine (a developer's DATASTACK_* variables, HTTP proxies, Go and Node
 * flags), plus what the page's `setup` fences export, plus the fresh sandbox's base URL.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { SetupBlock } from './extract';
import { describeEnd, runProcess } from './process';
import { runTimeoutMs } from './run';

/** The documented address of the local sandbox, replaced in code by the fresh sandbox's URL. */
export const documentedMockUrl = 'http://127.0.0.1:4010';
export const baseUrlVariable = 'DATASTACK_BASE_URL';

const dropped = /^(DATASTACK_.*|https?_proxy|all_proxy|GOFLAGS|NODE_OPTIONS)$/i;
// Bash sets these itself; they are not something a setup fence exported.
const bashOwn = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD']);

/** The environment shared by every process of a run; Go keeps its caches under `workRoot`. */
export function baseEnvironment(workRoot: string): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !dropped.test(name));
  return {
    ...Object.fromEntries(kept),
    GOCACHE: join(workRoot, 'go-cache'),
    GOPATH: join(workRoot, 'go-path'),
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    GOWORK: 'off',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

export type SetupResult = { env: NodeJS.ProcessEnv } | { failure: string };

/**
 * Runs the page's setup fences in order in one `bash -e` (with the documented sandbox address
 * replaced by `mockUrl`) and returns `base` plus every variable they exported, with
 * DATASTACK_BASE_URL set to `mockUrl` whatever they said.
 */
export async function evaluateSetup(blocks: readonly SetupBlock[], base: NodeJS.ProcessEnv, mockUrl: string, dir: string): Promise<SetupResult> {
  const env = { ...base, [baseUrlVariable]: mockUrl };
  if (blocks.length === 0) return { env };
  const before = join(dir, 'env-before');
  const after = join(dir, 'env-after');
  const script = [
    `env -0 > ${shellQuote(before)}`,
    ...blocks.map((block) => withMockUrl(block.code, mockUrl)),
    `env -0 > ${shellQuote(after)}`,
    '',
  ].join('\n');
  const file = join(dir, 'setup.sh');
  await writeFile(file, script);
  const result = await runProcess('bash', ['-e', file], { cwd: dir, env, timeoutMs: runTimeoutMs });
  const lines = blocks.map((block) => block.line).join(', ');
  if (result.exitCode !== 0) {
    return { failure: `the setup fence(s) at line ${lines} ${describeEnd(result)}${result.stderr ? `: ${result.stderr.trim()}` : ''}` };
  }
  const [was, is] = await Promise.all([readEnv(before), readEnv(after)]).catch(() => [undefined, undefined]);
  if (!was || !is) return { failure: `the setup fence(s) at line ${lines} stopped early (an \`exit\`?)` };
  const exported = [...is].filter(([name, value]) => !bashOwn.has(name) && was.get(name) !== value);
  return { env: { ...env, ...Object.fromEntries(exported), [baseUrlVariable]: mockUrl } };
}

/** The example's code pointed at the fresh sandbox instead of the documented local one. */
export function withMockUrl(code: string, mockUrl: string): string {
  return code.replaceAll(documentedMockUrl, mockUrl);
}

async function readEnv(file: string): Promise<Map<string, string>> {
  const entries = (await readFile(file, 'utf8')).split('\0').filter(Boolean);
  return new Map(
    entries.map((entry) => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
