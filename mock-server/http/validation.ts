import type { ErrorObject, ValidateFunction } from 'ajv';

import { fieldHint } from '../core/conventions';
import { ApiError, quote, withHint } from '../core/errors';
import * as validators from '../generated/validators';

export type RequestPart = 'path' | 'query' | 'header' | 'json' | 'form';

/** The spec's validator for one part of an operation's request, if the operation has that part. */
export function validatorFor(operationId: string, part: RequestPart): ValidateFunction | undefined {
  return (validators as Record<string, ValidateFunction | undefined>)[`${operationId}_${part}`];
}

const maxListedValues = 6;

/** `/scopes/0` → `scopes[0]`: the dotted field path the error body names. */
function fieldPath(error: ErrorObject): string {
  const segments = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'additionalProperties') segments.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const withArticle: Record<JsonType, string> = {
  null: 'null',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  array: 'an array',
  object: 'an object',
};

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'boolean' | 'string' | 'object';
}

/** What a caller sent, named against what was expected: `1.5` where an integer belongs is "a fraction". */
function sentType(value: unknown, expected: readonly string[]): string {
  const type = jsonTypeOf(value);
  return type === 'number' && expected.includes('integer') ? 'a fraction' : withArticle[type];
}

/** The value at an Ajv instance path (`/scopes/0`) of the validated document. */
function valueAt(document: unknown, instancePath: string): unknown {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), document);
}

/** `integer,null` → "an integer or null" */
function expectedTypes(types: readonly string[]): string {
  return types.map((type) => withArticle[type as JsonType] ?? type).join(' or ');
}

function describe(error: ErrorObject, field: string, part: RequestPart, document: unknown): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return `${field} is not a field of this request.`;
    case 'required':
      return `${field} is required.`;
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      // A long list (every scope) would swamp the message and be cut short: count it instead.
      return allowed.length <= maxListedValues
        ? `${field} must be one of: ${allowed.join(', ')}.`
        : `${field} is not one of its ${allowed.length} documented values.`;
    }
    case 'const':
      return `${field} must be ${String(error.params.allowedValue)}.`;
    case 'type': {
      const types = String(error.params.type).split(',');
      // Parameters and form fields are always strings on the wire: only a JSON value has a type to name.
      const sent = part === 'json' ? `, not ${sentType(valueAt(document, error.instancePath), types)}` : '';
      return `${field} must be ${expectedTypes(types)}${sent}.`;
    }
    default:
      return `${field} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Validates one part of a request against the spec. Parameters and form fields are coerced from
 * their strings as the schema says; a JSON body must have the spec's types as sent.
 * @throws ApiError `invalid_request` naming the first field at fault
 */
export function checkRequestPart(operationId: string, part: RequestPart, value: unknown, label: string): void {
  const validate = validatorFor(operationId, part);
  if (!validate || validate(value)) return;
  const [error] = validate.errors ?? [];
  if (!error) throw new ApiError('invalid_request', `The ${label} is invalid.`);
  const field = fieldPath(error) || label;
  const safeField = /^[a-z_][a-z0-9_.[\]-]*$/.test(field) && field.length <= 64 ? field : undefined;
  const message = withHint(describe(error, field, part, value), fieldHint(field, valueAt(value, error.instancePath)));
  throw new ApiError('invalid_request', quote(message, 300), safeField === undefined ? {} : { field: safeField });
}
