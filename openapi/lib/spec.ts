/**
 * The one way the repo reads the bundled spec and follows its local `$ref`s: the unit tests, the
 * contract check, the type generator and the end-to-end support all load it here.
 */
import { readFileSync } from 'node:fs';

import { escapePointerFragment, isRef, unescapePointerFragment } from '@redocly/openapi-core';
import { parse } from 'yaml';

/** The bundled spec (`npm run bundle:spec`; the unit-test setup bundles it first). */
export const bundledSpecPath = 'static/openapi.yaml';

/** A JSON Reference as OpenAPI uses it. */
export type Ref = { $ref: string };

/** A reference into the bundle could not be followed: it is not local, or nothing is at its pointer. */
export class SpecRefError extends Error {
  override name = 'SpecRefError';
}

/**
 * Reads and parses a spec document. The shape is the caller's view of the document (each reader
 * names only the parts it reads); it is not checked here: the spec lint and the rules tests do that.
 * @param path the YAML file, relative to the repository root (default: the bundle)
 */
export function loadSpec<Shape extends object>(path: string = bundledSpecPath): Shape {
  return parse(readFileSync(path, 'utf8')) as Shape;
}

/** The local JSON pointer of a place in a document, escaped as RFC 6901 says: `['paths', '/v1/me']` → `#/paths/~1v1~1me`. */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return `#${segments.map((segment) => `/${escapePointerFragment(segment)}`).join('')}`;
}

/**
 * The value a local JSON pointer (`#/components/schemas/Error`) names in a document. Segments are
 * unescaped as RFC 6901 says (`~1` is `/`, `~0` is `~`) after URI percent-decoding, so
 * `#/paths/~1oauth~1token` names the path `/oauth/token`.
 * @throws SpecRefError when the pointer is not local (`#/…`) or no value is there
 */
export function valueAtPointer(document: object, pointer: string): unknown {
  if (pointer !== '#' && !pointer.startsWith('#/')) throw new SpecRefError(`not a local JSON pointer: ${pointer}`);
  const segments = pointer === '#' ? [] : pointer.slice(2).split('/').map(unescapePointerFragment);
  let node: unknown = document;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) {
      throw new SpecRefError(`nothing at ${pointer} (no "${segment}")`);
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Follows a local `$ref` of the document, and the `$ref` it leads to in turn; any other value is
 * returned as it is.
 * @throws SpecRefError when a reference cannot be followed (see {@link valueAtPointer})
 */
export function resolveRef<T>(document: object, value: T | Ref): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isRef(current)) {
    const { $ref } = current as Ref;
    if (seen.has($ref)) throw new SpecRefError(`$ref cycle through ${$ref}`);
    seen.add($ref);
    current = valueAtPointer(document, $ref);
  }
  return current as T;
}
