/**
 * What a writer asks `<RunInSandbox>` to send, and the mistakes in it worth telling them about
 * while they preview the page. Tiny on purpose: it is part of every page's first load.
 */

/** The request a `<RunInSandbox>` tag describes, as the writer spelled it. */
export interface RunSpec {
  method: string;
  /** Path and query on the sandbox, e.g. `/v1/me`. */
  path: string;
  /** A JSON request body, as text. */
  body?: string;
  /** A form request body, already encoded: `grant_type=client_credentials&scope=read:clusters`. */
  form?: string;
  /** A seeded credential by id (`tok_adaCli`, `key_ingest`, `cli_reporting`, `usr_ada`); `seed:` in front is accepted. */
  credential?: string;
}

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Why the tag cannot be run as written, or undefined when it can. */
export function specProblem(spec: RunSpec): string | undefined {
  const method = spec.method.toUpperCase();
  if (!methods.includes(method)) return `method must be one of ${methods.join(', ')}, not ${JSON.stringify(spec.method)}.`;
  if (!/^\/(?!\/)\S*$/.test(spec.path)) return `path must start with a single / and have no spaces, like /v1/me; got ${JSON.stringify(spec.path)}.`;
  if (spec.body !== undefined && spec.form !== undefined) return 'Give body (JSON) or form, not both.';
  if ((spec.body !== undefined || spec.form !== undefined) && (method === 'GET' || method === 'HEAD')) return `A ${method} request has no body.`;
  if (spec.body !== undefined) {
    try {
      JSON.parse(spec.body);
    } catch {
      return 'body is not valid JSON.';
    }
  }
  if (spec.credential !== undefined && !/^(seed:)?[A-Za-z0-9_]+$/.test(spec.credential)) {
    return `credential names a seeded credential by id, like tok_adaCli; got ${JSON.stringify(spec.credential)}.`;
  }
  return undefined;
}
