/**
 * Finds the runnable examples of one MDX guide, parsed with the MDX grammar so that fences
 * inside JSX (`<Tabs>` / `<TabItem>`) or a `:::tabs` container are found like any other.
 *
 * The convention writers follow (README, "Runnable examples in guides"):
 *
 * - A fence in bash/sh/shell, js/javascript, python/py or go carries exactly one of `run`
 *   (executed against a fresh sandbox), `norun` (shown only) or, bash only, `setup` (its
 *   `export NAME=value` lines give every example on the page its environment). A fence in one
 *   of those languages with none of them is a problem, so nothing goes unchecked by accident.
 *   An `http` fence that holds a request (a request line, header fields, a body) needs `run` or
 *   `norun` too: `run` sends it as written to a fresh sandbox (`http-send.ts`). An `http` fence
 *   that holds a response (it starts with a status line) is only shown, or serves as an outcome.
 *   Fences in other languages (json, text, mermaid…) are never run.
 * - The documented outcome of a `run` fence is the first later fence whose meta has `outcome`,
 *   looking past the other tabs of the `:::tabs` container or `<Tabs>` it sits in and stopping at
 *   the next `run` fence.
 *   Its title holds the HTTP status (`title="Response: 201 Created"`), or its status line does
 *   when it is an `http` response; when it is JSON, or an `http` response with a JSON body, its
 *   fields are what the response body must contain (see `outcome.ts`).
 */
import type { Code, Nodes } from 'mdast';

import { type CodeLanguage, codeLanguageOf } from '../../src/remark/code-languages';
import { languageTabsDirective } from '../../src/remark/language-tabs';
import { parseMdx } from '../mdx-tree';
import { HttpMessageError, fieldOf, isHttpResponse, parseHttpResponse } from './http-message';
import { type FenceMeta, parseFenceMeta } from './meta';

/** A language whose fences the runner executes: a program, or a raw HTTP request. */
export type Language = CodeLanguage | 'http';

export interface SetupBlock {
  line: number;
  code: string;
}

/** What the page says the example gets back. */
export interface Outcome {
  line: number;
  status: number;
  /** Present when the outcome fence is JSON: the fields the response body must contain. */
  body: { json: unknown } | undefined;
}

/** An outcome fence the runner cannot use; the example fails with `problem`. */
export interface BrokenOutcome {
  line: number;
  problem: string;
}

export interface Example {
  file: string;
  line: number;
  language: Language;
  title: string;
  code: string;
  outcome: Outcome | BrokenOutcome | undefined;
}

/** A fence the writer has to fix before the page can be checked. */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export interface Page {
  file: string;
  setup: SetupBlock[];
  examples: Example[];
  /** `norun` fences, by line. */
  skipped: { line: number; language: Language }[];
  problems: Problem[];
}

/** A fence with where it sits: the tab groups around it and the heading above it. */
interface Fence {
  line: number;
  lang: string;
  meta: FenceMeta;
  code: string;
  tabs: readonly TabPlace[];
  heading: string;
}

/** One tab around a fence (a `<TabItem>` or a fence of `:::tabs`) and its group, by offset in the file. */
interface TabPlace {
  tabs: number;
  item: number;
}

const markers = ['run', 'norun', 'setup'] as const;
const statusInTitle = /\b([1-5]\d\d)\b/;

/** Reads one page; a page that does not parse yields a single problem. */
export function extractPage(file: string, source: string): Page {
  const page: Page = { file, setup: [], examples: [], skipped: [], problems: [] };
  let fences: Fence[];
  try {
    fences = collectFences(source);
  } catch (error) {
    page.problems.push({ file, line: lineOf(error), message: `cannot parse the MDX: ${reasonOf(error)}` });
    return page;
  }
  fences.forEach((fence, index) => {
    const language = languageOf(fence.lang);
    const problem = (message: string): void => void page.problems.push({ file, line: fence.line, message });
    if (language === undefined) {
      if (fence.meta.flags.has('run') || fence.meta.flags.has('setup')) {
        problem(`a \`${fence.lang || 'plain'}\` fence cannot be run: only ${[...Object.keys(codeLanguageOf), 'http'].join(', ')} are`);
      }
      return;
    }
    if (language === 'http' && isHttpResponse(fence.code)) {
      if (fence.meta.flags.has('run') || fence.meta.flags.has('setup')) {
        problem('this `http` fence shows a response (it starts with a status line): only a request can be run');
      }
      return;
    }
    const marked = markers.filter((marker) => fence.meta.flags.has(marker));
    if (marked.length === 0) {
      problem(
        `\`${fence.lang}\` fence has neither \`run\` nor \`norun\` in its meta: ` +
          'add `run` to check it against the sandbox, or `norun` to only show it',
      );
    } else if (marked.length > 1) {
      problem(`\`${fence.lang}\` fence is marked ${marked.map((marker) => `\`${marker}\``).join(' and ')}: keep one`);
    } else if (marked[0] === 'setup') {
      if (language === 'bash') page.setup.push({ line: fence.line, code: fence.code });
      else problem(`a \`setup\` fence must be bash (\`export NAME=value\` lines), not \`${fence.lang}\``);
    } else if (marked[0] === 'norun') {
      page.skipped.push({ line: fence.line, language });
    } else {
      const outcomeFence = findOutcomeFence(fences, index);
      page.examples.push({
        file,
        line: fence.line,
        language,
        title: fence.meta.attributes.get('title') ?? fence.heading,
        code: fence.code,
        outcome: outcomeFence && readOutcome(outcomeFence),
      });
    }
  });
  return page;
}

