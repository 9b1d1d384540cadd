/**
 * The anchors of a guide's headings, computed the way Docusaurus computes them when it builds
 * the page (`@docusaurus/mdx-loader`, `remark/headings`): an explicit `{/* #id *\/}` comment at the
 * end of the heading wins; otherwise the heading's text, as `mdast-util-to-string` reads it, goes
 * through the page's one github-slugger (`createSlugger` of `@docusaurus/utils`), which numbers
 * repeats (`example`, `example-1`). The same libraries, so a link checked here is a link the
 * build accepts, without building the site.
 *
 * Neither package is a direct dependency: both come with `@docusaurus/core`, at the versions the
 * build itself uses.
 */
import { createSlugger, parseMarkdownHeadingId } from '@docusaurus/utils';
import type { Heading, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

import { parseMdx } from './mdx-tree';

// One comment and nothing else in the expression, as Docusaurus requires.
const commentOnly = /^\s*\/\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/;

/** Every heading anchor of an MDX page, in page order. */
export function headingAnchors(source: string): string[] {
  const slugger = createSlugger();
  const anchors: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') anchors.push(commentId(node) ?? textId(node, slugger));
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(parseMdx(source));
  return anchors;
}

function commentId(heading: Heading): string | undefined {
  const last = heading.children.at(-1);
  if (last?.type !== 'mdxTextExpression') return undefined;
  const comment = commentOnly.exec(last.value)?.[1];
  const first = comment?.trim().split(' ')[0];
  return first?.startsWith('#') && first.length > 1 ? first.slice(1) : undefined;
}

function textId(heading: Heading, slugger: ReturnType<typeof createSlugger>): string {
  const text = toString(heading.children.filter((child) => child.type !== 'html'));
  return parseMarkdownHeadingId(text, 'classic').id ?? slugger.slug(text);
}
