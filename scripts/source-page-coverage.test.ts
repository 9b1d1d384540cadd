import { beforeAll, describe, expect, it } from 'vitest';

import table from '../e2e/fixtures/source-page-coverage.json';
import { headingAnchors } from './guide-anchors';
import { type CoverageFact, type Guide, coverageProblems, readGuides } from './source-page-coverage';

// The five source pages of /work/shared/seeds (outside the repository, so named here).
const sources = ['000_a34479f4aeba7902.txt', '001_00a733de8bc9371b.txt', '002_0a95edcd2dc4b42d.txt', '003_87b5f0e759bd56eb.txt', '004_9be47ab15ea499fc.txt'];
const facts: CoverageFact[] = table.facts;

describe('the source-page coverage table', () => {
  let guides: Map<string, Guide>;
  // Parsing every guide twice (anchors, examples) takes a few seconds on a busy machine.
  beforeAll(async () => {
    guides = await readGuides(process.cwd());
  }, 60_000);

  it('names, for every fact, a guide anchor and a runnable example that exist, or why none applies', () => {
    expect(coverageProblems(facts, guides, sources)).toEqual([]);
  });

  it('fails when an anchor or an example disappears', () => {
    const scopes = guides.get('/docs/scopes') as Guide;
    const gutted = new Map(guides).set('/docs/scopes', { ...scopes, anchors: new Set(), runTitles: new Set() });
    const problems = coverageProblems(facts, gutted, sources);
    expect(problems).toContain('000-scope-header: /docs/scopes#x-datastack-scope: docs/scopes.mdx has no heading with the anchor #x-datastack-scope');
    expect(problems).toContain('000-scope-header: docs/scopes.mdx has no `run` example titled "List clusters, declaring the read scope"');
  });

  it('refuses rows that prove nothing: no example and no reason, a page that is not a guide, a duplicate id, an unknown source', () => {
    const guide: Guide = { file: 'docs/a.mdx', anchors: new Set(['one']), runTitles: new Set(['Run me']) };
    const guides = new Map([['/docs/a', guide]]);
    const row = { source: sources[0] ?? '', fact: 'A fact.', teaches: '/docs/a#one' };
    const problems = coverageProblems(
      [
        { ...row, id: 'ok', example: { page: 'docs/a.mdx', title: 'Run me' } },
        { ...row, id: 'bare' },
        { ...row, id: 'elsewhere', teaches: '/docs/b#one', example: { page: 'docs/b.mdx', title: 'Run me' } },
        { ...row, id: 'no-anchor', teaches: '/docs/a', reason: 'Advice.' },
        { ...row, id: 'ok', source: 'other.txt', reason: 'Advice.' },
        { ...row, id: 'later', teaches: '/docs/nowhere#x', pending: 'another branch' },
      ],
      guides,
      sources.slice(0, 1),
    );
    expect(problems).toEqual([
      'bare: give the example that proves it, or the reason none applies',
      'elsewhere: /docs/b#one: no guide is served at /docs/b',
      "elsewhere: the example's page docs/b.mdx is not a guide",
      'no-anchor: /docs/a: name the section (#anchor) that teaches it',
      'ok: the id is used twice',
      'ok: other.txt is not one of the source pages',
    ]);
  });
});

describe('headingAnchors', () => {
  it('gives headings the ids Docusaurus gives them: the {/* #id */} comment, else the slug, repeats numbered', () => {
    const source = [
      '---',
      'id: p',
      '---',
      '## Sending a credential {/* #required-headers */}',
      '## Ask for read:clusters',
      '### What `x-datastack-scope` does',
      '## Example',
      '## Example',
      '```md',
      '## Not a heading',
      '```',
      '<details>',
      '',
      '## Inside JSX',
      '',
      '</details>',
    ].join('\n');
    // `read:clusters` is a text directive to the MDX parser, as it is when Docusaurus slugs it.
    expect(headingAnchors(source)).toEqual(['required-headers', 'ask-for-read', 'what-x-datastack-scope-does', 'example', 'example-1', 'inside-jsx']);
  });
});
