/**
 * The `marked` renderer behind the `@theme/Markdown` swizzle against the react-markdown + remark-gfm +
 * rehype-raw pipeline it replaces: every description in the bundled spec must read the same (text)
 * and be built from the same elements. Our HTML goes through parse5, the parser rehype-raw uses, so
 * entities and HTML repair are handled as a browser would; react-markdown's element tree is read
 * directly (there are no react-dom types to render it with).
 */
import { type DefaultTreeAdapterMap, defaultTreeAdapter, parseFragment } from 'parse5';
import { isValidElement, type ReactNode } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';

import { loadSpec } from '../../../openapi/lib/spec';
import { type MarkdownPart, renderMarkdown } from './render-markdown';

interface Outline {
  readonly text: string;
  readonly tags: readonly string[];
}

// Element boundaries count as whitespace, so "</p>\n<p>" and "</p><p>" read the same.
const boundary = ' ';

const toOutline = (text: readonly string[], tags: ReadonlySet<string>): Outline => ({
  text: text.join('').replace(/\s+/g, ' ').trim(),
  tags: [...tags].sort(),
});

function outline(html: string): Outline {
  const text: string[] = [];
  const tags = new Set<string>();
  const walk = (node: DefaultTreeAdapterMap['node']): void => {
    if (defaultTreeAdapter.isTextNode(node)) text.push(node.value);
    if (!defaultTreeAdapter.isElementNode(node) && node.nodeName !== '#document-fragment') return;
    if (defaultTreeAdapter.isElementNode(node)) tags.add(node.tagName);
    text.push(boundary);
    for (const child of defaultTreeAdapter.getChildNodes(node)) walk(child);
    text.push(boundary);
  };
  walk(parseFragment(html));
  return toOutline(text, tags);
}

/** What the original component renders: react-markdown's element tree (the root is a fragment). */
function originalOutline(markdown: string): Outline {
  const text: string[] = [];
  const tags = new Set<string>();
  const walk = (node: ReactNode): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      text.push(String(node));
    } else if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (isValidElement<{ children?: ReactNode }>(node)) {
      if (typeof node.type === 'string') tags.add(node.type);
      text.push(boundary);
      walk(node.props.children);
      text.push(boundary);
    }
  };
  walk(ReactMarkdown({ remarkPlugins: [remarkGfm], rehypePlugins: [rehypeRaw], children: markdown }));
  return toOutline(text, tags);
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The parts as the HTML a plain Markdown renderer would give, code blocks as `<pre><code>`. */
function partsAsHtml(parts: readonly MarkdownPart[]): string {
  return parts
    .map((part) => {
      switch (part.kind) {
        case 'html':
        case 'table':
          return part.html;
        case 'code':
          return `<pre><code>${escapeHtml(part.code)}</code></pre>`;
        case 'admonition':
          return `<div>${partsAsHtml(part.parts)}</div>`;
      }
    })
    .join('\n');
}

/** Every string-valued `description` in the spec, once each, with the first place it occurs. */
function specDescriptions(): [where: string, description: string][] {
  const found = new Map<string, string>();
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${where}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'description' && typeof child === 'string') {
          if (!found.has(child)) found.set(child, where);
        } else {
          visit(child, `${where}.${key}`);
        }
      }
    }
  };
  visit(loadSpec(), '$');
  return [...found].map(([description, where]) => [where, description]);
}

