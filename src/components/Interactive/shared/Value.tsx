import type { ReactNode } from 'react';

import CopyButton from './CopyButton';
import styles from './styles.module.css';

interface Props {
  label: string;
  value: string;
  /** For tests and e2e: the `data-testid` of the value itself. */
  testId?: string;
}

/** A labelled value the reader will want to paste elsewhere: monospace, wrapping, with a copy button. */
export default function Value({ label, value, testId }: Props): ReactNode {
  return (
    <div className={styles.value}>
      <span className={styles.valueLabel}>{label}</span>
      <code className={styles.valueText} data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
