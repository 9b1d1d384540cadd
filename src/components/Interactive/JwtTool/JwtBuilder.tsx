import { type ReactNode, useId, useState } from 'react';

import Value from '../shared/Value';
import shared from '../shared/styles.module.css';
import type { AudienceChoice } from './jwt';
import { type JwtModule, loadJwt } from './load';

interface Props {
  /** The loaded JWT module, once it is there (the form works before; Build waits for it). */
  jwt: JwtModule | undefined;
  onDecode: (token: { jwt: string; secret: string }) => void;
}

const audienceChoices: [AudienceChoice, string][] = [
  ['api', 'The API, as a bearer token'],
  ['sandbox-token-endpoint', 'Sandbox token endpoint'],
  ['local-token-endpoint', 'Local mock token endpoint'],
];

/** The form that signs a client JWT with a fresh `jti`. */
export default function JwtBuilder({ jwt, onDecode }: Props): ReactNode {
  const id = useId();
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [audience, setAudience] = useState<AudienceChoice>('api');
  const [lifetime, setLifetime] = useState('120');
  const [scope, setScope] = useState('');
  const [result, setResult] = useState<{ jwt: string } | { problem: string }>();

  const build = async () => {
    const { audienceOf, buildClientJwt } = await loadJwt();
    const built = await buildClientJwt({
      clientId,
      secret,
      audience: audienceOf(audience),
      lifetimeSeconds: Number(lifetime),
      scope,
      nowMs: Date.now(),
    });
    setResult(built.ok ? { jwt: built.jwt } : { problem: built.problem });
  };

  return (
    <form
      className={shared.section}
      aria-label="Build a client-signed JWT"
      // Our own messages say what the sandbox would refuse, in its words; the browser's bubbles would not.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void build();
      }}
    >
      <strong>Build a client-signed JWT</strong>
      <div className={shared.fields}>
        <label className={shared.field} htmlFor={`${id}-client`}>
          <span>Client id</span>
          <input id={`${id}-client`} value={clientId} onChange={(event) => setClientId(event.target.value)} placeholder="cli_…" autoComplete="off" spellCheck={false} />
        </label>
        <label className={shared.field} htmlFor={`${id}-secret`}>
          <span>Client secret</span>
          <input id={`${id}-secret`} className={shared.mono} value={secret} onChange={(event) => setSecret(event.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        <label className={shared.field} htmlFor={`${id}-audience`}>
          <span>Audience</span>
          <select id={`${id}-audience`} value={audience} onChange={(event) => setAudience(event.target.value as AudienceChoice)}>
            {audienceChoices.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {jwt && (
            <span className={shared.hint}>
              <code>aud</code>: <code>{jwt.audienceOf(audience)}</code>
            </span>
          )}
        </label>
        <label className={shared.field} htmlFor={`${id}-lifetime`}>
          <span>Lifetime (seconds)</span>
          <input id={`${id}-lifetime`} type="number" min={1} max={jwt?.maxJwtLifetimeSeconds} value={lifetime} onChange={(event) => setLifetime(event.target.value)} />
          {jwt && <span className={shared.hint}>At most {jwt.maxJwtLifetimeSeconds}.</span>}
        </label>
        <label className={shared.field} htmlFor={`${id}-scope`}>
          <span>Scope (optional)</span>
          <input id={`${id}-scope`} value={scope} onChange={(event) => setScope(event.target.value)} placeholder="read:clusters" autoComplete="off" spellCheck={false} />
        </label>
      </div>
      <div className={shared.actions}>
        <button type="submit" className="button button--sm button--primary">
          Build and sign
        </button>
      </div>
      {result && 'problem' in result && (
        <p className={shared.bad} role="alert">
          {result.problem}
        </p>
      )}
      {result && 'jwt' in result && (
        <>
          <Value label="Signed JWT" value={result.jwt} testId="jwt-built" />
          <div className={shared.actions}>
            <button type="button" className="button button--sm button--secondary" onClick={() => onDecode({ jwt: result.jwt, secret })}>
              Decode it below
            </button>
            <span className={shared.hint}>
              Send it as <code>Authorization: Bearer …</code> on <code>/v1</code>, or as <code>client_assertion</code> at the token endpoint. It
              works once: its <code>jti</code> is remembered.
            </span>
          </div>
        </>
      )}
    </form>
  );
}
