import type { ReactNode } from 'react';

import styles from './styles.module.css';

interface Props {
  /** Each row: the name (shown as code) and its value, already rendered. */
  readonly rows: readonly (readonly [name: string, value: ReactNode])[];
  readonly testId?: string;
}

/** Names beside their values (response headers, request parameters, JWT claims), each name a row header. */
export default function NameValueTable({ rows, testId }: Props): ReactNode {
  return (
    <table className={styles.table} data-testid={testId}>
      <tbody>
        {rows.map(([name, value], index) => (
          // A response may repeat a header name.
          <tr key={`${index}:${name}`}>
            <th scope="row">
              <code>{name}</code>
            </th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
