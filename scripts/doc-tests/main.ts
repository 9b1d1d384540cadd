/**
 * `npm run test:docs`: runs every runnable example of the guides against a fresh sandbox and
 * checks the outcome the page documents, so the docs cannot lie.
 *
 *   tsx scripts/doc-tests/main.ts [--list] [--jobs N] [file.mdx | folder …]
 *
 * Without paths it reads `docs/**.mdx` except the generated `docs/api/`. `--list` prints the
 * examples and the outcome each is held to, without running anything. Exits 1 when an example
 * fails or a fence needs fixing. The convention is in `extract.ts` and the README
 * ("Runnable examples in guides"); a worked example is `fixtures/example.mdx`.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import { killRunningProcesses } from './process';
import { listPages, readPages, removeWorkRoots, runPages } from './runner';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { list: { type: 'boolean', default: false }, jobs: { type: 'string' } },
  });
  const jobs = values.jobs === undefined ? Math.min(4, availableParallelism()) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new TypeError(`--jobs must be a whole number of at least 1, got ${values.jobs ?? ''}`);
  const cwd = process.cwd();
  const pages = await readPages(positionals.length > 0 ? positionals : ['docs'], cwd, ['docs/api']);
  const write = (text: string): void => void process.stdout.write(`${text}\n`);
  if (values.list) return listPages(pages, write) ? 0 : 1;
  return (await runPages(pages, { jobs, write })).passed ? 0 : 1;
}

process.once('SIGINT', () => {
  killRunningProcesses();
  removeWorkRoots();
  process.exit(130);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`doc-tests: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
