/**
 * The runner end to end on its fixtures: every example of `example.mdx` passes in every
 * language, and every lie in `lies.mdx` is caught. Needs bash + curl, Python with requests and
 * Go, as `npm run test:docs` does (`.ci/run` installs them).
 */
import { describe, expect, it } from 'vitest';

import { readPages, runPages } from './runner';

// A first Go build may compile the standard library (up to 120 s); everything else takes seconds.
const timeoutMs = 180_000;

async function run(fixture: string): Promise<{ passed: boolean; output: string; failures: string[] }> {
  const lines: string[] = [];
  const pages = await readPages([`scripts/doc-tests/fixtures/${fixture}`], process.cwd());
  const report = await runPages(pages, { jobs: 2, write: (text) => lines.push(text) });
  const failures = report.results.filter((result) => !result.verdict.passed).map((result) => `${result.example.line}: ${result.verdict.summary}`);
  return { passed: report.passed, output: lines.join('\n'), failures };
}

describe('the doc-test runner on its fixtures', () => {
  it(
    'passes every example of a truthful page, in every language',
    async () => {
      const { passed, output, failures } = await run('example.mdx');
      expect(failures, output).toEqual([]);
      expect(passed).toBe(true);
      expect(output).toContain('Examples: 9 run (bash 3, javascript 1, python 2, go 1, http 2), 9 passed, 0 failed.');
      expect(output).toContain('Skipped: 2 norun (go 1, http 1).');
      expect(output).toMatch(/^PASS {2}scripts\/doc-tests\/fixtures\/example\.mdx:157 {2}http {2}"Who am I, on the wire" — 200 and body as documented/m);
      expect(output).toMatch(/^PASS {2}scripts\/doc-tests\/fixtures\/example\.mdx:72 {2}go {2}"Ask who you are" — 200 and body as documented/m);
    },
    timeoutMs,
  );

  it(
    'catches every lie, and every fence without a mark',
    async () => {
      const { passed, output, failures } = await run('lies.mdx');
      expect(passed).toBe(false);
      expect(failures).toEqual([
        '15: last response (GET /v1/me) was 401; the outcome at line 19 says 200',
        '25: last response (GET /v1/me) differs from the outcome at line 29: $.role: expected "admin", got "member"',
        '35: exited with 1',
        '41: the outcome fence at line 45 has no HTTP status in its title (write e.g. title="Response: 201 Created")',
        '51: last response (GET /v1/me) was 401; an http example with no outcome must get a 2xx',
        '59: last response (GET /v1/me) differs from the outcome at line 65: $.role: expected "admin", got "member"',
        '74: the request cannot be sent: the Host "api.datastack.cloud" is not the sandbox: write sandbox.datastack.test or 127.0.0.1:4010',
      ]);
      expect(output).toContain('$.scopes[1]: expected "manage:clusters", got "read:clusters"');
      expect(output).toContain('$.credential.id: expected "key_…", got "tok_graceRead"');
      expect(output).toContain('Error: this example is broken');
      expect(output).toMatch(/^ERROR scripts\/doc-tests\/fixtures\/lies\.mdx:82 {2}`http` fence has neither `run` nor `norun`/m);
      expect(output).toMatch(/^ERROR scripts\/doc-tests\/fixtures\/lies\.mdx:87 {2}`bash` fence has neither `run` nor `norun`/m);
      expect(output).toMatch(/^ERROR scripts\/doc-tests\/fixtures\/lies\.mdx:91 {2}a `ts` fence cannot be run/m);
      expect(output).toContain('Fences to fix (unmarked or malformed): 3.');
    },
    timeoutMs,
  );
});
