import { type ReactNode, useCallback, useEffect, useId, useState } from 'react';

import NameValueTable from '@site/src/components/NameValueTable';

import Value from '../shared/Value';
import shared from '../shared/styles.module.css';
import {
  authorizeParameters,
  checkPair,
  codeChallengeOf,
  generateCodeVerifier,
  maxVerifierLength,
  minVerifierLength,
  type PairCheck,
} from './pkce';
import styles from './styles.module.css';

interface Pair {
  verifier: string;
  challenge: string;
}

/**
 * `<PkceGenerator />`: makes a PKCE code verifier and its S256 challenge in the reader's browser,
 * shows the authorization request parameters, and checks a verifier the reader pastes.
 */
export default function PkceGenerator(): ReactNode {
  const [length, setLength] = useState('64');
  const [pair, setPair] = useState<Pair>();

  const generate = useCallback(async (requested: number) => {
    const size = Math.min(maxVerifierLength, Math.max(minVerifierLength, Math.round(requested) || 64));
    setLength(String(size));
    const verifier = generateCodeVerifier(size);
    setPair({ verifier, challenge: await codeChallengeOf(verifier) });
  }, []);

  // Generated in the browser only: a verifier rendered at build time would be the same for everyone.
  useEffect(() => void generate(64), [generate]);

  const query = pair ? new URLSearchParams(authorizeParameters(pair.challenge)).toString() : '';
  return (
    <section className={shared.tool} aria-label="PKCE generator" data-testid="pkce-generator">
      <div className={shared.actions}>
        <label className={styles.length}>
          Verifier length{' '}
          <input
            className={shared.input}
            type="number"
            min={minVerifierLength}
            max={maxVerifierLength}
            value={length}
            onChange={(event) => setLength(event.target.value)}
          />
        </label>
        <button type="button" className="button button--sm button--primary" onClick={() => void generate(Number(length))}>
          Generate a new pair
        </button>
      </div>
      {pair ? (
        <>
          <Value label="Code verifier" value={pair.verifier} testId="pkce-verifier" />
          <Value label="Code challenge" value={pair.challenge} testId="pkce-challenge" />
          <div className={shared.section}>
            <strong>Authorization request parameters</strong>
            <NameValueTable rows={authorizeParameters(pair.challenge).map(([name, value]) => [name, <code>{value}</code>])} />
            <Value label="Query string" value={query} />
            <p className={shared.hint}>
              Add these to the <code>/oauth2/authorize</code> URL. Keep the verifier in your app and send it as <code>code_verifier</code> when you
              exchange the code at <code>/oauth2/token</code>.
            </p>
          </div>
        </>
      ) : (
        <p className={shared.hint}>Generating…</p>
      )}
      <PairChecker />
    </section>
  );
}

/** Derives the challenge of a verifier the reader pastes, and compares it with the one they sent. */
function PairChecker(): ReactNode {
  const id = useId();
  const [verifier, setVerifier] = useState('');
  const [expected, setExpected] = useState('');
  const [check, setCheck] = useState<PairCheck>();

  useEffect(() => {
    if (verifier === '') return setCheck(undefined);
    let current = true;
    void checkPair(verifier, expected).then((result) => current && setCheck(result));
    return () => {
      current = false;
    };
  }, [verifier, expected]);

  return (
    <div className={shared.section} data-testid="pkce-check">
      <strong>Check your own pair</strong>
      <div className={shared.fields}>
        <label className={shared.field} htmlFor={`${id}-verifier`}>
          <span>Code verifier</span>
          <input
            id={`${id}-verifier`}
            className={shared.mono}
            value={verifier}
            onChange={(event) => setVerifier(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={check?.verifierProblem !== undefined}
          />
        </label>
        <label className={shared.field} htmlFor={`${id}-challenge`}>
          <span>Code challenge you sent (optional)</span>
          <input
            id={`${id}-challenge`}
            className={shared.mono}
            value={expected}
            onChange={(event) => setExpected(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </div>
      {check && (
        <div aria-live="polite" data-testid="pkce-check-result">
          {check.verifierProblem && <p className={shared.bad}>The authorization server would refuse this verifier. {check.verifierProblem}</p>}
          <Value label="Its S256 challenge" value={check.challenge} />
          {check.matches === true && <p className={shared.ok}>✓ Matches the challenge you sent.</p>}
          {check.matches === false && (
            <p className={shared.bad}>
              ✗ Does not match the challenge you sent.
              {check.expectedMalformed && ' That value is not an S256 challenge at all: it should be 43 base64url characters, without padding.'}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
