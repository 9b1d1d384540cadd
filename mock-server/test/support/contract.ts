/**
 * Validates any response of the sandbox against the spec: the status must be declared for the
 * operation, every required header present and valid, no undeclared header of ours sent, and
 * the body must match the schema of its media type. Used by every HTTP test, so nothing the mock
 * sends in the suite can drift from the spec.
 */
import type { ValidateFunction } from 'ajv';

import { loadSpec, type Ref, resolveRef } from '../../../openapi/lib/spec';
import { describeErrors, pointIntoSpec, specAjv } from '../../../openapi/lib/spec-ajv';
import { operations } from '../../generated/catalogue';

interface HeaderObject {
  required?: boolean;
  schema: object;
}
interface ResponseObject {
  headers?: Record<string, HeaderObject | Ref>;
  content?: Record<string, { schema: object }>;
}

const spec = loadSpec<{
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, ResponseObject | Ref> }>>;
}>();

const ajv = specAjv(spec, { allErrors: true, coerceTypes: false });

/** Headers this API defines; any of them in a response must be declared for that response. */
const ourHeaders = /^(x-request-id|ratelimit-.*|retry-after|www-authenticate|cache-control|pragma|location|allow)$/i;

const compiled = new Map<string, ValidateFunction>();
function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(pointIntoSpec(schema));
    compiled.set(key, validate);
  }
  return validate;
}

export interface ObservedResponse {
  operationId: string;
  status: number;
  headers: Headers;
  /** Raw body text. */
  text: string;
}

/** Every (operationId, status) the suite has validated: the coverage the spec walk reads. */
export const observed = new Set<string>();

/** Finds the operation a concrete request path belongs to. */
export function operationFor(method: string, path: string): (typeof operations)[number] | undefined {
  return operations.find(
    (operation) =>
      operation.method === method.toUpperCase() &&
      new RegExp(`^${operation.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

/**
 * Throws an Error listing every way a response departs from the spec.
 */
export function assertMatchesSpec(response: ObservedResponse): void {
  const operation = operations.find((candidate) => candidate.operationId === response.operationId);
  if (!operation) throw new Error(`unknown operation ${response.operationId}`);
  const declared = spec.paths[operation.path]?.[operation.method.toLowerCase()]?.responses ?? {};
  const rawResponse = declared[String(response.status)];
  const where = `${operation.operationId} ${response.status}`;
  if (!rawResponse) throw new Error(`${where}: status not declared (declared: ${Object.keys(declared).join(', ')})`);
  const spec_ = resolveRef(spec, rawResponse);
  const problems: string[] = [];

  const declaredHeaders = new Map(Object.entries(spec_.headers ?? {}).map(([name, header]) => [name.toLowerCase(), resolveRef(spec, header)]));
  for (const [name, header] of declaredHeaders) {
    const value = response.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`missing header ${name}`);
      continue;
    }
    const schema = header.schema as { type?: string };
    const typed: unknown = schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
    const validate = validatorFor(header.schema);
    if (!validate(typed)) problems.push(`header ${name}=${value}: ${describeErrors(validate.errors)}`);
  }
  for (const name of response.headers.keys()) {
    if (ourHeaders.test(name) && !declaredHeaders.has(name.toLowerCase())) problems.push(`undeclared header ${name}`);
  }

  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const content = spec_.content;
  if (!content) {
    if (response.text.length > 0) problems.push('a body was sent where the spec declares none');
  } else {
    const media = content[contentType];
    if (!media) {
      problems.push(`content type ${contentType || '(none)'} not declared (declared: ${Object.keys(content).join(', ')})`);
    } else if (contentType === 'application/json') {
      let body: unknown;
      try {
        body = JSON.parse(response.text) as unknown;
      } catch {
        problems.push('body is not JSON');
      }
      const validate = validatorFor(media.schema);
      if (body !== undefined && !validate(body)) problems.push(`body: ${describeErrors(validate.errors)}`);
    }
  }
  if (problems.length > 0) throw new Error(`${where} departs from the spec:\n  - ${problems.join('\n  - ')}\n  body: ${response.text.slice(0, 500)}`);
  observed.add(`${operation.operationId} ${response.status}`);
}
