/**
 * Runs a `<RunInSandbox>` request in the reader's tab: starts the sandbox, resolves the seeded
 * credential, sends the request. Loaded on the first click, so MSW and the mock never weigh on a
 * page that is only read.
 */
import { type ConsoleResult, sendRequest } from '@site/src/console/send';

import { sandboxOrigin, sandboxState } from '../shared/sandbox-api';
import { sandboxRequest, seededCredential } from './request';
import type { RunSpec } from './spec';

export interface RunOutcome {
  result: ConsoleResult;
  /** Who the request was sent as, for people ("Ada's CLI (Ada Lovelace's personal access token)"). */
  credentialLabel?: string;
}

/** @throws Error when the sandbox does not start or the credential does not exist */
export async function runInSandbox(spec: RunSpec): Promise<RunOutcome> {
  const state = await sandboxState();
  const credential = spec.credential === undefined ? undefined : seededCredential(state, sandboxOrigin, spec.credential);
  const result = await sendRequest(sandboxRequest(spec, sandboxOrigin, credential));
  return { result, ...(credential ? { credentialLabel: credential.label } : {}) };
}
