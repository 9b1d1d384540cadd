/**
 * The try-it console on every reference page: pick a server and a credential (or get one), edit
 * the request, send it, and see everything that comes back.
 */
import Link from '@docusaurus/Link';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useDispatch } from 'react-redux';

import type { ApiItem } from '@site/src/console/api-item';
import { secretsOf, wallet } from '@site/src/console/credentials';
import { consoleOperation } from '@site/src/console/operation';
import { usePersistedValue } from '@site/src/console/persisted-value';
import { showServer } from '@site/src/console/reference-store';
import { buildRequest, initialDraft, type RequestDraft, scopesInBody } from '@site/src/console/request-draft';
import { type ConsoleResult, sendRequest } from '@site/src/console/send';
import { baseUrlOf, customUrlProblem, serverChoice } from '@site/src/console/servers';
import { ensureSandbox, warmUpSandbox } from '@site/src/sandbox/ensure-sandbox';

import CredentialPanel from './CredentialPanel';
import RequestEditor from './RequestEditor';
import ResetSandbox from './ResetSandbox';
import ResponseView from './ResponseView';
import ServerPicker from './ServerPicker';
import Snippets from './Snippets';
import styles from './styles.module.css';

export default function TryIt({ item }: { item: ApiItem }): ReactNode {
  return item.method === 'event' ? <WebhookEventNote /> : <TryItConsole item={item} />;
}

/** A webhook event is a request DataStack sends to the reader's server: there is nothing to send from here. */
function WebhookEventNote(): ReactNode {
  return (
    <section className={styles.console} aria-label="Try it" data-testid="webhook-note">
      <h2 className={styles.title}>Try it</h2>
      <p>
        DataStack sends this event to your webhook's URL; you receive it rather than call it. To see one, register a webhook and{' '}
        <Link to="/docs/api/send-test-webhook-event">send it a test event</Link>: the sandbox signs it exactly as production would, and{' '}
        <Link to="/docs/api/list-webhook-deliveries">its deliveries</Link> show what was sent.
      </p>
    </section>
  );
}

function TryItConsole({ item }: { item: ApiItem }): ReactNode {
  const operation = useMemo(() => consoleOperation(item), [item]);
  const choice = usePersistedValue(serverChoice);
  const baseUrl = baseUrlOf(choice);
  const sandbox = choice.kind === 'sandbox';
  const held = usePersistedValue(wallet);
  const usable = held.credentials.filter((credential) => credential.server === baseUrl && operation.credentialKinds.includes(credential.kind));
  const selected = usable.find((credential) => credential.id === held.selected[baseUrl]);
  const [draft, setDraft] = useState<RequestDraft>(() => initialDraft(operation));
  const [result, setResult] = useState<ConsoleResult>();
  const [sending, setSending] = useState(false);

  const dispatch = useDispatch();
  useEffect(() => {
    dispatch(showServer(baseUrl));
  }, [dispatch, baseUrl]);

  const urlProblem = choice.kind === 'custom' ? customUrlProblem(choice.url) : undefined;
  const built = urlProblem ? ({ ok: false, problem: urlProblem } as const) : buildRequest(operation, draft, baseUrl, selected);
  const formValue = (name: string) => draft.form.find((field) => field.name === name)?.value;

  const send = async () => {
    if (!built.ok) return;
    setSending(true);
    try {
      if (sandbox) await ensureSandbox();
      setResult(await sendRequest(built.request));
    } catch (error) {
      setResult({ kind: 'network-error', message: `The in-browser sandbox did not start: ${error instanceof Error ? error.message : String(error)}`, durationMs: 0 });
    } finally {
      setSending(false);
    }
  };

  return (
    <section
      className={styles.console}
      aria-label="Try it"
      data-testid="try-it"
      // Start the sandbox when the reader is about to use the console, never on first paint.
      onPointerEnter={sandbox ? warmUpSandbox : undefined}
      onFocusCapture={sandbox ? warmUpSandbox : undefined}
    >
      <h2 className={styles.title}>Try it</h2>
      <ServerPicker choice={choice} />
      <CredentialPanel operation={operation} baseUrl={baseUrl} sandbox={sandbox} usable={usable} selected={selected} form={{ grantType: formValue('grant_type'), clientId: formValue('client_id') }} bodyScopes={operation.body?.mediaType === 'application/json' ? scopesInBody(draft) : []} />
      <RequestEditor operation={operation} draft={draft} onChange={setDraft} />
      {!built.ok && <p className={styles.problem}>{built.problem}</p>}
      <button type="button" className="button button--primary button--block" disabled={!built.ok || sending} onClick={send}>
        {sending ? 'Sending…' : `Send ${operation.entry.method} request`}
      </button>
      {result && (
        <ResponseView
          result={result}
          target={{ sandbox, baseUrl }}
          clientId={formValue('client_id') ?? selected?.username}
        />
      )}
      <Snippets request={built.ok ? built.request : undefined} secrets={secretsOf(selected)} />
      <ResetSandbox baseUrl={baseUrl} onReset={() => setResult(undefined)} />
    </section>
  );
}
