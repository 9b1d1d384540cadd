import useIsBrowser from '@docusaurus/useIsBrowser';
import { lazy, type ReactNode, Suspense, useState } from 'react';

import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';

import shared from '../shared/styles.module.css';
import { lazyModule } from '../shared/lazy-module';
import type { RunOutcome } from './run';
import { type RunSpec, specProblem } from './spec';
import styles from './styles.module.css';

// The console's own response view, fetched with the first result.
const ResponseView = lazy(() => import('@site/src/components/TryIt/ResponseView'));
const loadRun = lazyModule(() => import('./run'));

const target = { sandbox: true, baseUrl: sandboxOrigin };

type Props = RunSpec & { children?: ReactNode };

type State = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; outcome: RunOutcome } | { kind: 'failed'; message: string };

/**
 * `<RunInSandbox method path [body|form] [credential]>` around a code example: shows the example,
 * and on click sends the request it describes to the in-browser sandbox and shows the response.
 */
export default function RunInSandbox({ children, ...spec }: Props): ReactNode {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // The server renders the button; until the page hydrates a click on it would be lost.
  const hydrated = useIsBrowser();
  const problem = specProblem(spec);
  const method = spec.method.toUpperCase();

  const run = async () => {
    setState({ kind: 'running' });
    try {
      const { runInSandbox } = await loadRun();
      setState({ kind: 'done', outcome: await runInSandbox(spec) });
    } catch (error) {
      setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className={styles.runner} data-testid="run-in-sandbox">
      {children}
      <div className={styles.bar}>
        <button type="button" className="button button--sm button--primary" onClick={() => void run()} disabled={!hydrated || problem !== undefined || state.kind === 'running'}>
          {state.kind === 'running' ? 'Running…' : state.kind === 'done' ? 'Run again' : 'Run in sandbox'}
        </button>
        <span className={shared.hint}>
          <code>
            {method} {spec.path}
          </code>{' '}
          {state.kind === 'done' && state.outcome.credentialLabel ? `as ${state.outcome.credentialLabel}` : spec.credential && <>as <code>{spec.credential}</code></>}
          , answered by the sandbox in this tab
        </span>
      </div>
      {problem && (
        <p className={shared.bad} role="alert">
          This example cannot run: {problem}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className={shared.bad} role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <Suspense fallback={<p className={shared.hint}>Showing the response…</p>}>
          <ResponseView result={state.outcome.result} target={target} />
        </Suspense>
      )}
    </div>
  );
}
