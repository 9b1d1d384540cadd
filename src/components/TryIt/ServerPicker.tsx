import { type ReactNode, useId, useState } from 'react';

import { customUrlProblem, localMockUrl, type ServerChoice, serverChoice } from '@site/src/console/servers';

import styles from './styles.module.css';

interface Props {
  choice: ServerChoice;
}

/** Sandbox in this tab (default), the local Node mock, or any base URL the reader types. */
export default function ServerPicker({ choice }: Props): ReactNode {
  const id = useId();
  const [draftUrl, setDraftUrl] = useState(choice.kind === 'custom' ? choice.url : 'http://127.0.0.1:4010');
  const problem = customUrlProblem(draftUrl);

  const choose = (kind: ServerChoice['kind']) => serverChoice.set(kind === 'custom' ? { kind, url: draftUrl } : { kind });

  return (
    <fieldset className={styles.group}>
      <legend>Server</legend>
      <label className={styles.choice}>
        <input type="radio" name={`${id}-server`} checked={choice.kind === 'sandbox'} onChange={() => choose('sandbox')} />
        Sandbox in this browser tab <small>(nothing leaves the page)</small>
      </label>
      <label className={styles.choice}>
        <input type="radio" name={`${id}-server`} checked={choice.kind === 'local'} onChange={() => choose('local')} />
        Local mock <code>{localMockUrl}</code> <small>(run <code>npm run mock</code>)</small>
      </label>
      <label className={styles.choice}>
        <input type="radio" name={`${id}-server`} checked={choice.kind === 'custom'} onChange={() => choose('custom')} />
        Other base URL
      </label>
      {choice.kind === 'custom' && (
        <div className={styles.field}>
          <label htmlFor={`${id}-url`}>Base URL</label>
          <input
            id={`${id}-url`}
            type="url"
            value={draftUrl}
            aria-invalid={problem !== undefined}
            onChange={(event) => {
              setDraftUrl(event.target.value);
              serverChoice.set({ kind: 'custom', url: event.target.value });
            }}
          />
          {problem && <p className={styles.problem}>{problem}</p>}
        </div>
      )}
    </fieldset>
  );
}
