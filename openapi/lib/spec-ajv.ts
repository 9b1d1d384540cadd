/**
 * The one Ajv setup for validating values against the spec's schemas: the contract check of every
 * response, the spec-example check and the generated request validators all start from it.
 */
import type { ErrorObject, Options } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The `$id` the whole document is registered under. */
const specSchemaId = 'spec';

/**
 * What a validator may choose; everything else is fixed by {@link specAjv}. Each is Ajv's option of
 * the same name.
 */
export interface SpecAjvOptions {
  /** Report every error (true: the tests' messages list them all) or stop at the first (false). */
  allErrors: boolean;
  /** Coerce strings to the schema's types, as for path, query and header values read off the wire. */
  coerceTypes: boolean;
  /** Emit the source of compiled validators, for standalone modules (`ajv/dist/standalone`). */
  code?: Options['code'];
  /** Where Ajv's warnings go (default: the console); a checker that must not pass on a warning throws in it. */
  logger?: Options['logger'];
}

/**
 * An Ajv for JSON Schema 2020-12 as OAS 3.1 uses it, holding the whole spec as the schema `spec`
 * (so `spec#/components/…` refs resolve), with every `format` of the spec checked: ajv-formats'
 * ones, plus OpenAPI's `int32` and `int64` as integer ranges and `password` as any string. It never
 * removes extra properties nor fills in defaults.
 *
 * Strict mode is off because the OpenAPI document around the schemas is no schema itself (its
 * `paths`, `info`, … are keywords strict mode refuses).
 */
export function specAjv(spec: object, options: SpecAjvOptions): Ajv2020 {
  const ajv = new Ajv2020({ ...options, strict: false, removeAdditional: false, useDefaults: false });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('password', true);
  ajv.addSchema({ ...spec, $id: specSchemaId });
  return ajv;
}

/** Rewrites a schema's local refs (`#/components/...`, as in the bundle) to point into the registered spec. */
export function pointIntoSpec<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${specSchemaId}#/`)) as T;
}

/**
 * A schema that is the spec's schema at a JSON pointer (`#/components/schemas/Error`), each
 * segment percent-encoded as a URI fragment must be.
 */
export function schemaAtPointer(pointer: string): { $ref: string } {
  const fragment = pointer
    .slice(1)
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return { $ref: `${specSchemaId}#${fragment}` };
}

/** Ajv's errors as one line each: where, what, and the params. */
export const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('; ');
