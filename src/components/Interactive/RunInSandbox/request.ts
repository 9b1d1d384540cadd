/**
 * Turns a `<RunInSandbox>` tag into the request the console would send: the seeded credential it
 * names, resolved from what the sandbox publishes, and the headers and body that go with it.
 */
import type { Credential } from '@site/src/console/credentials';
import { authorizationHeader } from '@site/src/console/credentials';
import type { ConsoleRequest } from '@site/src/console/http-request';
import { type SandboxState, seededCredentials } from '@site/src/console/seeded';

import type { RunSpec } from './spec';

/**
 * The seeded credential with this id (a token, API key, OAuth client or user), as `GET /sandbox`
 * describes it.
 * @throws Error naming the ids that do exist
 */
export function seededCredential(state: SandboxState, server: string, id: string): Credential {
  const credentials = seededCredentials(state, server);
  const wanted = id.startsWith('seed:') ? id : `seed:${id}`;
  const found = credentials.find((credential) => credential.id === wanted);
  if (!found) {
    const known = credentials.map((credential) => credential.id.slice('seed:'.length)).join(', ');
    throw new Error(`The sandbox has no seeded credential ${JSON.stringify(id)}. It has: ${known}.`);
  }
  return found;
}

/** The request a tag describes, sent to `server` with the credential's `Authorization` header. */
export function sandboxRequest(spec: RunSpec, server: string, credential?: Credential): ConsoleRequest {
  const headers: [string, string][] = [];
  const authorization = credential && authorizationHeader(credential);
  if (authorization) headers.push(['Authorization', authorization]);
  let body: ConsoleRequest['body'];
  if (spec.body !== undefined) body = { mediaType: 'application/json', text: spec.body };
  else if (spec.form !== undefined) body = { mediaType: 'application/x-www-form-urlencoded', text: spec.form };
  if (body) headers.push(['Content-Type', body.mediaType]);
  return { method: spec.method.toUpperCase(), url: `${server}${spec.path}`, headers, ...(body ? { body } : {}) };
}
