import type { ReactNode } from 'react';

import styles from './styles.module.css';

/** The promise every in-browser tool makes before the reader pastes a secret into it. */
export default function PrivacyNote({ children }: { children?: ReactNode }): ReactNode {
  return (
    <p className={styles.privacy} role="note">
      Runs entirely in your browser: nothing you type or paste here is sent anywhere. {children}
    </p>
  );
}