describe('renderMarkdown against the original react-markdown pipeline', () => {
  const descriptions = specDescriptions();

  it('finds the spec descriptions', () => {
    expect(descriptions.length).toBeGreaterThan(100);
  });

  it('reads text and elements from both outputs alike', () => {
    const markdown = 'A **b** `c` <kbd>d</kbd>\n\n| x |\n|---|\n| y |';
    const expected = {
      text: 'A b c d x y',
      tags: ['code', 'kbd', 'p', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr'],
    };
    expect(originalOutline(markdown)).toEqual(expected);
    expect(outline(partsAsHtml(renderMarkdown(markdown)))).toEqual(expected);
  });

  it.each(descriptions)('renders the description at %s the same', (_where, description) => {
    const ours = outline(partsAsHtml(renderMarkdown(description)));
    const theirs = originalOutline(description);
    expect(ours.text).toBe(theirs.text);
    expect(ours.tags).toEqual(theirs.tags);
  });
});

describe('renderMarkdown', () => {
  it('renders nothing for blank input', () => {
    expect(renderMarkdown('')).toEqual([]);
    expect(renderMarkdown('  \n\n')).toEqual([]);
  });

  it('renders a GFM table, keeping raw <br/> in cells as the enum-description table does', () => {
    const parts = renderMarkdown('| Enum Value | Description |\n| ---- | ----- |\n| `a` | first<br/>line | \n');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.kind).toBe('table');
    expect(outline(partsAsHtml(parts))).toEqual({
      text: 'Enum Value Description a first line',
      tags: ['br', 'code', 'table', 'tbody', 'td', 'th', 'thead', 'tr'],
    });
  });

  it('turns a fenced code block into a code part between HTML parts', () => {
    expect(renderMarkdown('Before.\n\n```ts title="x.ts"\nconst a = 1 < 2;\n```\n\nAfter.')).toEqual([
      { kind: 'html', html: '<p>Before.</p>' },
      { kind: 'code', language: 'ts', code: 'const a = 1 < 2;' },
      { kind: 'html', html: '<p>After.</p>' },
    ]);
  });

  it('gives a code block without an info string no language', () => {
    expect(renderMarkdown('```\nplain\n```')).toEqual([{ kind: 'code', language: undefined, code: 'plain' }]);
  });

  it('keeps inline code, emphasis and strikethrough inline in one paragraph', () => {
    expect(renderMarkdown('Send `Authorization: Bearer <token>`, **not** ~~a cookie~~.')).toEqual([
      {
        kind: 'html',
        html: '<p>Send <code>Authorization: Bearer &lt;token&gt;</code>, <strong>not</strong> <del>a cookie</del>.</p>',
      },
    ]);
  });

  it('renders links and GFM autolinks', () => {
    expect(renderMarkdown('See [the guide](/docs/authentication) or https://docs.datastack.test.')).toEqual([
      {
        kind: 'html',
        html: '<p>See <a href="/docs/authentication">the guide</a> or <a href="https://docs.datastack.test">https://docs.datastack.test</a>.</p>',
      },
    ]);
  });

  it('passes raw HTML through, inline and as a block', () => {
    const [inline] = renderMarkdown('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.');
    expect(inline).toEqual({ kind: 'html', html: '<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.</p>' });
    const [block] = renderMarkdown('<details><summary>Why</summary>Because.</details>');
    expect(block).toEqual({ kind: 'html', html: '<details><summary>Why</summary>Because.</details>' });
  });

  it('turns a top-level :::type[title] block into an admonition whose body is Markdown', () => {
    expect(renderMarkdown(':::warning[Rotate it]\nThe secret is shown **once**.\n:::\n\nAfter.')).toEqual([
      {
        kind: 'admonition',
        type: 'warning',
        title: 'Rotate it',
        parts: [{ kind: 'html', html: '<p>The secret is shown <strong>once</strong>.</p>' }],
      },
      { kind: 'html', html: '<p>After.</p>' },
    ]);
    expect(renderMarkdown(':::note\n\nNo title.\n\n:::')).toEqual([
      { kind: 'admonition', type: 'note', title: undefined, parts: [{ kind: 'html', html: '<p>No title.</p>' }] },
    ]);
  });

  it('leaves ::: inside a list as text, as the original does', () => {
    expect(outline(partsAsHtml(renderMarkdown('- :::note\n  x\n  :::'))).text).toBe(':::note x :::');
  });
});
