import { describe, expect, it } from 'vitest';

import { jsonPointer, loadSpec, resolveRef, SpecRefError, valueAtPointer } from './spec';

const document = {
  paths: { '/oauth2/token': { post: { operationId: 'token' } } },
  components: {
    schemas: { 'a~b': { type: 'string' }, 'with space': { type: 'integer' }, Alias: { $ref: '#/components/schemas/a~0b' } },
    parameters: { Loop: { $ref: '#/components/parameters/Loop' } },
  },
};

describe('valueAtPointer', () => {
  it('unescapes ~1 as / and ~0 as ~ (RFC 6901)', () => {
    expect(valueAtPointer(document, '#/paths/~1oauth2~1token/post')).toEqual({ operationId: 'token' });
    expect(valueAtPointer(document, '#/components/schemas/a~0b')).toEqual({ type: 'string' });
  });

  it('percent-decodes a segment, as a URI fragment is', () => {
    expect(valueAtPointer(document, '#/components/schemas/with%20space')).toEqual({ type: 'integer' });
  });

  it('names the whole document with #', () => {
    expect(valueAtPointer(document, '#')).toBe(document);
  });

  it('refuses a pointer with nothing at it, naming the missing segment', () => {
    expect(() => valueAtPointer(document, '#/components/schemas/Missing')).toThrow(SpecRefError);
    expect(() => valueAtPointer(document, '#/components/schemas/Missing')).toThrow('nothing at #/components/schemas/Missing (no "Missing")');
  });

  it('refuses a reference into another document', () => {
    expect(() => valueAtPointer(document, 'other.yaml#/components')).toThrow('not a local JSON pointer: other.yaml#/components');
  });
});

describe('jsonPointer', () => {
  it('escapes ~ as ~0 and / as ~1, and leads back to the same place', () => {
    const pointer = jsonPointer(['components', 'schemas', 'a~b']);
    expect(pointer).toBe('#/components/schemas/a~0b');
    expect(jsonPointer(['paths', '/oauth2/token', 'post'])).toBe('#/paths/~1oauth2~1token/post');
    expect(valueAtPointer(document, jsonPointer(['paths', '/oauth2/token', 'post']))).toEqual({ operationId: 'token' });
    expect(jsonPointer(['servers', 0])).toBe('#/servers/0');
  });
});

describe('resolveRef', () => {
  it('follows a $ref, and the $ref it leads to', () => {
    expect(resolveRef(document, { $ref: '#/components/schemas/Alias' })).toEqual({ type: 'string' });
  });

  it('returns any other value as it is', () => {
    const schema = { type: 'object' };
    expect(resolveRef(document, schema)).toBe(schema);
    expect(resolveRef(document, undefined)).toBeUndefined();
  });

  it('refuses a cycle instead of looping', () => {
    expect(() => resolveRef(document, { $ref: '#/components/parameters/Loop' })).toThrow('$ref cycle through #/components/parameters/Loop');
  });

  it('reaches an operation of the bundle through its escaped path', () => {
    const spec = loadSpec<object>();
    expect(resolveRef<{ post: { operationId: string } }>(spec, { $ref: '#/paths/~1oauth2~1token' }).post.operationId).toBe('exchangeCredentialsForAccessToken');
  });
});
