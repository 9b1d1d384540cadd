/**
 * A JSON body is taken exactly as sent: for every operation of the spec with a JSON request body,
 * a value of the wrong JSON type at any field (the body itself, each property, the first item of
 * each array) is refused with 400 `invalid_request` naming that field, and nothing is written.
 * Strings that look like numbers or booleans are the interesting case: a coercing validator
 * would turn `"30"` into 30 and `"true"` into true.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { resolveRef } from '../../openapi/lib/spec';
import { loadBundledSpec, specOperations } from '../../openapi/test/bundle';
import { scopeCovers } from '../core/scopes';
import { seed } from '../core/seed';
import { seeded, type TestSandbox, testSandbox } from './support/client';
import { sandboxState } from './support/state';

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

interface Schema {
  type?: JsonType | JsonType[];
  properties?: Record<string, Schema>;
  items?: Schema;
  example?: unknown;
}

/** One field to break: its path in the body, the dotted name the error must give, its types. */
interface Field {
  path: (string | number)[];
  name: string;
  types: JsonType[];
}

const spec = loadBundledSpec();
const adaTokenScopes = seed.tokens.find((token) => token.id === 'tok_adaCli')?.scopes ?? [];
const schemaAt = (schema: unknown): Schema => resolveRef(spec, schema as Schema);

/** A JSON value of each type, leaning on strings a coercing validator would accept. */
const valueOfType: Record<JsonType, fc.Arbitrary<unknown>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  integer: fc.oneof(fc.constantFrom(0, 1, 30), fc.integer()),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  string: fc.oneof(fc.constantFrom('true', 'false', '0', '1', '30', '1.5', '', 'null', 'read:clusters'), fc.string({ maxLength: 20 })),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
};

/** Values whose JSON type the schema does not allow (`number` allows integers too). */
function wrongValue(types: JsonType[]): fc.Arbitrary<unknown> {
  const allowed = new Set<JsonType>(types.includes('number') ? [...types, 'integer'] : types);
  return fc.oneof(...(Object.keys(valueOfType) as JsonType[]).filter((type) => !allowed.has(type)).map((type) => valueOfType[type]));
}

const fieldName = (path: (string | number)[]): string =>
  path.reduce<string>((name, segment) => (typeof segment === 'number' ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment), '') || 'body';

/**
 * Every field of a body schema that has a type. The properties and first item of an object or
 * array are visited only where the valid body has that object or array, so that the broken field
 * is the request's only fault (an absent optional field is broken by adding it).
 */
function fieldsOf(schema: Schema, valid: unknown, path: (string | number)[] = []): Field[] {
  const types = schema.type === undefined ? [] : ([] as JsonType[]).concat(schema.type);
  const here: Field[] = types.length > 0 ? [{ path, name: fieldName(path), types }] : [];
  const isObject = typeof valid === 'object' && valid !== null && !Array.isArray(valid);
  const properties = isObject
    ? Object.entries(schema.properties ?? {}).flatMap(([name, property]) => fieldsOf(schemaAt(property), (valid as Record<string, unknown>)[name], [...path, name]))
    : [];
  const items = schema.items && Array.isArray(valid) && valid.length > 0 ? fieldsOf(schemaAt(schema.items), valid[0], [...path, 0]) : [];
  return [...here, ...properties, ...items];
}

/** A copy of `body` with `value` at `path` (the body itself when the path is empty). */
function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

interface JsonOperation {
  operationId: string;
  method: string;
  /** The path with each parameter filled from its example (the parameter's own, else its schema's). */
  url: string;
  /** The one scope the operation needs, if it needs a credential. */
  scope: string | undefined;
  schema: Schema;
  /** The first example the spec gives for the body: valid, so a broken field is the only fault. */
  valid: unknown;
}

const jsonOperations: JsonOperation[] = specOperations(spec).flatMap((operation) => {
  const body = resolveRef(spec, operation.requestBody as { content?: Record<string, { schema: unknown; example?: unknown; examples?: Record<string, unknown> }> } | undefined);
  const media = body?.content?.['application/json'];
  if (!media) return [];
  const [firstExample] = Object.values(media.examples ?? {}).map((example) => resolveRef(spec, example as { value: unknown }).value);
  const url = (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'path')
    .reduce((path, parameter) => {
      const { example, schema } = parameter as { example?: unknown; schema?: unknown };
      return path.replace(`{${parameter.name}}`, String(example ?? schemaAt(schema).example));
    }, operation.path);
  return [
    {
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      url,
      scope: (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat())[0],
      schema: schemaAt(media.schema),
      valid: 'example' in media ? media.example : firstExample,
    },
  ];
});

