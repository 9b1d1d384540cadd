/**
 * Replaces the theme's ResponseHeaders (a response's headers, under its status tab). Ejected: the
 * original puts each header's SchemaItem, a `<div>`, directly inside a `<ul>`, so screen readers
 * announce a list with no items (axe rule `list`, serious). Edit to re-apply on an upgrade: each
 * header is wrapped in an `<li>`; the rest is the original's markup.
 */
import SchemaItem from '@theme/SchemaItem';
import type { ReactNode } from 'react';

import styles from '@site/src/theme/shared/reference-list.module.css';
import { getSchemaName } from 'docusaurus-theme-openapi-docs/lib/markdown/schema';

interface Props {
  readonly responseHeaders?: Record<string, { description?: string; example?: string; schema?: { type?: string; format?: string } }>;
}

export default function ResponseHeaders({ responseHeaders }: Props): ReactNode {
  if (!responseHeaders) return null;
  return (
    <ul style={{ marginLeft: '1rem' }}>
      {Object.entries(responseHeaders).map(([name, schema]) => (
        <li key={name} className={styles.item}>
          <SchemaItem name={name} collapsible={false} schemaName={getSchemaName(schema)} schema={schema} discriminator={false}>
            {null}
          </SchemaItem>
        </li>
      ))}
    </ul>
  );
}
