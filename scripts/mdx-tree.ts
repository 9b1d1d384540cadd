/**
 * Parses a guide as the site's MDX compiler reads it (MDX, `:::` directives, front matter), so
 * scripts that look into guides (the doc-test runner, the anchor list) see the same tree.
 */
import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { directive } from 'micromark-extension-directive';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mdxjs } from 'micromark-extension-mdxjs';

/** The syntax tree of an MDX guide; throws (with `line` and `reason`) when it does not parse. */
export function parseMdx(source: string): Root {
  return fromMarkdown(source, {
    extensions: [mdxjs(), directive(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [mdxFromMarkdown(), directiveFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
}
