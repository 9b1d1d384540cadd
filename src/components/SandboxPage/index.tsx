/**
 * Shows a page the sandbox serves to browsers (the OAuth consent page, the device sign-in page)
 * inside the docs site. The sandbox runs in this tab, so the browser cannot navigate to it: this
 * component fetches the page through the in-browser sandbox, shows its content, and sends its
 * forms the same way. When the sandbox answers with a redirect (back to the app's callback), the
 * browser goes there.
 */
import Layout from '@theme/Layout';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';

import { sandboxOrigin } from '@site/mock-server/hosts/sandbox-origin';

import styles from './styles.module.css';

interface Props {
  /** The sandbox path that serves the page, e.g. `/oauth2/authorize`. */
  path: string;
  /** The site page's title and description (the sandbox's own heading shows once loaded). */
  title: string;
  description: string;
}

type State = { kind: 'loading' } | { kind: 'page'; html: string } | { kind: 'failed'; message: string };

async function fetchPage(url: string, init?: RequestInit): Promise<State | undefined> {
  const response = await fetch(url, init);
  // A redirect out of the sandbox (to the app's callback) is where the browser goes next. The
  // service worker answered the redirect, so `response.redirected` is not reliable; the final URL is.
  if (response.url && new URL(response.url).origin !== sandboxOrigin) {
    window.location.assign(response.url);
    return undefined;
  }
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  // The sandbox escapes every value it interpolates; only its <main> is shown, without scripts.
  const main = page.querySelector('main');
  main?.querySelectorAll('script').forEach((script) => script.remove());
  return { kind: 'page', html: main?.innerHTML ?? '' };
}

export default function SandboxPage({ path, title, description }: Props): ReactNode {
  return (
    <Layout title={title} description={description} noFooter>
      <main className="container margin-vert--lg">
        <SandboxContent path={path} />
      </main>
    </Layout>
  );
}

function SandboxContent({ path }: Pick<Props, 'path'>): ReactNode {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback((url: string, init?: RequestInit) => {
    fetchPage(url, init).then(
      (next) => next && setState(next),
      (error: unknown) => setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  useEffect(() => load(`${sandboxOrigin}${path}${window.location.search}`), [load, path]);

  const submit = (event: FormEvent<HTMLDivElement>) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form, submitter)) if (typeof value === 'string') body.append(name, value);
    // Relative form actions belong to the sandbox, not to the docs site this page is shown on.
    load(new URL(form.getAttribute('action') ?? path, sandboxOrigin).href, { method: 'POST', body });
  };

  if (state.kind === 'failed') {
    return (
      <p role="alert" className={styles.failed}>
        The in-browser sandbox could not show this page ({state.message}). Reload to try again.
      </p>
    );
  }
  if (state.kind === 'loading') return <p aria-live="polite">Starting the in-browser sandbox…</p>;
  // eslint-disable-next-line react/no-danger -- the sandbox's own escaped markup, scripts removed
  return <div className={styles.page} onSubmit={submit} dangerouslySetInnerHTML={{ __html: state.html }} />;
}
