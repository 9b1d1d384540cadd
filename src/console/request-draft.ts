/**
 * What the reader has typed into a console, and the exact request it becomes. Nothing is added
 * or dropped behind the reader's back: a form field left empty is sent as `name=`, and the only
 * header added is the chosen credential's `Authorization` (and `Content-Type` for a body).
 */
import { allApis, isKnownScope, offlineAccess } from '@site/mock-server/core/scopes';

import { authorizationHeader, type Credential } from './credentials';
import type { ConsoleRequest } from './http-request';
import { type ConsoleOperation, parameterPrefill } from './operation';

export interface FormField {
  name: string;
  value: string;
}

export interface RequestDraft {
  /** Parameter values by `in:name`; an optional parameter left empty is not sent. */
  params: Record<string, string>;
  /** The JSON body as typed. */
  json: string;
  /** The form body's fields, in order. */
  form: FormField[];
  /** The body example the draft started from. */
  exampleId?: string;
}

export const parameterKey = (parameter: { in: string; name: string }): string => `${parameter.in}:${parameter.name}`;

function formFields(value: unknown): FormField[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).map(([name, field]) => ({
    name,
    value: Array.isArray(field) ? field.join(' ') : field === null || field === undefined ? '' : String(field),
  }));
}

/** A draft filled from the spec's examples (the named body example, or the first). */
export function initialDraft(operation: ConsoleOperation, exampleId?: string): RequestDraft {
  const examples = operation.body?.examples ?? [];
  const example = examples.find((candidate) => candidate.id === exampleId) ?? examples[0];
  return {
    params: Object.fromEntries(operation.parameters.map((parameter) => [parameterKey(parameter), parameterPrefill(parameter)])),
    json: example === undefined ? (operation.body?.mediaType === 'application/json' ? '{}' : '') : JSON.stringify(example.value, null, 2),
    form: formFields(example?.value),
    exampleId: example?.id,
  };
}

export type BuiltRequest = { ok: true; request: ConsoleRequest } | { ok: false; problem: string };

/** Builds the request, or says what the reader must fix first. */
export function buildRequest(operation: ConsoleOperation, draft: RequestDraft, baseUrl: string, credential?: Credential): BuiltRequest {
  let path = operation.entry.path as string;
  const query = new URLSearchParams();
  const headers: [string, string][] = [];
  for (const parameter of operation.parameters) {
    const value = draft.params[parameterKey(parameter)] ?? '';
    if (value === '') {
      if (parameter.required || parameter.in === 'path') return { ok: false, problem: `Fill in the ${parameter.in} parameter \`${parameter.name}\`.` };
      continue;
    }
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    else if (parameter.in === 'query') query.append(parameter.name, value);
    else headers.push([parameter.name, value]);
  }

  const authorization = credential ? authorizationHeader(credential) : undefined;
  if (authorization) headers.push(['Authorization', authorization]);

  const search = query.toString();
  const request: ConsoleRequest = { method: operation.entry.method, url: `${baseUrl}${path}${search ? `?${search}` : ''}`, headers };
  const body = operation.body;
  if (!body) return { ok: true, request };

  if (body.mediaType === 'application/json') {
    if (draft.json.trim() === '') {
      if (body.required) return { ok: false, problem: 'This operation needs a JSON body.' };
      return { ok: true, request };
    }
    try {
      JSON.parse(draft.json);
    } catch (error) {
      return { ok: false, problem: `The body is not valid JSON: ${(error as Error).message}` };
    }
    return { ok: true, request: { ...request, headers: [...headers, ['Content-Type', body.mediaType]], body: { mediaType: body.mediaType, text: draft.json } } };
  }

  const fields = [...draft.form];
  // A public client identifies itself in the body; add its id unless the reader already did.
  if (credential?.kind === 'public-client' && !fields.some((field) => field.name === 'client_id')) {
    fields.push({ name: 'client_id', value: credential.username ?? '' });
  }
  const form = new URLSearchParams(fields.map((field) => [field.name, field.value]));
  return { ok: true, request: { ...request, headers: [...headers, ['Content-Type', body.mediaType]], body: { mediaType: body.mediaType, text: form.toString() } } };
}

/**
 * The scopes a JSON body asks for (a new key's, token's or client's), deduplicated, for the
 * console's personal access token to hold: never `all-apis`, which no such token may carry.
 */
export function scopesInBody(draft: RequestDraft): string[] {
  let body: unknown;
  try {
    body = JSON.parse(draft.json);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && isKnownScope(value) && value !== offlineAccess && value !== allApis) found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(body);
  return [...found];
}
