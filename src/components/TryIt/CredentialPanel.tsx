import { type ReactNode, useId, useState } from 'react';

import { holdsScope } from '@site/mock-server/core/scopes';
import { type Credential, forgetCredential, selectCredential } from '@site/src/console/credentials';
import { maskSecret } from '@site/src/console/mask';
import type { ConsoleOperation } from '@site/src/console/operation';

import GetCredential from './GetCredential';
import styles from './styles.module.css';

interface Props {
  operation: ConsoleOperation;
  baseUrl: string;
  sandbox: boolean;
  /** Credentials held for this server that this operation accepts. */
  usable: Credential[];
  selected?: Credential;
  form: { grantType?: string; clientId?: string };
  bodyScopes: string[];
}

function requirement(operation: ConsoleOperation): ReactNode {
  const { entry } = operation;
  if (entry.authenticatesClient)
    return (
      <>
        Authenticates an OAuth client: <code>Authorization: Basic</code> with the client's id and secret, or a public client's <code>client_id</code> in
        the body.
      </>
    );
  if (!entry.needsCredential) return <>No credential needed.</>;
  if (entry.scope === null) return <>Needs a bearer credential of any kind; no scope.</>;
  return (
    <>
      Needs a bearer credential with the <code>{entry.scope}</code> scope{entry.alsoAcceptsPassword && <> (or a user's email and password with HTTP Basic)</>}.
    </>
  );
}

/** Does the credential carry the scope the operation needs? Undefined when it cannot be told. */
export function scopeCheck(operation: ConsoleOperation, credential: Credential | undefined): boolean | undefined {
  const needed = operation.entry.scope;
  if (!credential || needed === null || credential.kind !== 'bearer' || credential.scopes === null) return undefined;
  return holdsScope(credential.scopes, needed);
}

export default function CredentialPanel({ operation, baseUrl, sandbox, usable, selected, form, bodyScopes }: Props): ReactNode {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const needed = operation.entry.scope;
  const covers = scopeCheck(operation, selected);

  return (
    <fieldset className={styles.group} data-testid="credential-panel">
      <legend>Authorization</legend>
      <p className={styles.hint}>{requirement(operation)}</p>
      {operation.credentialKinds.length > 0 && (
        <div className={styles.field}>
          <label htmlFor={`${id}-credential`}>Credential</label>
          <select id={`${id}-credential`} value={selected?.id ?? ''} onChange={(event) => selectCredential(baseUrl, event.target.value || undefined)}>
            <option value="">None (send without credentials)</option>
            {usable.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {selected && (
        <div className={styles.credential} data-testid="selected-credential">
          <div>
            <code data-testid="credential-secret">{selected.secret === '' ? selected.username : revealed ? selected.secret : maskSecret(selected.secret)}</code>{' '}
            {selected.secret !== '' && (
              <button type="button" className={styles.linkButton} onClick={() => setRevealed(!revealed)} aria-pressed={revealed}>
                {revealed ? 'Hide' : 'Show'}
              </button>
            )}{' '}
            <button type="button" className={styles.linkButton} onClick={() => forgetCredential(selected.id)}>
              Forget
            </button>
          </div>
          {selected.scopes !== null && (
            <div data-testid="credential-scopes">
              {selected.kind === 'bearer' ? 'Scopes: ' : 'May ask for: '}
              {selected.scopes.length === 0 ? <em>none</em> : selected.scopes.map((scope) => <code key={scope} className={styles.scope}>{scope}</code>)}
            </div>
          )}
          {selected.expiresAt !== undefined && <div>Expires {new Date(selected.expiresAt).toLocaleString()}</div>}
        </div>
      )}
      {covers === true && needed !== null && (
        <p className={styles.ok} data-testid="scope-check">
          ✓ Carries <code>{needed}</code>, which this operation needs.
        </p>
      )}
      {covers === false && needed !== null && (
        <p className={styles.warn} data-testid="scope-check">
          ✗ Lacks <code>{needed}</code>: the request will be refused with 403 <code>insufficient_scope</code>.
        </p>
      )}
      <GetCredential operation={operation} baseUrl={baseUrl} sandbox={sandbox} selected={selected} form={form} bodyScopes={bodyScopes} />
    </fieldset>
  );
}
