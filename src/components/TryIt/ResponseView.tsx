import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import type { ReactNode } from 'react';

import NameValueTable from '@site/src/components/NameValueTable';
import { credentialInResponse } from '@site/src/console/credential-in-response';
import { type Credential, keepCredential, wallet } from '@site/src/console/credentials';
import { explain } from '@site/src/console/explain';
import { usePersistedValue } from '@site/src/console/persisted-value';
import { type ConsoleResult, displayBody } from '@site/src/console/send';

import styles from './styles.module.css';

interface Props {
  result: ConsoleResult;
  target: { sandbox: boolean; baseUrl: string };
  /** The OAuth client that made a token request, so an issued refresh token can be used later. */
  clientId?: string;
}

const statusClass = (status: number): string => (status < 300 ? styles.success! : status < 500 ? styles.clientError! : styles.serverError!);

/** Everything the server answered, errors included, and what a refusal means. */
export default function ResponseView({ result, target, clientId }: Props): ReactNode {
  const explanation = explain(result, target);
  const issued = result.kind === 'response' && result.status < 300 ? credentialInResponse(result.body, target.baseUrl, clientId) : undefined;
  return (
    <section className={styles.response} aria-label="Response" data-testid="response">
      <p className={styles.statusLine}>
        {result.kind === 'response' ? (
          <strong className={statusClass(result.status)} data-testid="response-status">
            {result.status} {result.statusText}
          </strong>
        ) : (
          <strong className={styles.serverError} data-testid="response-status">
            {result.kind === 'redirect' ? 'Redirect' : 'No response'}
          </strong>
        )}{' '}
        <span data-testid="response-time">{result.durationMs} ms</span>
      </p>
      {explanation && (
        <div className={styles.explanation} role="note" data-testid="response-explanation">
          <strong>{explanation.title}.</strong> <Inline text={explanation.text} />{' '}
          <Link to={explanation.guide.path}>{explanation.guide.label} →</Link>
        </div>
      )}
      {result.kind === 'network-error' && <p className={styles.problem}>{result.message}</p>}
      {result.kind === 'response' && (
        <>
          <details className={styles.headers} open>
            <summary>Headers ({result.headers.length})</summary>
            <NameValueTable testId="response-headers" rows={result.headers.map(([name, value]) => [name, <code>{value}</code>])} />
          </details>
          {issued && <IssuedCredential credential={issued} />}
          <ResponseBody body={result.body} headers={result.headers} />
        </>
      )}
    </section>
  );
}

/** Offers a credential found in the response to every console, and says so while they use it. */
function IssuedCredential({ credential }: { credential: Credential }): ReactNode {
  const inUse = usePersistedValue(wallet).selected[credential.server] === credential.id;
  return (
    <p className={styles.ok} role="status">
      {inUse ? (
        <>Every console on this site now sends it.</>
      ) : (
        <>
          The response carries a new credential.{' '}
          <button type="button" className="button button--sm button--success" onClick={() => keepCredential(credential)}>
            Use it in every console
          </button>
        </>
      )}
    </p>
  );
}

function ResponseBody({ body, headers }: { body: string; headers: [string, string][] }): ReactNode {
  if (body === '') return <p className={styles.hint}>No body.</p>;
  const shown = displayBody(body, headers);
  return (
    <div data-testid="response-body">
      <CodeBlock language={shown.language}>{shown.text}</CodeBlock>
    </div>
  );
}

/** Renders `code` spans in an explanation. */
function Inline({ text }: { text: string }): ReactNode {
  return text.split(/(`[^`]+`)/).map((part, index) => (part.startsWith('`') ? <code key={index}>{part.slice(1, -1)}</code> : part));
}
