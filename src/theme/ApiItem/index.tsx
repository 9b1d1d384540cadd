/**
 * The page around every doc: reference pages get the operation's description on the left and
 * the try-it console on the right; every other doc renders as plain Markdown.
 *
 * Replaces the theme's ApiItem so that a reference page carries only what it needs on first
 * load: the theme's version builds a Redux store for its own console (auth slice, crypto-js
 * storage hashing, pako) that this site's console does not use. The store kept here holds only
 * the slices the theme's left-panel components read (server, content type, accept, schema
 * selection). The right column is this site's try-it console (src/components/TryIt) instead of
 * the theme's explorer, which pulls about 1.7 MB of gzipped JavaScript into every reference page
 * (snippet generators, faker, an in-page code editor) and waits a fixed 1.2 s before each request.
 */
import BrowserOnly from '@docusaurus/BrowserOnly';
import { DocProvider } from '@docusaurus/plugin-content-docs/client';
import { HtmlClassNameProvider } from '@docusaurus/theme-common';
import type { Props } from '@theme/ApiItem';
import Layout from '@theme/ApiItem/Layout';
import CodeBlock from '@theme/CodeBlock';
import Metadata from '@theme/DocItem/Metadata';
import { SchemaExpansionProvider } from '@theme/SchemaExpansion';
import SkeletonLoader from '@theme/SkeletonLoader';
import clsx from 'clsx';
import { type ReactNode, useMemo } from 'react';
import { Provider } from 'react-redux';

import TryItConsole from '@site/src/components/TryIt';
import { decodeApiItem } from '@site/src/console/api-item';
import { createReferenceStore } from '@site/src/console/reference-store';

interface FrontMatter {
  api?: string;
  schema?: unknown;
  sample?: unknown;
  title?: string;
}

export default function ApiItem(props: Props): ReactNode {
  const MDXComponent = props.content;
  const frontMatter = MDXComponent.frontMatter as FrontMatter;
  const api = useMemo(() => (frontMatter.api ? decodeApiItem(frontMatter.api) : undefined), [frontMatter.api]);
  const store = useMemo(() => createReferenceStore(api), [api]);

  let body: ReactNode;
  if (api) {
    body = (
      <Provider store={store}>
        <TwoColumns left={<MDXComponent />}>
          <BrowserOnly fallback={<SkeletonLoader size="lg" />}>{() => <TryItConsole item={api} />}</BrowserOnly>
        </TwoColumns>
      </Provider>
    );
  } else if (frontMatter.schema) {
    body = (
      <TwoColumns left={<MDXComponent />} leftClassName="schema">
        <CodeBlock language="json" title={frontMatter.title}>
          {JSON.stringify(frontMatter.sample, null, 2)}
        </CodeBlock>
      </TwoColumns>
    );
  } else {
    body = (
      <div className="row">
        <div className="col col--12 markdown">
          <MDXComponent />
        </div>
      </div>
    );
  }

  return (
    <DocProvider content={props.content}>
      <HtmlClassNameProvider className={clsx(`docs-doc-id-${props.content.metadata.id}`)}>
        <Metadata />
        <Layout>{body}</Layout>
      </HtmlClassNameProvider>
    </DocProvider>
  );
}

/** The reference layout: the generated description on the left, the interactive panel on the right. */
function TwoColumns({ left, leftClassName, children }: { left: ReactNode; leftClassName?: string; children: ReactNode }): ReactNode {
  return (
    <SchemaExpansionProvider>
      <div className="row theme-api-markdown">
        <div className={clsx('col col--7 openapi-left-panel__container', leftClassName)}>{left}</div>
        <div className="col col--5 openapi-right-panel__container">{children}</div>
      </div>
    </SchemaExpansionProvider>
  );
}
