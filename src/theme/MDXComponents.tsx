/**
 * Wraps the theme's MDX component map to add the interactive tools, so a writer uses them on any
 * page with one tag and no import, and to let a Markdown table that is too wide for the screen
 * scroll in a box the keyboard can reach. This map is part of every page's first load, so the tools are
 * registered lazily: a page downloads a tool's code only if it uses the tag, and the tool's heavy
 * logic (jose, the sandbox, MSW) only when the reader uses it.
 */
import MDXComponents from '@theme-original/MDXComponents';
import type { ComponentProps, ReactNode } from 'react';

import HorizontalScroll from '@site/src/components/HorizontalScroll';
import { lazyTool } from '@site/src/components/Interactive/shared/lazy-tool';

const loading = (what: string) => (): ReactNode => <p>Loading the {what}…</p>;

function Table(props: ComponentProps<'table'>): ReactNode {
  return (
    <HorizontalScroll label="Table">
      <table {...props} />
    </HorizontalScroll>
  );
}

export default {
  ...MDXComponents,
  table: Table,
  PkceGenerator: lazyTool(() => import('@site/src/components/Interactive/PkceGenerator'), loading('PKCE generator')),
  JwtTool: lazyTool(() => import('@site/src/components/Interactive/JwtTool'), loading('JWT tool')),
  WebhookVerifier: lazyTool(() => import('@site/src/components/Interactive/WebhookVerifier'), loading('webhook verifier')),
  // Until its code arrives, the example it wraps shows without the Run button.
  RunInSandbox: lazyTool(
    () => import('@site/src/components/Interactive/RunInSandbox'),
    ({ children }: { children?: ReactNode }) => children,
  ),
};
