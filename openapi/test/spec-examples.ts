/**
 * Finds every example in an OpenAPI 3.1 document and checks it against the schema it illustrates:
 * `example` and `examples` of media types (request bodies, responses, parameter `content`),
 * parameters and headers, and `example` / `examples` anywhere inside a schema. Objects reached
 * through `$ref` are walked once, where they are defined (in a bundle: under `components`); an
 * Example Object that is a `$ref` is judged at the place that uses it, against that place's schema.
 */
import type { ValidateFunction } from 'ajv';

import { jsonPointer, resolveRef } from '../lib/spec';
import { describeErrors, schemaAtPointer, specAjv } from '../lib/spec-ajv';
import type { BundledSpec } from './bundle';

/** What holds an example: the Object whose `schema` it must satisfy, or a schema itself. */
export type ExampleHolder = 'media type' | 'parameter' | 'header' | 'schema';

export interface SpecExample {
  holder: ExampleHolder;
  /** JSON pointer (RFC 6901) of the example in the document, as `#/…`. */
  pointer: string;
  /** Pointer of the Example Object it takes its value from, when `examples.<name>` is a `$ref`. */
  definedAt?: string;
  value: unknown;
  /** Pointer of the schema the value must satisfy. */
  schemaPointer: string;
}

type Node = Record<string, unknown>;
type Segments = readonly (string | number)[];

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasRef = (value: Node): boolean => typeof value.$ref === 'string';

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Keywords whose value is a schema, and those whose value is a list or a map of schemas (JSON Schema 2020-12). */
const subschemaKeywords = ['additionalProperties', 'unevaluatedProperties', 'items', 'contains', 'unevaluatedItems', 'not', 'if', 'then', 'else', 'propertyNames', 'contentSchema'];
const subschemaListKeywords = ['prefixItems', 'allOf', 'anyOf', 'oneOf'];
const subschemaMapKeywords = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];

/**
 * Every example in the document, with the schema each must satisfy.
 * @returns the examples in document order; a holder with examples but no schema gets `schemaPointer: ''`
 */
