import type { ErrorObject, ValidateFunction } from 'ajv';

import { ApiError, quote } from '../core/errors';
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

function describe(error: ErrorObject, field: string): string {
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
    default:
      return `${field} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Validates one part of a request against the spec, coercing strings as the schema says.
 * @throws ApiError `invalid_request` naming the first field at fault
 */
export function checkRequestPart(operationId: string, part: RequestPart, value: unknown, label: string): void {
  const validate = validatorFor(operationId, part);
  if (!validate || validate(value)) return;
  const [error] = validate.errors ?? [];
  if (!error) throw new ApiError('invalid_request', `The ${label} is invalid.`);
  const field = fieldPath(error) || label;
  const safeField = /^[a-z_][a-z0-9_.[\]-]*$/.test(field) && field.length <= 64 ? field : undefined;
  throw new ApiError('invalid_request', quote(describe(error, field), 300), safeField === undefined ? {} : { field: safeField });
}
