import clsx from 'clsx';
import { type ReactNode, useEffect, useState } from 'react';

import styles from './styles.module.css';

interface Props {
  value: string;
  /** What is copied, for the button's accessible name: "Copy <label>". */
  label: string;
}

/** Copies a value to the clipboard and says so for two seconds. */
export default function CopyButton({ value, label }: Props): ReactNode {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    // The Clipboard API exists only in secure contexts and may be refused: say so, do not throw.
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <button type="button" className={clsx('button button--sm button--secondary', styles.copy)} onClick={copy} aria-label={`Copy ${label}`} disabled={value === ''}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </button>
  );
}
