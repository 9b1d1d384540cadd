/**
 * Runs an example's code with the real tool for its language: `bash -e` (with curl), Node
 * (`.mjs`, so top-level await works), Python 3 with `requests`, and Go (`go build`, then the
 * program). A missing tool fails the example naming the Debian package to install.
 * JavaScript examples may import the project's npm dependencies (`jose`, `oauth4webapi`): their
 * folder gets a `node_modules` link to the project's.
 */
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { CodeLanguage } from '../../src/remark/code-languages';
import { type ProcessResult, runProcess } from './process';

export const runTimeoutMs = 30_000;
// Without a precompiled standard library the first build compiles net/http and friends.
const firstGoBuildTimeoutMs = 120_000;

/** The command that runs a language, or what to install to get it. */
type Tool = { command: string } | { missing: string };

export interface Executor {
  /** Writes `code` into `dir` and runs it there with `env`; never rejects. */
  run(language: CodeLanguage, code: string, env: NodeJS.ProcessEnv, dir: string): Promise<ProcessResult>;
}

/**
 * Looks up the tools once; Go builds share one cache (in `env`) and run one at a time.
 * `nodeModules` is the project's `node_modules` folder, offered to JavaScript examples.
 */
export async function createExecutor(env: NodeJS.ProcessEnv, cwd: string, nodeModules: string): Promise<Executor> {
  const tools = await findTools(env, cwd);
  let goBuilt = false;
  let goQueue: Promise<unknown> = Promise.resolve();

  const buildGo = (command: string, dir: string, buildEnv: NodeJS.ProcessEnv): Promise<ProcessResult> => {
    const build = goQueue.then(async () => {
      const result = await runProcess(command, ['build', '-o', 'example', 'main.go'], {
        cwd: dir,
        env: buildEnv,
        timeoutMs: goBuilt ? runTimeoutMs : firstGoBuildTimeoutMs,
      });
      if (result.exitCode === 0) goBuilt = true;
      return result;
    });
    goQueue = build;
    return build;
  };

  return {
    async run(language, code, runEnv, dir) {
      const tool = tools[language];
      if ('missing' in tool) return notRun(language, tool.missing);
      await mkdir(dir, { recursive: true });
      const file = join(dir, fileNames[language]);
      await writeFile(file, code);
      const options = { cwd: dir, env: runEnv, timeoutMs: runTimeoutMs };
      if (language === 'bash') return runProcess(tool.command, ['-e', file], options);
      if (language === 'javascript' && existsSync(nodeModules)) await symlink(nodeModules, join(dir, 'node_modules'), 'dir');
      if (language !== 'go') return runProcess(tool.command, [file], options);
      if (!/^\s*package\s+main\b/m.test(code)) {
        return notRun('go', 'a Go example must be a whole program: `package main` with a `func main()`');
      }
      const build = await buildGo(tool.command, dir, runEnv);
      return build.exitCode === 0 ? runProcess(join(dir, 'example'), [], options) : build;
    },
  };
}

const fileNames: Record<CodeLanguage, string> = { bash: 'example.sh', javascript: 'example.mjs', python: 'example.py', go: 'main.go' };

function notRun(language: CodeLanguage, reason: string): ProcessResult {
  return { command: language, exitCode: null, signal: null, timedOut: false, timeoutMs: 0, startError: reason, stdout: '', stderr: '' };
}

async function findTools(env: NodeJS.ProcessEnv, cwd: string): Promise<Record<CodeLanguage, Tool>> {
  const succeeds = async (command: string, args: readonly string[]): Promise<boolean> =>
    (await runProcess(command, args, { cwd, env, timeoutMs: runTimeoutMs })).exitCode === 0;
  const [bash, curl, python, go] = await Promise.all([
    succeeds('bash', ['-c', 'true']),
    succeeds('curl', ['--version']),
    (async () => {
      // A pyenv shim may shadow Debian's python3 without having requests: prefer the system one.
      for (const candidate of ['/usr/bin/python3', 'python3']) if (await succeeds(candidate, ['-c', 'import requests'])) return candidate;
      return undefined;
    })(),
    succeeds('go', ['version']),
  ]);
  const shellTool = bash ? 'curl' : 'bash';
  return {
    bash:
      bash && curl
        ? { command: 'bash' }
        : { missing: `${shellTool} is needed to run the shell examples and is not on PATH. On Debian: apt-get install ${shellTool}` },
    javascript: { command: process.execPath },
    python: python
      ? { command: python }
      : {
          missing:
            'Python 3 with the requests module is needed to run the Python examples (tried /usr/bin/python3 and python3). ' +
            'On Debian: apt-get install python3-requests',
        },
    go: go ? { command: 'go' } : { missing: 'Go is needed to run the Go examples and `go` is not on PATH. On Debian: apt-get install golang-go' },
  };
}
