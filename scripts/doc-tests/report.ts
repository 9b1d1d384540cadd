/** What the runner prints: one line per example or problem, then a summary. */
import type { Verdict } from './check';
import type { Example, Language, Page, Problem } from './extract';

export interface ExampleResult {
  example: Example;
  verdict: Verdict;
  durationMs: number;
}

export function formatProblem(problem: Problem): string {
  return `ERROR ${problem.file}:${problem.line}  ${problem.message}`;
}

export function formatResult({ example, verdict, durationMs }: ExampleResult): string {
  const head = `${verdict.passed ? 'PASS' : 'FAIL'}  ${describeExample(example)} — ${verdict.summary} (${seconds(durationMs)})`;
  return [head, ...verdict.details.map((line) => `      ${line}`)].join('\n');
}

/** `--list`: the example and the outcome it will be held to. */
export function formatListed(example: Example): string {
  const outcome = example.outcome;
  const expects =
    outcome === undefined
      ? example.language === 'http'
        ? 'a 2xx'
        : 'exit 0, no 5xx'
      : 'problem' in outcome
        ? `broken outcome: ${outcome.problem}`
        : `${outcome.status}${outcome.body ? ' + JSON body' : ''} (outcome at line ${outcome.line})`;
  return `${describeExample(example)}  → ${expects}`;
}

export function formatSummary(pages: readonly Page[], results: readonly ExampleResult[], elapsedMs: number): string {
  const ran = results.map((result) => result.example.language);
  const failed = results.filter((result) => !result.verdict.passed).length;
  const skipped = pages.flatMap((page) => page.skipped.map((block) => block.language));
  const problems = pages.reduce((count, page) => count + page.problems.length, 0);
  return [
    '',
    `Examples: ${results.length} run${byLanguage(ran)}, ${results.length - failed} passed, ${failed} failed.`,
    `Skipped: ${skipped.length} norun${byLanguage(skipped)}.`,
    ...(problems > 0 ? [`Fences to fix (unmarked or malformed): ${problems}.`] : []),
    `Pages: ${pages.length}. Time: ${seconds(elapsedMs)}.`,
  ].join('\n');
}

function describeExample(example: Example): string {
  return `${example.file}:${example.line}  ${example.language}  ${example.title ? `"${example.title}"` : '(untitled)'}`;
}

function byLanguage(languages: readonly Language[]): string {
  if (languages.length === 0) return '';
  const counts = new Map<Language, number>();
  for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  return ` (${[...counts].map(([language, count]) => `${language} ${count}`).join(', ')})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
