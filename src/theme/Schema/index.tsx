/**
 * Wraps the theme's Schema in a list item. RequestSchema and ResponseSchema, its only users, put
 * the schema directly inside a `<ul>`, and the schema renders `<div>`s: screen readers then announce
 * a list with no items (axe rule `list`, serious). The whole schema is that list's one item.
 */
import Schema from '@theme-original/Schema';
import type { ComponentProps, ReactNode } from 'react';

import styles from '@site/src/theme/shared/reference-list.module.css';

export default function SchemaInList(props: ComponentProps<typeof Schema>): ReactNode {
  return (
    <li className={styles.item}>
      <Schema {...props} />
    </li>
  );
}
