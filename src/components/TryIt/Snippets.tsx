import CodeBlock from '@theme/CodeBlock';
import { type ReactNode, useEffect, useState } from 'react';

import type { ConsoleRequest } from '@site/src/console/http-request';
import type { SnippetLanguageId } from '@site/src/console/snippets';

import styles from './styles.module.css';

type SnippetsModule = typeof import('@site/src/console/snippets');

interface Props {
  request?: ConsoleRequest;
  secrets: string[];
}

/**
 * The request as code, in several languages, with the chosen server and credential filled in.
 * The generators load only when the reader opens this panel.
 */
export default function Snippets({ request, secrets }: Props): ReactNode {
  const [open, setOpen] = useState(false);
  const [generators, setGenerators] = useState<SnippetsModule>();
  const [language, setLanguage] = useState<SnippetLanguageId>('curl');
  const [reveal, setReveal] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    if (open && !generators) {
      import('@site/src/console/snippets').then(setGenerators, (error: unknown) => setFailure(String(error)));
    }
  }, [open, generators]);

  return (
    <details className={styles.snippets} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Code snippets</summary>
      {failure && <p className={styles.problem}>The snippet generators did not load: {failure}</p>}
      {open && !generators && !failure && <p className={styles.hint}>Loading…</p>}
      {generators && !request && <p className={styles.hint}>Complete the request above to see it as code.</p>}
      {generators && request && (
        <>
          <div className={styles.tabs} role="tablist" aria-label="Language">
            {generators.snippetLanguages.map((candidate) => (
              <button
                key={candidate.id}
                type="button"
                role="tab"
                aria-selected={candidate.id === language}
                className={candidate.id === language ? styles.activeTab : undefined}
                onClick={() => setLanguage(candidate.id)}
              >
                {candidate.label}
              </button>
            ))}
          </div>
          <label className={styles.choice}>
            <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} /> Show secrets in the code
          </label>
          <div role="tabpanel" data-testid="snippet">
            <CodeBlock language={generators.snippetLanguages.find((candidate) => candidate.id === language)?.prism ?? 'bash'}>
              {generators.buildSnippet(request, language, { secrets, mask: !reveal })}
            </CodeBlock>
          </div>
        </>
      )}
    </details>
  );
}
