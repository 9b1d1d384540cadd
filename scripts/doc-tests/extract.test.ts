import { describe, expect, it } from 'vitest';

import { type Example, extractPage } from './extract';
import { parseFenceMeta } from './meta';

const fence = (info: string, code = 'echo hi', ticks = '```'): string => `${ticks}${info}\n${code}\n${ticks}\n`;
const page = (...parts: string[]): string => parts.join('\n');
const outcomeLines = (examples: readonly Example[]): (number | undefined)[] => examples.map((example) => example.outcome?.line);

describe('parseFenceMeta', () => {
  it('reads flags and quoted or bare attributes', () => {
    const meta = parseFenceMeta(`title="List your keys" run id=one other='x y' {1,3-4}`);
    expect([...meta.flags]).toEqual(['run']);
    expect(Object.fromEntries(meta.attributes)).toEqual({ title: 'List your keys', id: 'one', other: 'x y' });
  });

  it('never takes a word inside a quoted title for a flag', () => {
    expect([...parseFenceMeta('title="run this, outcome norun"').flags]).toEqual([]);
  });
});

describe('extractPage: marks', () => {
  it('sorts runnable fences into examples, skipped and setup, by any language alias', () => {
    const result = extractPage(
      'p.mdx',
      page(
        fence('bash setup', 'export A=1'),
        fence('sh run'),
        fence('shell norun'),
        fence('js run'),
        fence('javascript norun'),
        fence('py run'),
        fence('python run'),
        fence('go norun'),
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.setup).toEqual([{ line: 1, code: 'export A=1' }]);
    expect(result.examples.map((example) => [example.line, example.language])).toEqual([
      [5, 'bash'],
      [13, 'javascript'],
      [21, 'python'],
      [25, 'python'],
    ]);
    expect(result.skipped).toEqual([
      { line: 9, language: 'bash' },
      { line: 17, language: 'javascript' },
      { line: 29, language: 'go' },
    ]);
  });

  it('reports a runnable fence with neither run nor norun, at its line', () => {
    const result = extractPage('docs/p.mdx', page('# Title', '', fence('bash title="Unmarked"')));
    expect(result.problems).toEqual([
      {
        file: 'docs/p.mdx',
        line: 3,
        message: '`bash` fence has neither `run` nor `norun` in its meta: add `run` to check it against the sandbox, or `norun` to only show it',
      },
    ]);
    expect(result.examples).toEqual([]);
  });

  it('reports conflicting marks, a non-bash setup and a run mark on a language it cannot run', () => {
    const result = extractPage('p.mdx', page(fence('bash run norun'), fence('python setup'), fence('ts run'), fence('JSON run')));
    expect(result.problems.map((problem) => [problem.line, problem.message])).toEqual([
      [1, '`bash` fence is marked `run` and `norun`: keep one'],
      [5, 'a `setup` fence must be bash (`export NAME=value` lines), not `python`'],
      [9, 'a `ts` fence cannot be run: only bash, sh, shell, js, javascript, python, py, go, http are'],
      [13, 'a `JSON` fence cannot be run: only bash, sh, shell, js, javascript, python, py, go, http are'],
    ]);
  });

  it('never asks other languages for a mark, nor an http fence that shows a response', () => {
    const response = 'HTTP/1.1 200 OK\nContent-Type: application/json';
    const result = extractPage('p.mdx', page(fence('json'), fence('http', response), fence('text'), fence('mermaid', 'flowchart TD'), fence('')));
    expect(result).toMatchObject({ examples: [], skipped: [], problems: [] });
  });

  it('asks an http request for run or norun, and runs or skips it as marked', () => {
    const request = 'GET /v1/me HTTP/1.1\nHost: sandbox.datastack.test';
    const result = extractPage(
      'docs/p.mdx',
      page(fence('http', request), fence('http title="Who am I?" run', request), fence('HTTP norun', request), fence('http setup', request)),
    );
    expect(result.problems).toEqual([
      {
        file: 'docs/p.mdx',
        line: 1,
        message: '`http` fence has neither `run` nor `norun` in its meta: add `run` to check it against the sandbox, or `norun` to only show it',
      },
      { file: 'docs/p.mdx', line: 16, message: 'a `setup` fence must be bash (`export NAME=value` lines), not `http`' },
    ]);
    expect(result.examples).toEqual([{ file: 'docs/p.mdx', line: 6, language: 'http', title: 'Who am I?', code: request, outcome: undefined }]);
    expect(result.skipped).toEqual([{ line: 11, language: 'http' }]);
  });

  it('refuses to run an http fence that shows a response', () => {
    const result = extractPage('p.mdx', fence('http run', 'HTTP/1.1 200 OK'));
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'this `http` fence shows a response (it starts with a status line): only a request can be run',
    ]);
    expect(result.examples).toEqual([]);
  });

  it('keeps the code as written and takes the title from the meta, else the heading above', () => {
    const source = page('## Who am I {/* #who */}', '', fence('bash run', 'curl "$DATASTACK_BASE_URL/v1/me"'), fence('bash title="Mine" run'));
    const result = extractPage('p.mdx', source);
    expect(result.examples.map((example) => [example.title, example.code])).toEqual([
      ['Who am I', 'curl "$DATASTACK_BASE_URL/v1/me"'],
      ['Mine', 'echo hi'],
    ]);
  });

  it('finds fences inside JSX and counts lines from the top of the file, front matter included', () => {
    const source = page(
      '---',
      'title: "A {curly} <title>"',
      '---',
      '',
      "import Tabs from '@theme/Tabs';",
      '',
      '<Tabs groupId="language">',
      '<TabItem value="curl">',
      '',
      fence('bash run'),
      '</TabItem>',
      '</Tabs>',
    );
    expect(extractPage('p.mdx', source).examples.map((example) => example.line)).toEqual([10]);
  });

  it('reports a page that is not valid MDX as one problem with its line', () => {
    const result = extractPage('p.mdx', page('# Title', '', '<Tabs>', '', fence('bash run'), ''));
    expect(result.examples).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/^cannot parse the MDX: /);
  });
});