/**
 * Sends a body as Ada, an admin: with her token, or with her platform key for the resource
 * scopes the token does not hold.
 */
function send(sandbox: TestSandbox, operation: JsonOperation, body: unknown) {
  if (operation.scope === undefined) return sandbox.call(operation.method, operation.url, { json: body });
  const token = adaTokenScopes.some((held) => scopeCovers(held, operation.scope ?? '')) ? seeded.adaToken : seeded.platformKey;
  return sandbox.call(operation.method, operation.url, { json: body, token });
}

describe('JSON bodies are taken exactly as sent', () => {
  it('finds the JSON bodies of the spec, each with an example', () => {
    expect(jsonOperations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['createPersonalAccessToken', 'createApiKey', 'advanceSandboxClock']));
    for (const operation of jsonOperations) expect(operation.valid, operation.operationId).toBeDefined();
  });

  it.each(jsonOperations.map((operation) => [operation.operationId, operation] as const))('%s accepts the example body it is broken from', async (_id, operation) => {
    const sandbox = await testSandbox();
    const response = await send(sandbox, operation, operation.valid);
    expect(response.status, response.text).toBeLessThan(300);
  });

  const cases = jsonOperations.flatMap((operation) =>
    fieldsOf(operation.schema, operation.valid).map((field) => [`${operation.operationId} ${field.name}`, operation, field] as const),
  );

  it.each(cases)('%s: a value of the wrong JSON type is a 400 naming the field, and changes nothing', async (_name, operation, field) => {
    const sandbox = await testSandbox();
    await fc.assert(
      fc.asyncProperty(wrongValue(field.types), async (value) => {
        const before = sandboxState(sandbox.sandbox);
        const response = await send(sandbox, operation, withValue(operation.valid, field.path, value));
        expect(response.status, response.text).toBe(400);
        expect(response.body).toMatchObject({ error: 'invalid_request', details: { field: field.name } });
        expect(response.body.message).toMatch(new RegExp(`^${field.name.replace(/[.[\]]/g, '\\$&')} must be .+, not .+\\.$`));
        expect(sandboxState(sandbox.sandbox)).toBe(before);
      }),
      { numRuns: 20 },
    );
  });
});

/** The field and message of an error example of the spec (`components/examples`): the sandbox must send them word for word. */
function specExample(name: string): { field: string; message: string } {
  const { value } = resolveRef<{ value: { message: string; details: { field: string } } }>(spec, { $ref: `#/components/examples/${name}` });
  return { field: value.details.field, message: value.message };
}

describe('type refusals say what was expected and what was sent', () => {
  it.each([
    ['POST', '/v1/api-keys', { name: 'Billing export', scopes: ['read:clusters'], environment: 'test', restricted: 'true' }, specExample('ErrorWrongTypeRestricted')],
    ['POST', '/v1/api-keys', { name: 123, scopes: ['read:clusters'], environment: 'test' }, { field: 'name', message: 'name must be a string, not an integer.' }],
    ['POST', '/v1/tokens', { label: 'Nightly export', scopes: ['read:clusters'], lifetime_days: '30' }, specExample('ErrorWrongTypeLifetime')],
    ['POST', '/v1/tokens', { label: 'Nightly export', scopes: ['read:clusters'], lifetime_days: 1.5 }, { field: 'lifetime_days', message: 'lifetime_days must be an integer or null, not a fraction.' }],
    ['POST', '/v1/tokens', { label: 'Nightly export', scopes: [null] }, { field: 'scopes[0]', message: 'scopes[0] must be a string, not null.' }],
    ['POST', '/v1/tokens', [{ label: 'Nightly export', scopes: ['read:clusters'] }], { field: 'body', message: 'body must be an object, not an array.' }],
  ])('%s %s %j', async (method, path, json, expected) => {
    const { call, sandbox } = await testSandbox();
    const before = sandboxState(sandbox);
    const response = await call(method, path, { token: seeded.adaToken, json });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_request', message: expected.message, details: { field: expected.field } });
    expect(sandboxState(sandbox)).toBe(before);
  });

  it('still reads query parameters from their strings (?limit=1), and names the type a string cannot take', async () => {
    const { call } = await testSandbox();
    const page = await call('GET', '/v1/api-keys?limit=1', { token: seeded.adaToken });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(1);
    const refused = await call('GET', '/v1/api-keys?limit=ten', { token: seeded.adaToken });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_request', message: 'limit must be an integer.', details: { field: 'limit' } });
  });
});
