import type { Context, Hono } from 'hono';

import { authenticateBearer, parseBearer, type Principal } from '../core/credentials/authenticate';
import { authenticatePassword } from '../core/credentials/password';
import { formTokenRequestHint } from '../core/conventions';
import { ApiError, withHint } from '../core/errors';
import { claimedClientId } from '../core/oauth/client-auth';
import { checkFormEncoding, presentParams } from '../core/oauth/params';
import { checkRole } from '../core/roles';
import { checkScope } from '../core/scopes';
import { operations } from '../generated/catalogue';
import type { AppEnv } from './env';
import { checkAddressLimit, checkLimit, countByAddress, countByClient, recordLimit, reportByAddress } from './middleware/rate-limit-headers';
import type { ErrorPage } from './pages/error';
import type { FormBody, JsonBody, JsonResponse, JsonStatus, OperationId, QueryOf } from './types';
import { checkRequestPart } from './validation';

/** Largest request body the sandbox reads (the spec's 413 says 64 KiB). */
export const maxBodyBytes = 64 * 1024;

type CatalogueEntry = (typeof operations)[number];

/** What a handler gets: the checked caller, the validated request, and a typed responder. */
export interface OperationContext<Id extends OperationId> {
  c: Context<AppEnv>;
  /** Present on every operation that needs a credential. */
  principal: Principal;
  params: Record<string, string>;
  query: QueryOf<Id>;
  /** The JSON body, validated against the spec (undefined when optional and absent). */
  body: JsonBody<Id>;
  /** The form body, validated against the spec; values exactly as sent. */
  form: FormBody<Id>;
  /** Answers with a status and body the spec declares for this operation. */
  json<S extends JsonStatus<Id>>(status: S, body: JsonResponse<Id, S>, headers?: Record<string, string>): Response;
}

export type OperationHandler<Id extends OperationId> = (ctx: OperationContext<Id>) => Promise<Response> | Response;

export interface OperationOptions {
  /** For an operation that answers a browser with a page: how its refusals are shown (see `onError`). */
  errorPage?: ErrorPage;
}

const catalogue = new Map<string, CatalogueEntry>(operations.map((operation) => [operation.operationId, operation]));

/** `GET /sandbox`, reset and clock: outside the reader's rate limit, so they always answer. */
const isSandboxControl = (entry: CatalogueEntry): boolean => entry.path === '/sandbox' || entry.path.startsWith('/sandbox/');

/** `/v1/api-keys/{keyId}` → `/v1/api-keys/:keyId` */
export const honoPath = (path: string): string => path.replace(/\{([^}]+)\}/g, ':$1');

function basicCredentials(authorization: string): { username: string; password: string } {
  const decoded = (() => {
    try {
      return atob(authorization.slice('Basic '.length).trim());
    } catch {
      return '';
    }
  })();
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new ApiError('invalid_token', 'The Basic credentials must be base64 of "username:password".', { reason: 'malformed' });
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function authenticate(c: Context<AppEnv>, entry: CatalogueEntry): Promise<Principal> {
  const authorization = c.req.header('authorization');
  if (entry.alsoAcceptsPassword) c.set('acceptsBasic', true);
  try {
    if (entry.alsoAcceptsPassword && authorization?.toLowerCase().startsWith('basic ')) {
      const { username, password } = basicCredentials(authorization);
      return await authenticatePassword(c.get('sandbox'), username, password);
    }
    return await authenticateBearer(c.get('sandbox'), parseBearer(authorization));
  } catch (error) {
    // A refused credential is counted against the caller's address, so guessing is limited too.
    countByAddress(c);
    throw error;
  }
}

/** Reads a body within the size limit, refusing other media types. */
async function readBody(c: Context<AppEnv>, kind: 'json' | 'form'): Promise<string | undefined> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBodyBytes) throw new ApiError('payload_too_large', `The body is larger than ${maxBodyBytes / 1024} KiB.`);
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > maxBodyBytes) {
    throw new ApiError('payload_too_large', `The body is larger than ${maxBodyBytes / 1024} KiB.`);
  }
  if (text.length === 0) return undefined;
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const expected = kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  if (mediaType !== expected) {
    // OAuth endpoints have no 415 in RFC 6749: a wrong media type is a malformed request there.
    if (kind === 'json') throw new ApiError('unsupported_media_type', `The body must be ${expected}.`);
    throw new ApiError('invalid_request', withHint(`The body must be ${expected}.`, formTokenRequestHint));
  }
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_request', 'The body is not valid JSON.');
  }
}

/**
 * Form fields as sent; a repeated field is refused (RFC 6749 §3.2: parameters must not repeat),
 * and so is broken percent-encoding, which URLSearchParams would silently forgive.
 */
function parseForm(text: string | undefined): Record<string, string> {
  if (text !== undefined) checkFormEncoding(text);
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text ?? '')) {
    if (Object.hasOwn(fields, name)) throw new ApiError('invalid_request', `The ${name.slice(0, 40)} parameter is repeated.`);
    fields[name] = value;
  }
  return fields;
}

/**
 * Registers the handler of one spec operation. The method, path and scope come from the spec;
 * the wrapper authenticates, counts the request against its rate limit, enforces the scope
 * (and `x-datastack-scope`), and validates the query and body before the handler runs, so a
 * handler only ever sees a checked caller and a valid request.
 */
export function defineOperation<Id extends OperationId>(
  app: Hono<AppEnv>,
  operationId: Id,
  handler: OperationHandler<Id>,
  options: OperationOptions = {},
): void {
  const entry = catalogue.get(operationId);
  if (!entry) throw new Error(`${operationId} is not an operation of the spec`);

  app.on(entry.method, honoPath(entry.path), async function operation(c) {
    if (options.errorPage) c.set('errorPage', options.errorPage);
    let principal: Principal | undefined;
    if (entry.needsCredential) {
      principal = await authenticate(c, entry);
      c.set('principal', principal);
      checkLimit(recordLimit(c, c.get('sandbox').limiter.hit(principal.credentialId, principal.tier)), 'for this credential');
      if (principal.kind !== 'password') checkScope(principal.scopes, entry.scope, c.req.header('x-datastack-scope'));
      if (entry.scope !== null) checkRole(principal, entry.scope);
    } else if (isSandboxControl(entry)) {
      reportByAddress(c);
    } else if (!entry.authenticatesClient) {
      checkAddressLimit(c);
    }

    const query: Record<string, string> = {};
    for (const [name, value] of new URL(c.req.url).searchParams) query[name] = value;
    checkRequestPart(operationId, 'query', query, 'query');

    let body: unknown;
    let form: Record<string, string> = {};
    if (entry.body !== null) {
      const text = await readBody(c, entry.body);
      if (text === undefined && entry.bodyRequired) {
        throw new ApiError('invalid_request', `This operation needs a ${entry.body === 'json' ? 'JSON' : 'form'} body.`);
      }
      if (entry.body === 'json' && text !== undefined) {
        body = parseJson(text);
        checkRequestPart(operationId, 'json', body, 'body');
      }
      if (entry.body === 'form') form = parseForm(text);
    }
    if (entry.authenticatesClient) {
      const clientId = claimedClientId({ authorization: c.req.header('authorization'), params: presentParams(form) });
      checkLimit(countByClient(c, clientId), 'for this client');
    }

    return handler({
      c,
      principal: principal as Principal,
      params: c.req.param() as Record<string, string>,
      query: query as QueryOf<Id>,
      body: body as JsonBody<Id>,
      form: form as FormBody<Id>,
      json: (status, payload, headers) => c.json(payload as object, status as 200, headers),
    });
  });
}
