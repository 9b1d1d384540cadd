import { type ReactNode, useEffect, useId, useState } from 'react';

import NameValueTable from '@site/src/components/NameValueTable';

import shared from '../shared/styles.module.css';
import type { Inspection, SignatureStatus } from './jwt';
import { loadJwt } from './load';
import styles from './styles.module.css';

interface Token {
  jwt: string;
  secret: string;
}

interface Props {
  token: Token;
  onChange: (token: Token) => void;
}

/** Decodes a pasted JWT as the reader types, checks the signature when given the secret, and lists broken rules. */
export default function JwtDecoder({ token, onChange }: Props): ReactNode {
  const id = useId();
  const [inspection, setInspection] = useState<Inspection>();

  useEffect(() => {
    if (token.jwt.trim() === '') return setInspection(undefined);
    let current = true;
    void loadJwt()
      .then(({ inspectJwt }) => inspectJwt(token.jwt, { secret: token.secret, nowMs: Date.now() }))
      .then((result) => current && setInspection(result));
    return () => {
      current = false;
    };
  }, [token]);

  return (
    <div className={shared.section} data-testid="jwt-decoder">
      <strong>Decode a JWT</strong>
      <div className={shared.fields}>
        <label className={shared.field} htmlFor={`${id}-jwt`}>
          <span>JWT</span>
          <textarea
            id={`${id}-jwt`}
            rows={4}
            value={token.jwt}
            onChange={(event) => onChange({ ...token, jwt: event.target.value })}
            spellCheck={false}
            aria-invalid={inspection?.ok === false}
          />
        </label>
        <label className={shared.field} htmlFor={`${id}-secret`}>
          <span>Client secret (to check the signature)</span>
          <input
            id={`${id}-secret`}
            className={shared.mono}
            value={token.secret}
            onChange={(event) => onChange({ ...token, secret: event.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
      </div>
      {inspection && <InspectionView inspection={inspection} />}
    </div>
  );
}

const signatureLines: Record<SignatureStatus['status'], [className: string | undefined, text: string]> = {
  valid: [shared.ok, '✓ Valid signature: HS256 with this secret.'],
  invalid: [shared.bad, '✗ Invalid signature: the token was changed, or signed with another secret.'],
  absent: [shared.bad, '✗ No signature (alg: none).'],
  unchecked: [shared.warn, 'Signature not checked.'],
};

function InspectionView({ inspection }: { inspection: Inspection }): ReactNode {
  if (!inspection.ok) {
    return (
      <p className={shared.bad} role="alert" data-testid="jwt-problem">
        {inspection.problem}
      </p>
    );
  }
  const { signature, findings, header, claims, times } = inspection;
  const [className, text] = signatureLines[signature.status];
  const timeOf = new Map(times.map((time) => [time.claim as string, time.description]));
  return (
    <div aria-live="polite" className={styles.inspection}>
      <p className={className} data-testid="jwt-signature">
        {text} {signature.status === 'unchecked' && signature.why}
      </p>
      {findings.length === 0 ? (
        <p className={shared.ok} data-testid="jwt-findings">
          ✓ Meets DataStack’s rules for client-signed JWTs.
        </p>
      ) : (
        <div data-testid="jwt-findings">
          <p className={shared.bad}>DataStack would refuse this token:</p>
          <ul>
            {findings.map((finding, index) => (
              <li key={index}>
                <code>{finding.field}</code>: {finding.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <strong>Header</strong>
      <pre className={styles.json}>{JSON.stringify(header, null, 2)}</pre>
      <strong>Claims</strong>
      <NameValueTable
        testId="jwt-claims"
        rows={Object.entries(claims).map(([name, value]) => [
          name,
          <>
            <code>{JSON.stringify(value)}</code>
            {timeOf.has(name) && <span className={shared.hint}> {timeOf.get(name)}</span>}
          </>,
        ])}
      />
    </div>
  );
}
