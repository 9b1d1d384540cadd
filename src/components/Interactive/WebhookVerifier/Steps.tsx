import clsx from 'clsx';
import type { ReactNode } from 'react';

import type { SignatureFailure } from '@site/mock-server/core/webhooks/signing';

import shared from '../shared/styles.module.css';
import { describeUnixTime } from '../shared/time';
import styles from './styles.module.css';
import type { SignatureSteps } from './verify';

interface Props {
  steps: SignatureSteps;
  /** The receiver's clock the replay window was checked against. */
  nowMs: number;
  explanations: Record<SignatureFailure, string>;
}

const mark = (ok: boolean): ReactNode => <span className={ok ? shared.ok : shared.bad}>{ok ? '✓' : '✗'}</span>;

/** The verdict, then what a receiver computes at each step to reach it. */
export default function Steps({ steps, nowMs, explanations }: Props): ReactNode {
  const { parsed, signedString, expected, comparisons, window, result } = steps;
  return (
    <div className={shared.section} aria-live="polite">
      <p className={clsx(shared.verdict, result.ok ? shared.ok : shared.bad)} data-testid="webhook-verdict">
        {result.ok ? '✓ Valid: this secret signed this payload, within the replay window.' : `✗ Invalid. ${explanations[result.reason]}`}
      </p>
      <ol className={styles.steps} data-testid="webhook-steps">
        <li>
          <strong>Parse the header.</strong>{' '}
          {parsed ? (
            <>
              {mark(true)} <code>t</code> = <code>{parsed.timestamp}</code> ({describeUnixTime(parsed.timestamp, nowMs)}),{' '}
              {parsed.signatures.length === 1 ? 'one v1 signature' : `${parsed.signatures.length} v1 signatures`}.
            </>
          ) : (
            <>
              {mark(false)} {explanations.malformed_header} Nothing else can be checked.
            </>
          )}
        </li>
        {signedString !== undefined && (
          <li>
            <strong>Build the signed string</strong> <code>{'<t>.<payload>'}</code>:
            <pre className={styles.value}>{signedString}</pre>
          </li>
        )}
        {parsed && (
          <li>
            <strong>Compute HMAC-SHA256</strong> of it, keyed with the whole secret (<code>whsec_</code> included), as hex:{' '}
            {expected === undefined ? <span className={shared.bad}>enter the signing secret.</span> : <code className={styles.value}>{expected}</code>}
          </li>
        )}
        {parsed && expected !== undefined && (
          <li>
            <strong>Compare</strong> each <code>v1</code> with it, in constant time:
            <ul>
              {comparisons.map(({ signature, matches }, index) => (
                <li key={index}>
                  {mark(matches)} <code className={styles.value}>{signature}</code> {matches ? 'matches' : 'differs'}
                </li>
              ))}
            </ul>
          </li>
        )}
        {window && (
          <li>
            <strong>Check the replay window.</strong> {mark(window.within)} <code>t</code> is {Math.abs(window.ageSeconds)} seconds{' '}
            {window.ageSeconds >= 0 ? 'old' : 'in the future'} by this browser’s clock; the limit is {window.toleranceSeconds} seconds either way.
            {!result.ok && result.reason === 'signature_mismatch' && ' (An unauthenticated t proves nothing: the signature must match first.)'}
          </li>
        )}
      </ol>
    </div>
  );
}