export function collectExamples(spec: BundledSpec): SpecExample[] {
  const found: SpecExample[] = [];

  function walkSchema(schema: unknown, at: Segments): void {
    if (!isNode(schema)) return;
    if ('example' in schema) found.push({ holder: 'schema', pointer: jsonPointer([...at, 'example']), value: schema.example, schemaPointer: jsonPointer(at) });
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value: unknown, index) =>
        found.push({ holder: 'schema', pointer: jsonPointer([...at, 'examples', index]), value, schemaPointer: jsonPointer(at) }),
      );
    }
    for (const keyword of subschemaKeywords) walkSchema(schema[keyword], [...at, keyword]);
    for (const keyword of subschemaListKeywords) {
      const list = schema[keyword];
      if (Array.isArray(list)) list.forEach((subschema: unknown, index) => walkSchema(subschema, [...at, keyword, index]));
    }
    for (const keyword of subschemaMapKeywords) {
      const map = schema[keyword];
      if (isNode(map)) for (const [name, subschema] of Object.entries(map)) walkSchema(subschema, [...at, keyword, name]);
    }
  }

  /** A media type, parameter or header: `example` or `examples` (a map of Example Objects) beside `schema`. */
  function walkHolder(holder: ExampleHolder, object: Node, at: Segments): void {
    const schemaPointer = 'schema' in object ? jsonPointer([...at, 'schema']) : '';
    walkSchema(object.schema, [...at, 'schema']);
    if ('example' in object) found.push({ holder, pointer: jsonPointer([...at, 'example']), value: object.example, schemaPointer });
    if (isNode(object.examples)) {
      for (const [name, example] of Object.entries(object.examples)) {
        const definedAt = isNode(example) && typeof example.$ref === 'string' ? example.$ref : undefined;
        const resolved = resolveRef<unknown>(spec, example);
        const value = isNode(resolved) ? resolved.value : undefined;
        found.push({ holder, pointer: jsonPointer([...at, 'examples', name]), ...(definedAt ? { definedAt } : {}), value, schemaPointer });
      }
    }
  }

  function walkContent(content: unknown, at: Segments): void {
    if (!isNode(content)) return;
    for (const [mediaType, media] of Object.entries(content)) if (isNode(media)) walkHolder('media type', media, [...at, mediaType]);
  }

  function walkParameterOrHeader(holder: 'parameter' | 'header', object: unknown, at: Segments): void {
    if (!isNode(object) || hasRef(object)) return;
    walkHolder(holder, object, at);
    walkContent(object.content, [...at, 'content']);
  }

  function walkRequestBody(body: unknown, at: Segments): void {
    if (isNode(body) && !hasRef(body)) walkContent(body.content, [...at, 'content']);
  }

  function walkResponse(response: unknown, at: Segments): void {
    if (!isNode(response) || hasRef(response)) return;
    if (isNode(response.headers)) {
      for (const [name, header] of Object.entries(response.headers)) walkParameterOrHeader('header', header, [...at, 'headers', name]);
    }
    walkContent(response.content, [...at, 'content']);
  }

  function walkParameters(parameters: unknown, at: Segments): void {
    if (Array.isArray(parameters)) parameters.forEach((parameter: unknown, index) => walkParameterOrHeader('parameter', parameter, [...at, index]));
  }

  function walkPathItem(item: unknown, at: Segments): void {
    if (!isNode(item) || hasRef(item)) return;
    walkParameters(item.parameters, [...at, 'parameters']);
    for (const method of operationMethods) {
      const operation = item[method];
      if (!isNode(operation)) continue;
      walkParameters(operation.parameters, [...at, method, 'parameters']);
      walkRequestBody(operation.requestBody, [...at, method, 'requestBody']);
      if (isNode(operation.responses)) {
        for (const [status, response] of Object.entries(operation.responses)) walkResponse(response, [...at, method, 'responses', status]);
      }
    }
  }

  const document = spec as unknown as Node;
  for (const section of ['paths', 'webhooks']) {
    const items = document[section];
    if (isNode(items)) for (const [name, item] of Object.entries(items)) walkPathItem(item, [section, name]);
  }
  const components = isNode(document.components) ? document.components : {};
  const each = (section: string, walk: (value: unknown, at: Segments) => void): void => {
    const map = components[section];
    if (isNode(map)) for (const [name, value] of Object.entries(map)) walk(value, ['components', section, name]);
  };
  each('schemas', walkSchema);
  each('parameters', (value, at) => walkParameterOrHeader('parameter', value, at));
  each('headers', (value, at) => walkParameterOrHeader('header', value, at));
  each('requestBodies', walkRequestBody);
  each('responses', walkResponse);
  each('pathItems', walkPathItem);
  return found;
}

/**
 * A checker of examples against the document's schemas: JSON Schema 2020-12 as OAS 3.1 uses it,
 * with no type coercion and no removal of extra properties (a closed schema refuses them), and
 * every `format` checked (a format it does not know throws rather than passing everything).
 * @returns a function giving, for one example, the problems found (none when it is valid)
 */
export function exampleChecker(spec: BundledSpec): (example: SpecExample) => string[] {
  // The whole document is one schema resource (so that `#/components/…` refs resolve), which
  // strict schema checking would refuse; anything Ajv would only warn about fails instead.
  const fail = (...message: unknown[]): never => {
    throw new Error(`schema checker: ${message.map(String).join(' ')}`);
  };
  const ajv = specAjv(spec, { allErrors: true, coerceTypes: false, logger: { log: () => undefined, warn: fail, error: fail } });

  const compiled = new Map<string, ValidateFunction>();
  return (example) => {
    if (!example.schemaPointer) return [`${example.pointer}: no schema to check it against`];
    let validate = compiled.get(example.schemaPointer);
    if (!validate) {
      validate = ajv.compile(schemaAtPointer(example.schemaPointer));
      compiled.set(example.schemaPointer, validate);
    }
    if (example.value === undefined) return [`${example.pointer}: has no value`];
    if (validate(example.value)) return [];
    const source = example.definedAt ? ` (value from ${example.definedAt})` : '';
    return [`${example.pointer}${source} does not match ${example.schemaPointer}: ${describeErrors(validate.errors)}`];
  };
}
