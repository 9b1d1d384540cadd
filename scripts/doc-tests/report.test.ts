import { describe, expect, it } from 'vitest';

import type { Example } from './extract';
import { formatListed, formatSummary } from './report';

const example = (language: Example['language'], outcome?: Example['outcome']): Example => ({
  file: 'docs/p.mdx',
  line: 3,
  language,
  title: 'Who am I?',
  code: '',
  outcome,
});

describe('formatListed', () => {
  it('holds an http request without an outcome to a 2xx, a program to exit 0 without a 5xx', () => {
    expect(formatListed(example('http'))).toBe('docs/p.mdx:3  http  "Who am I?"  → a 2xx');
    expect(formatListed(example('bash'))).toBe('docs/p.mdx:3  bash  "Who am I?"  → exit 0, no 5xx');
    expect(formatListed(example('http', { line: 9, status: 403, body: { json: {} } }))).toBe(
      'docs/p.mdx:3  http  "Who am I?"  → 403 + JSON body (outcome at line 9)',
    );
  });
});

describe('formatSummary', () => {
  it('counts http requests with the other languages, run and skipped', () => {
    const page = { file: 'docs/p.mdx', setup: [], examples: [], skipped: [{ line: 7, language: 'http' as const }], problems: [] };
    const passed = { passed: true, summary: '', details: [] };
    const summary = formatSummary([page], [example('http'), example('bash'), example('http')].map((ran) => ({ example: ran, verdict: passed, durationMs: 1 })), 10);
    expect(summary).toContain('Examples: 3 run (http 2, bash 1), 3 passed, 0 failed.');
    expect(summary).toContain('Skipped: 1 norun (http 1).');
  });
});
