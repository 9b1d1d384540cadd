import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

import { type Credential, keepCredential } from '@site/src/console/credentials';
import type { ConsoleOperation } from '@site/src/console/operation';
import { type SandboxState, fetchSandboxState, mintPersonalAccessToken, seededCredentials } from '@site/src/console/seeded';
import { confidentialClientFor, publicClientId, suitableClient } from '@site/src/console/suitable-client';

import styles from './styles.module.css';

interface Props {
  operation: ConsoleOperation;
  baseUrl: string;
  sandbox: boolean;
  selected?: Credential;
  /** The form's `grant_type` and `client_id`, if any: they decide which client suits. */
  form: { grantType?: string; clientId?: string };
  /** Scopes the reader's body asks for (a new key's or token's): a credential cannot grant more than it holds. */
  bodyScopes: string[];
}

type Status = { kind: 'idle' } | { kind: 'busy'; what: string } | { kind: 'failed'; message: string } | { kind: 'done'; message: string };

type DeviceStep = { userCode: string; verificationUri: string; verificationUriComplete?: string };

const loadFlows = () => import('@site/src/console/oauth-flows');

/** The ways to get a credential without leaving the page. */
export default function GetCredential({ operation, baseUrl, sandbox, selected, form, bodyScopes }: Props): ReactNode {
  const id = useId();
  const { siteConfig } = useDocusaurusContext();
  const siteUrl = typeof window === 'undefined' ? '' : `${window.location.origin}${siteConfig.baseUrl}`;
  const target = { baseUrl, siteUrl, sandbox };
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [seeded, setSeeded] = useState<Credential[]>();
  // An operation that needs no scope still needs a credential: the narrowest token will do.
  const tokenScope = operation.entry.scope ?? 'read:profile';
  const [scopes, setScopes] = useState<string>(tokenScope);
  const [device, setDevice] = useState<DeviceStep>();
  const stopPolling = useRef<AbortController>(undefined);
  useEffect(() => () => stopPolling.current?.abort(), []);

  async function run(what: string, task: () => Promise<Credential | string>) {
    setStatus({ kind: 'busy', what });
    try {
      const outcome = await task();
      if (typeof outcome === 'string') setStatus({ kind: 'done', message: outcome });
      else {
        keepCredential(outcome);
        setStatus({ kind: 'done', message: `Using ${outcome.label}.` });
      }
    } catch (error) {
      const { flowError } = await loadFlows();
      setStatus({ kind: 'failed', message: `${what} failed: ${flowError(error)}` });
    }
  }

  const state = (): Promise<SandboxState> => fetchSandboxState(baseUrl);
  const requested = () => scopes.split(/\s+/).filter(Boolean);

  const quick = () =>
    run('Getting a credential', async () => {
      const sandboxState = await state();
      if (operation.entry.authenticatesClient) return suitableClient(sandboxState, baseUrl, operation, form);
      if (operation.entry.needsCredential) return mintPersonalAccessToken(baseUrl, sandboxState, [tokenScope, ...bodyScopes]);
      return 'This operation needs no credential.';
    });

  const showSeeded = () =>
    run('Loading the seeded credentials', async () => {
      const all = seededCredentials(await state(), baseUrl);
      const suitable = all.filter((credential) => operation.credentialKinds.length === 0 || operation.credentialKinds.includes(credential.kind));
      setSeeded(suitable);
      return `${suitable.length} of the ${all.length} seeded credentials (as the server lists them at GET /sandbox) suit this operation.`;
    });

  const clientCredentials = () =>
    run('Client credentials', async () => {
      const wanted = requested();
      const { clientId, clientSecret } = confidentialClientFor(await state(), wanted);
      return (await loadFlows()).clientCredentials(target, clientId, clientSecret, wanted);
    });

  const publicClient = async () => publicClientId(await state());

  const authorizationCode = () => {
    // Open the popup inside the click, before any await, or the browser blocks it.
    const popup = window.open('about:blank', 'datastack-consent', 'popup,width=560,height=760');
    return run('Authorization code + PKCE', async () => {
      if (!popup) throw new Error('The browser blocked the consent popup: allow popups for this site and try again.');
      try {
        return await consentInPopup(popup);
      } finally {
        if (!popup.closed) popup.close();
      }
    });
  };

  const consentInPopup = async (popup: Window): Promise<Credential> => {
    const flows = await loadFlows();
    const pending = await flows.startAuthorization(target, await publicClient(), requested());
    popup.location.href = pending.url;
    const query = await new Promise<string>((resolve, reject) => {
      // The callback page posts its answer and closes itself at once, so the window can be seen
      // closed before that message is delivered: only a window still closed a check later gave up.
      let seenClosed = false;
      const closed = setInterval(() => {
        if (!popup.closed) return;
        if (seenClosed) finish(() => reject(new Error('The consent window was closed before it finished.')));
        seenClosed = true;
      }, 500);
      const onMessage = (event: MessageEvent<{ type?: string; query?: string }>) => {
        if (event.origin !== window.location.origin || event.data?.type !== 'datastack-oauth-callback') return;
        finish(() => resolve(event.data.query ?? ''));
      };
      function finish(settle: () => void) {
        clearInterval(closed);
        window.removeEventListener('message', onMessage);
        settle();
      }
      window.addEventListener('message', onMessage);
    });
    return pending.complete(query);
  };

  const deviceFlow = () =>
    run('Device sign-in', async () => {
      const flows = await loadFlows();
      const pending = await flows.startDeviceAuthorization(target, await publicClient(), requested());
      setDevice(pending);
      stopPolling.current = new AbortController();
      try {
        return await pending.poll(stopPolling.current.signal);
      } finally {
        setDevice(undefined);
      }
    });

  const refresh = () =>
    run('Refresh', async () => {
      if (!selected) throw new Error('Pick a credential with a refresh token first.');
      const client = (await state()).clients.find((candidate) => candidate.client_id === selected.clientId);
      return (await loadFlows()).refresh(target, selected, client?.client_secret ?? undefined);
    });

  const busy = status.kind === 'busy';
  return (
    <div className={styles.getCredential}>
      {operation.credentialKinds.length > 0 && (
        <button type="button" className="button button--sm button--primary" disabled={busy} onClick={quick}>
          {operation.entry.authenticatesClient
            ? 'Use a suitable OAuth client'
            : `Get a token with ${[tokenScope, ...bodyScopes.filter((scope) => scope !== tokenScope)].join(', ')}`}
        </button>
      )}{' '}
      <button type="button" className="button button--sm button--secondary" disabled={busy} onClick={showSeeded}>
        Seeded credentials
      </button>
      {seeded && (
        <ul className={styles.seeded} aria-label="Seeded credentials">
          {seeded.map((credential) => (
            <li key={credential.id}>
              <button type="button" className={styles.linkButton} onClick={() => keepCredential(credential)}>
                Use
              </button>{' '}
              {credential.label}
            </li>
          ))}
        </ul>
      )}
      <details className={styles.flows}>
        <summary>Run an OAuth flow</summary>
        <div className={styles.field}>
          <label htmlFor={`${id}-scopes`}>Scopes to ask for</label>
          <input id={`${id}-scopes`} value={scopes} onChange={(event) => setScopes(event.target.value)} />
        </div>
        <div className={styles.buttons}>
          <button type="button" className="button button--sm button--outline button--primary" disabled={busy} onClick={clientCredentials}>
            Client credentials
          </button>
          <button type="button" className="button button--sm button--outline button--primary" disabled={busy} onClick={authorizationCode}>
            Authorization code + PKCE
          </button>
          <button type="button" className="button button--sm button--outline button--primary" disabled={busy} onClick={deviceFlow}>
            Device sign-in
          </button>
          {selected?.refreshToken && (
            <button type="button" className="button button--sm button--outline button--primary" disabled={busy} onClick={refresh}>
              Refresh
            </button>
          )}
        </div>
        <p className={styles.hint}>
          Add <code>offline_access</code> to get a refresh token (authorization code and device sign-in).
        </p>
      </details>
      {device && (
        <div className={styles.device} data-testid="device-step">
          Sign in on the verification page and enter <code data-testid="device-user-code">{device.userCode}</code>:{' '}
          <a href={device.verificationUriComplete ?? device.verificationUri} target="_blank" rel="noreferrer">
            open the verification page
          </a>
          . The console is polling for the answer.{' '}
          <button type="button" className={styles.linkButton} onClick={() => stopPolling.current?.abort()}>
            Stop
          </button>
        </div>
      )}
      <p role="status" className={status.kind === 'failed' ? styles.problem : styles.hint} data-testid="credential-status">
        {status.kind === 'busy' ? `${status.what}…` : status.kind === 'idle' ? '' : status.message}
      </p>
    </div>
  );
}