function languageOf(lang: string): Language | undefined {
  const name = lang.toLowerCase();
  return name === 'http' ? 'http' : codeLanguageOf[name];
}

function collectFences(source: string): Fence[] {
  const tree = parseMdx(source);
  const fences: Fence[] = [];
  let heading = '';
  const walk = (node: Nodes, tabs: readonly TabPlace[], openTabs: number | undefined): void => {
    if (node.type === 'heading') heading = textOf(node);
    if (node.type === 'code') fences.push(toFence(node, tabs, heading));
    if (!('children' in node)) return;
    let innerTabs = tabs;
    let innerOpen = openTabs;
    if (node.type === 'containerDirective' && node.name === languageTabsDirective) {
      // Each fence of the container is a tab of its own.
      const group = node.position?.start.offset ?? -1;
      for (const child of node.children) walk(child, [...tabs, { tabs: group, item: child.position?.start.offset ?? -1 }], undefined);
      return;
    }
    if (node.type === 'mdxJsxFlowElement') {
      const offset = node.position?.start.offset ?? -1;
      if (node.name === 'Tabs') innerOpen = offset;
      else if (node.name === 'TabItem' && openTabs !== undefined) innerTabs = [...tabs, { tabs: openTabs, item: offset }];
    }
    for (const child of node.children) walk(child, innerTabs, innerOpen);
  };
  walk(tree, [], undefined);
  return fences;
}

function toFence(node: Code, tabs: readonly TabPlace[], heading: string): Fence {
  return { line: node.position?.start.line ?? 0, lang: node.lang ?? '', meta: parseFenceMeta(node.meta), code: node.value, tabs, heading };
}

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  // `read:clusters` in prose parses as the text `read` and a directive `:clusters`.
  if (node.type === 'textDirective') return `:${node.name}${node.children.map((child) => textOf(child)).join('')}`;
  if (!('children' in node)) return '';
  return node.children
    .map((child) => textOf(child))
    .join('')
    .trim();
}

/**
 * The outcome fence of the `run` fence at `index`: the first later fence marked `outcome`,
 * skipping the other tabs of the innermost tab group the run fence is in, and giving up at the
 * next `run` fence (which then owns whatever outcome follows).
 */
function findOutcomeFence(fences: readonly Fence[], index: number): Fence | undefined {
  const own = fences[index]?.tabs.at(-1);
  for (const fence of fences.slice(index + 1)) {
    if (own && fence.tabs.some((place) => place.tabs === own.tabs && place.item !== own.item)) continue;
    if (fence.meta.flags.has('outcome')) return fence;
    if (fence.meta.flags.has('run')) return undefined;
  }
  return undefined;
}

function readOutcome(fence: Fence): Outcome | BrokenOutcome {
  if (fence.lang.toLowerCase() === 'http' && isHttpResponse(fence.code)) return readHttpOutcome(fence);
  const title = fence.meta.attributes.get('title') ?? '';
  const status = statusInTitle.exec(title)?.[1];
  if (status === undefined) {
    const problem = `the outcome fence at line ${fence.line} has no HTTP status in its title (write e.g. title="Response: 201 Created")`;
    return { line: fence.line, problem };
  }
  if (fence.lang.toLowerCase() !== 'json') return { line: fence.line, status: Number(status), body: undefined };
  try {
    return { line: fence.line, status: Number(status), body: { json: JSON.parse(fence.code) as unknown } };
  } catch (error) {
    return { line: fence.line, problem: `the outcome fence at line ${fence.line} is not valid JSON: ${reasonOf(error)}` };
  }
}

/** An `http` response as outcome: the status of its status line, and its body when that is JSON. */
function readHttpOutcome(fence: Fence): Outcome | BrokenOutcome {
  const where = `the outcome fence at line ${fence.line}`;
  try {
    const response = parseHttpResponse(fence.code);
    const inTitle = statusInTitle.exec(fence.meta.attributes.get('title') ?? '')?.[1];
    if (inTitle !== undefined && Number(inTitle) !== response.status) {
      return { line: fence.line, problem: `${where} says ${inTitle} in its title but ${response.status} in its status line` };
    }
    const isJson = /^application\/(?:[\w.-]+\+)?json\b/i.test(fieldOf(response.fields, 'content-type') ?? '');
    if (!isJson || response.body.trim() === '') return { line: fence.line, status: response.status, body: undefined };
    return { line: fence.line, status: response.status, body: { json: JSON.parse(response.body) as unknown } };
  } catch (error) {
    if (error instanceof HttpMessageError) return { line: fence.line, problem: `${where} is not an HTTP response: ${error.message}` };
    return { line: fence.line, problem: `${where} has a body that is not valid JSON: ${reasonOf(error)}` };
  }
}

function lineOf(error: unknown): number {
  return typeof error === 'object' && error !== null && 'line' in error && typeof error.line === 'number' ? error.line : 0;
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return error instanceof Error ? error.message : String(error);
}