describe('extractPage: outcomes', () => {
  const json201 = fence('json title="Response: 201 Created" outcome', '{"id": "tok_…"}');

  it('takes the first outcome fence after a run fence, past other fences', () => {
    const result = extractPage('p.mdx', page(fence('bash run'), fence('text'), fence('bash norun'), json201));
    expect(result.examples[0]?.outcome).toEqual({ line: 13, status: 201, body: { json: { id: 'tok_…' } } });
  });

  it('stops at the next run fence', () => {
    const result = extractPage('p.mdx', page(fence('bash run'), fence('bash run'), json201));
    expect(outcomeLines(result.examples)).toEqual([undefined, 9]);
  });

  it('gives a whole set of language tabs the outcome that follows the Tabs', () => {
    const tab = (value: string, info: string): string => page(`<TabItem value="${value}">`, '', fence(info), '</TabItem>');
    const tabs = [tab('curl', 'bash run'), tab('js', 'js run'), tab('py', 'python run'), tab('go', 'go run')];
    const source = page('<Tabs groupId="language">', ...tabs, '</Tabs>', '', json201);
    const result = extractPage('p.mdx', source);
    expect(result.examples.map((example) => example.language)).toEqual(['bash', 'javascript', 'python', 'go']);
    expect(outcomeLines(result.examples)).toEqual([32, 32, 32, 32]);
  });

  it('gives every fence of a :::tabs container the outcome that follows the container', () => {
    const source = page(':::tabs', '', fence('bash run'), fence('js run'), fence('python run'), fence('go run'), ':::', '', json201);
    const result = extractPage('p.mdx', source);
    expect(result.examples.map((example) => example.language)).toEqual(['bash', 'javascript', 'python', 'go']);
    expect(outcomeLines(result.examples)).toEqual([21, 21, 21, 21]);
    expect(result.problems).toEqual([]);
  });

  it('keeps a heading with a colon whole when a fence takes its title from it', () => {
    const result = extractPage('p.mdx', page('## Ask for read:clusters', '', fence('bash run')));
    expect(result.examples[0]?.title).toBe('Ask for read:clusters');
  });

  it('prefers an outcome inside the run fence’s own tab', () => {
    const source = page(
      '<Tabs>',
      '<TabItem value="a">',
      '',
      fence('bash run'),
      fence('json title="200" outcome', '{}'),
      '</TabItem>',
      '<TabItem value="b">',
      '',
      fence('bash run'),
      '</TabItem>',
      '</Tabs>',
      '',
      json201,
    );
    expect(outcomeLines(extractPage('p.mdx', source).examples)).toEqual([8, 22]);
  });

  it('holds only the status when the outcome is not JSON', () => {
    const result = extractPage('p.mdx', page(fence('bash run'), fence('http title="Response: 204 No Content" outcome', 'HTTP/1.1 204')));
    expect(result.examples[0]?.outcome).toEqual({ line: 5, status: 204, body: undefined });
  });

  it('reads an http response outcome: the status from its status line, the fields from its JSON body', () => {
    const response = 'HTTP/1.1 403 Forbidden\nContent-Type: application/problem+json; charset=utf-8\n\n{"error": "insufficient_scope"}';
    const result = extractPage('p.mdx', page(fence('bash run'), fence('http title="Response: 403 Forbidden" outcome', response)));
    expect(result.examples[0]?.outcome).toEqual({ line: 5, status: 403, body: { json: { error: 'insufficient_scope' } } });
  });

  it('holds an http response outcome without a JSON body to its status, with or without one in the title', () => {
    const result = extractPage(
      'p.mdx',
      page(fence('bash run'), fence('http outcome', 'HTTP/1.1 204 No Content'), fence('bash run'), fence('http outcome', 'HTTP/1.1 200 OK\nContent-Type: text/plain\n\nok')),
    );
    expect(result.examples.map((example) => example.outcome)).toEqual([
      { line: 5, status: 204, body: undefined },
      { line: 13, status: 200, body: undefined },
    ]);
  });

  it('fails the example of an http outcome whose title and status line disagree, or whose JSON body is broken', () => {
    const result = extractPage(
      'p.mdx',
      page(
        fence('bash run'),
        fence('http title="Response: 200 OK" outcome', 'HTTP/1.1 201 Created'),
        fence('bash run'),
        fence('http outcome', 'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"a": }'),
        fence('bash run'),
        fence('http outcome', 'HTTP/1.1 2OO OK'),
      ),
    );
    expect(result.examples.map((example) => example.outcome)).toEqual([
      { line: 5, problem: 'the outcome fence at line 5 says 200 in its title but 201 in its status line' },
      { line: 13, problem: expect.stringMatching(/^the outcome fence at line 13 has a body that is not valid JSON: /) as unknown },
      { line: 24, problem: 'the outcome fence at line 24 is not an HTTP response: line 1: the status line must be "HTTP/1.1 200 OK", got "HTTP/1.1 2OO OK"' },
    ]);
  });

  it('turns an outcome without a status or with broken JSON into a failure of its example', () => {
    const result = extractPage(
      'p.mdx',
      page(
        fence('bash run'),
        fence('json title="Response" outcome', '{}'),
        fence('bash run'),
        fence('json title="Response: 200 OK" outcome', '{"a": 1,}'),
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.examples.map((example) => example.outcome)).toEqual([
      { line: 5, problem: 'the outcome fence at line 5 has no HTTP status in its title (write e.g. title="Response: 201 Created")' },
      { line: 13, problem: expect.stringMatching(/^the outcome fence at line 13 is not valid JSON: /) as unknown },
    ]);
  });
});
