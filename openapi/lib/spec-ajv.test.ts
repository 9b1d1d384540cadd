import { describe, expect, it } from 'vitest';

import { describeErrors, pointIntoSpec, schemaAtPointer, specAjv } from './spec-ajv';

const spec = {
  openapi: '3.1.0',
  paths: {},
  components: {
    schemas: {
      Count: { type: 'integer', format: 'int32' },
      Id: { type: 'integer', format: 'int64' },
      Secret: { type: 'string', format: 'password' },
      Email: { type: 'string', format: 'email' },
      'a/b': { type: 'object', properties: { n: { $ref: '#/components/schemas/Count' } }, required: ['n'], additionalProperties: false },
    },
  },
};

describe('specAjv', () => {
  const ajv = specAjv(spec, { allErrors: true, coerceTypes: false });
  const valid = (pointer: string, value: unknown): boolean => ajv.validate(schemaAtPointer(pointer), value);

  it("checks OpenAPI's int32 and int64 as integer ranges", () => {
    expect(valid('#/components/schemas/Count', 2 ** 31 - 1)).toBe(true);
    expect(valid('#/components/schemas/Count', 2 ** 31)).toBe(false);
    expect(valid('#/components/schemas/Id', Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(valid('#/components/schemas/Id', 2 ** 53)).toBe(false);
  });

  it("checks ajv-formats' formats and takes any string as a password", () => {
    expect(valid('#/components/schemas/Email', 'ada@example.com')).toBe(true);
    expect(valid('#/components/schemas/Email', 'not an email')).toBe(false);
    expect(valid('#/components/schemas/Secret', 'anything at all')).toBe(true);
  });

  it('neither removes extra properties nor coerces, unless asked to coerce', () => {
    const body = { n: 1, extra: true };
    expect(valid('#/components/schemas/a~1b', body)).toBe(false);
    expect(body).toEqual({ n: 1, extra: true });
    expect(valid('#/components/schemas/Count', '3')).toBe(false);
    const wire = specAjv(spec, { allErrors: false, coerceTypes: true });
    const query = { n: '3' };
    expect(wire.validate(schemaAtPointer('#/components/schemas/a~1b'), query)).toBe(true);
    expect(query).toEqual({ n: 3 });
  });

  it('passes warnings to the logger it is given', () => {
    const warnings: unknown[] = [];
    const logged = specAjv(spec, { allErrors: true, coerceTypes: false, logger: { log: () => undefined, warn: (...m: unknown[]) => warnings.push(m), error: () => undefined } });
    logged.compile({ type: 'string', format: 'no-such-format' });
    expect(warnings).not.toHaveLength(0);
  });
});

describe('pointIntoSpec', () => {
  it("turns the bundle's local refs into refs into the registered spec", () => {
    expect(pointIntoSpec({ items: { $ref: '#/components/schemas/Count' } })).toEqual({ items: { $ref: 'spec#/components/schemas/Count' } });
  });
});

describe('describeErrors', () => {
  it('lists each error with where it is, or (root)', () => {
    const ajv = specAjv(spec, { allErrors: true, coerceTypes: false });
    const validate = ajv.compile(pointIntoSpec({ $ref: '#/components/schemas/a~1b' }));
    validate({ n: 'x', extra: 1 });
    expect(describeErrors(validate.errors)).toBe(
      '(root) must NOT have additional properties {"additionalProperty":"extra"}; /n must be integer {"type":"integer"}',
    );
  });
});
