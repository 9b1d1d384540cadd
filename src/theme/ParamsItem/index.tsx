/**
 * Wraps the theme's ParamsItem in a list item. ParamsDetails, its only user, puts each parameter
 * directly inside a `<ul>`, and the theme's item is a `<div>`: screen readers then announce a list
 * with no items (axe rule `list`, serious).
 */
import ParamsItem, { type Props } from '@theme-original/ParamsItem';
import type { ReactNode } from 'react';

import styles from '@site/src/theme/shared/reference-list.module.css';

export default function ParamsItemInList(props: Props): ReactNode {
  return (
    <li className={styles.item}>
      <ParamsItem {...props} />
    </li>
  );
}
