/**
 * The doc-test run as a function (the CLI in `main.ts` and the fixture test both call it):
 * read the pages, report their problems, check every example, print results in page order.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

import { checkExample } from './check';
import { baseEnvironment } from './environment';
import { type Page, extractPage } from './extract';
import { type ExampleResult, formatListed, formatProblem, formatResult, formatSummary } from './report';
import { createExecutor } from './run';

const workRoots = new Set<string>();

/** Removes the temporary folders of runs still going (the runner is being interrupted). */
export function removeWorkRoots(): void {
  for (const root of workRoots) rmSync(root, { recursive: true, force: true });
}

export interface RunOptions {
  /** Examples checked at the same time, each against its own sandbox. */
  jobs: number;
  write(text: string): void;
}

export interface RunReport {
  passed: boolean;
  results: ExampleResult[];
}

/**
 * The pages at `targets` (files, or folders searched for `*.mdx`), named relative to `cwd`.
 * Folder searches leave out `excluded` (the generated reference pages).
 */
export async function readPages(targets: readonly string[], cwd: string, excluded: readonly string[] = []): Promise<Page[]> {
  const skip = excluded.map((path) => resolve(cwd, path) + sep);
  const files: string[] = [];
  for (const target of targets) {
    const path = resolve(cwd, target);
    if (!(await stat(path)).isDirectory()) {
      files.push(path);
      continue;
    }
    const found = await readdir(path, { recursive: true });
    for (const entry of found) {
      const file = join(path, entry);
      if (file.endsWith('.mdx') && !file.split(sep).includes('node_modules') && !skip.some((prefix) => file.startsWith(prefix))) files.push(file);
    }
  }
  const unique = [...new Set(files)].sort();
  return Promise.all(unique.map(async (file) => extractPage(relative(cwd, file), await readFile(file, 'utf8'))));
}

/** `--list`: every example and problem, nothing run. Passes when no fence needs fixing. */
export function listPages(pages: readonly Page[], write: (text: string) => void): boolean {
  for (const page of pages) {
    for (const problem of page.problems) write(formatProblem(problem));
    for (const example of page.examples) write(formatListed(example));
  }
  return pages.every((page) => page.problems.length === 0);
}

/** Checks every example of `pages`; passes when all pass and no fence needs fixing. */
export async function runPages(pages: readonly Page[], options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const workRoot = await mkdtemp(join(tmpdir(), 'datastack-doc-tests-'));
  workRoots.add(workRoot);
  try {
    const baseEnv = baseEnvironment(workRoot);
    const executor = await createExecutor(baseEnv, workRoot, resolve('node_modules'));
    const work = pages.flatMap((page) => page.examples.map((example) => ({ example, setup: page.setup })));
    const atOnce = Math.max(1, Math.min(options.jobs, work.length));
    options.write(`Checking ${work.length} example(s) from ${pages.length} page(s), ${atOnce} at a time, each against a fresh sandbox.`);
    for (const page of pages) for (const problem of page.problems) options.write(formatProblem(problem));
    const results = await mapInOrder(
      work,
      options.jobs,
      async ({ example, setup }) => {
        const begun = performance.now();
        const verdict = await checkExample(example, setup, { executor, baseEnv, workRoot });
        return { example, verdict, durationMs: performance.now() - begun };
      },
      (result) => options.write(formatResult(result)),
    );
    options.write(formatSummary(pages, results, performance.now() - started));
    const passed = results.every((result) => result.verdict.passed) && pages.every((page) => page.problems.length === 0);
    return { passed, results };
  } finally {
    await rm(workRoot, { recursive: true, force: true });
    workRoots.delete(workRoot);
  }
}

/** Runs `work` on up to `jobs` items at once, handing results to `done` in the items' order. */
async function mapInOrder<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>, done: (result: R) => void): Promise<R[]> {
  const results: R[] = [];
  const finished = new Map<number, R>();
  let next = 0;
  let reported = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      finished.set(index, await work(items[index] as T));
      for (let result = finished.get(reported); result !== undefined; result = finished.get(reported)) {
        done(result);
        results.push(result);
        finished.delete(reported++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
