import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Layout from '@theme/Layout';
import { type ReactNode, useEffect, useState } from 'react';

interface Result {
  code?: string;
  state?: string;
  error?: string;
  description?: string;
}

/**
 * Where the sandbox sends the browser back after the consent page: shows what an app's callback
 * receives, and what the app does next. Opened as the try-it console's consent popup, it hands
 * the result to the console (same origin only) and closes.
 */
export default function Callback(): ReactNode {
  const [result, setResult] = useState<Result | undefined>();
  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    const opener = window.opener as Window | null;
    if (opener && opener !== window) {
      opener.postMessage({ type: 'datastack-oauth-callback', query: window.location.search }, window.location.origin);
      window.close();
    }
    setResult({
      code: query.get('code') ?? undefined,
      state: query.get('state') ?? undefined,
      error: query.get('error') ?? undefined,
      description: query.get('error_description') ?? undefined,
    });
  }, []);

  return (
    <Layout title="OAuth callback" description="What the app's redirect URI receives at the end of the authorization code flow." noFooter>
      <main className="container margin-vert--lg">
        <Heading as="h1">{result?.error ? 'Authorization was not granted' : 'Authorization code received'}</Heading>
        {result?.error ? (
          <p role="alert">
            The sandbox answered <code>{result.error}</code>
            {result.description ? `: ${result.description}` : '.'}
          </p>
        ) : (
          <>
            <p>This is the page an app's redirect URI would be. The sandbox sent the browser here with:</p>
            <dl>
              <dt>code</dt>
              <dd>
                <code data-testid="authorization-code">{result?.code ?? '…'}</code>
              </dd>
              <dt>state</dt>
              <dd>
                <code data-testid="authorization-state">{result?.state ?? '…'}</code>
              </dd>
            </dl>
            <p>
              Check that <code>state</code> is the value you sent, then exchange the code within 60 seconds at the{' '}
              <Link to="/docs/api/exchange-credentials-for-access-token">token endpoint</Link> with your PKCE{' '}
              <code>code_verifier</code>. A code works once.
            </p>
          </>
        )}
      </main>
    </Layout>
  );
}
