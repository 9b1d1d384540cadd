import { type ReactNode, useState } from 'react';

import { forgetObtained } from '@site/src/console/credentials';
import { resetSandbox, seededCredentials } from '@site/src/console/seeded';

import styles from './styles.module.css';

/** Restores the seed on the chosen server: every record, the clock and the rate limits. */
export default function ResetSandbox({ baseUrl, onReset }: { baseUrl: string; onReset(): void }): ReactNode {
  const [message, setMessage] = useState('');
  const reset = async () => {
    setMessage('Resetting…');
    try {
      const state = await resetSandbox(baseUrl);
      forgetObtained(baseUrl, new Set(seededCredentials(state, baseUrl).map((credential) => credential.secret)));
      onReset();
      setMessage('The sandbox is back to its seed. Credentials you created there are gone.');
    } catch (error) {
      setMessage(`Reset failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className={styles.reset}>
      <button type="button" className="button button--sm button--outline button--danger" onClick={reset}>
        Reset sandbox
      </button>
      <span role="status" className={styles.hint} data-testid="reset-status">
        {message}
      </span>
    </div>
  );
}
