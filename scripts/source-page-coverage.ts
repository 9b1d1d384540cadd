/**
 * Checks the source-page coverage table (`e2e/fixtures/source-page-coverage.json`): each fact of
 * the source pages names the guide anchor that teaches it and the runnable example that proves
 * it, or why none applies. Read from the MDX sources, so a renamed heading or a retitled example
 * fails a unit test instead of silently leaving a fact untaught.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { extractPage } from './doc-tests/extract';
import { headingAnchors } from './guide-anchors';

export interface ExampleRef {
  /** The guide's file, `docs/<name>.mdx`. */
  page: string;
  /** The title of one of its `run` fences (its `title`, or the heading above it). */
  title: string;
}

export interface CoverageFact {
  id: string;
  /** The source page's file name. */
  source: string;
  fact: string;
  /** `/docs/<page id>#<anchor>`. */
  teaches: string;
  /** The example that proves the fact, or the work (on another branch) that will add it. */
  example?: ExampleRef | { pending: string };
  /** Why no example applies, when there is none. */
  reason?: string;
  /** Where DataStack chose differently from the source page. */
  differs?: string;
  /** The whole row waits for work on another branch: nothing in it is checked yet. */
  pending?: string;
}

/** What the checks need to know of one guide. */
export interface Guide {
  file: string;
  anchors: ReadonlySet<string>;
  runTitles: ReadonlySet<string>;
}

/** The guides of `dir` (not the generated `api/`), by their route, `/docs/<id>`. */
export async function readGuides(root: string, dir = 'docs'): Promise<Map<string, Guide>> {
  const names = (await readdir(join(root, dir))).filter((name) => name.endsWith('.mdx'));
  const guides = await Promise.all(
    names.map(async (name): Promise<[string, Guide]> => {
      const file = `${dir}/${name}`;
      const source = await readFile(join(root, file), 'utf8');
      const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source)?.[1] ?? '';
      const id = /^id:\s*['"]?([\w-]+)['"]?\s*$/m.exec(frontMatter)?.[1] ?? basename(name, '.mdx');
      const runTitles = new Set(extractPage(file, source).examples.map((example) => example.title));
      return [`/${dir}/${id}`, { file, anchors: new Set(headingAnchors(source)), runTitles }];
    }),
  );
  return new Map(guides);
}

/** Every problem of the table against the guides, one line each, naming the fact. */
export function coverageProblems(facts: readonly CoverageFact[], guides: ReadonlyMap<string, Guide>, sources: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const byFile = new Map([...guides.values()].map((guide) => [guide.file, guide]));
  for (const fact of facts) {
    const problem = (message: string): void => void problems.push(`${fact.id}: ${message}`);
    if (seen.has(fact.id)) problem('the id is used twice');
    seen.add(fact.id);
    if (!sources.includes(fact.source)) problem(`${fact.source} is not one of the source pages`);
    if (fact.fact.trim() === '') problem('the fact is empty');
    if (fact.pending !== undefined) {
      if (fact.pending.trim() === '') problem('`pending` must say which work it waits for');
      continue;
    }
    const [route = '', anchor] = fact.teaches.split('#');
    const guide = guides.get(route);
    if (guide === undefined) problem(`${fact.teaches}: no guide is served at ${route}`);
    else if (anchor === undefined || anchor === '') problem(`${fact.teaches}: name the section (#anchor) that teaches it`);
    else if (!guide.anchors.has(anchor)) problem(`${fact.teaches}: ${guide.file} has no heading with the anchor #${anchor}`);
    const example = fact.example;
    if (example === undefined) {
      if ((fact.reason ?? '').trim() === '') problem('give the example that proves it, or the reason none applies');
    } else if ('pending' in example) {
      if (example.pending.trim() === '') problem('a pending example must say which work it waits for');
    } else {
      const page = byFile.get(example.page);
      if (page === undefined) problem(`the example's page ${example.page} is not a guide`);
      else if (!page.runTitles.has(example.title)) problem(`${example.page} has no \`run\` example titled "${example.title}"`);
    }
  }
  for (const source of sources) if (!facts.some((fact) => fact.source === source)) problems.push(`${source}: no fact of this page is listed`);
  return problems;
}
