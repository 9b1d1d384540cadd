/**
 * Replaces docusaurus-theme-openapi-docs' `@theme/Markdown`, which renders every description on a
 * reference page (schema, parameter, response, example summary) with react-markdown + remark-gfm +
 * rehype-raw: ~65 KB gz in the shared chunk. Ejected rather than wrapped, since the point is to stop
 * importing the original. `marked` (see `render-markdown.ts`) renders the same GFM synchronously.
 *
 * Kept: GFM, raw HTML, fenced code through `@theme/CodeBlock`, `:::type[title]` admonitions, the
 * block-level output (`<p>`, lists, tables) callers lay out around.
 * Edits for an upgrade to re-apply: code blocks without a language (and indented ones) also go
 * through `CodeBlock` (the original left them as a bare `<code>`); admonition bodies are rendered as
 * Markdown (the original dropped them) and an untitled one gets `Admonition`'s default title; runs of
 * HTML sit in a `<div>`; a table sits in a `HorizontalScroll` box, reachable by keyboard when it is
 * wider than the column; footnotes (remark-gfm only) are not supported.
 */
import Admonition from '@theme/Admonition';
import CodeBlock from '@theme/CodeBlock';
import { type ReactNode, useMemo } from 'react';

import HorizontalScroll from '@site/src/components/HorizontalScroll';

import { type MarkdownPart, renderMarkdown } from './render-markdown';

interface Props {
  readonly children?: string;
  /** Passed by the theme's ResponseExamples; the original ignores it too and no stylesheet uses it. */
  readonly className?: string;
}

function Parts({ parts }: { readonly parts: readonly MarkdownPart[] }): ReactNode {
  return parts.map((part, index) => {
    switch (part.kind) {
      case 'html':
        return <div key={index} dangerouslySetInnerHTML={{ __html: part.html }} />;
      case 'table':
        return (
          <HorizontalScroll key={index} label="Table">
            <div dangerouslySetInnerHTML={{ __html: part.html }} />
          </HorizontalScroll>
        );
      case 'code':
        return (
          <CodeBlock key={index} language={part.language}>
            {part.code}
          </CodeBlock>
        );
      case 'admonition':
        return (
          <Admonition key={index} type={part.type} title={part.title}>
            <Parts parts={part.parts} />
          </Admonition>
        );
    }
  });
}

export default function Markdown({ children = '' }: Props): ReactNode {
  const parts = useMemo(() => renderMarkdown(children), [children]);
  return <Parts parts={parts} />;
}
