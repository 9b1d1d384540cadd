/**
 * Every example in the spec is a value its schema accepts: the reference pages show them, the
 * console pre-fills requests with them, and readers copy them.
 */
import { describe, expect, it } from 'vitest';

import { loadBundledSpec, type BundledSpec } from './bundle';
import { collectExamples, exampleChecker, type SpecExample } from './spec-examples';

const problemsOf = (spec: BundledSpec, examples: SpecExample[]): string[] => {
  const check = exampleChecker(spec);
  return examples.flatMap(check);
};

describe('the spec’s examples', () => {
  const spec = loadBundledSpec();
  const examples = collectExamples(spec);

  it('are found in every kind of place that holds them', () => {
    const holders = new Set(examples.map((example) => example.holder));
    expect([...holders].sort()).toEqual(['header', 'media type', 'parameter', 'schema']);
    expect(examples.filter((example) => example.definedAt).length).toBeGreaterThan(0);
  });

  it('all match their schema', () => {
    const problems = problemsOf(spec, examples);
    expect(problems, `${problems.length} of ${examples.length} examples do not match their schema:\n${problems.join('\n')}`).toEqual([]);
  });
});

/** A document with one wrong example in each kind of place, and a right one beside it. */
const brokenSpec = {
  openapi: '3.1.0',
  info: { title: 'Examples', version: '1' },
  paths: {
    '/things/{thingId}': {
      parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string', pattern: '^th_' }, example: 'nope' }],
      post: {
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', format: 'int32', minimum: 1 }, examples: { fine: { value: 5 }, wrong: { value: '5' } } }],
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Thing' },
              examples: { fine: { value: { id: 'th_1' } }, shared: { $ref: '#/components/examples/ExtraField' } },
            },
          },
        },
        responses: {
          '200': {
            description: 'OK',
            headers: { 'X-Count': { schema: { type: 'integer' }, example: 1.5 } },
            content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer', example: 'x' } } }, example: { n: 1 } } },
          },
        },
      },
    },
  },
  webhooks: {
    thingMade: {
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, example: { id: 7 } } } }, responses: {} },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^th_' }, when: { type: 'string', format: 'date-time', examples: ['2026-05-01T10:00:00Z', 'yesterday'] } },
      },
    },
    examples: { ExtraField: { value: { id: 'th_2', colour: 'red' } } },
  },
} as unknown as BundledSpec;

describe('the example check', () => {
  it('names each wrong example by its JSON pointer and passes the right ones', () => {
    const problems = problemsOf(brokenSpec, collectExamples(brokenSpec));
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual([
      '#/paths/~1things~1{thingId}/parameters/0/example',
      '#/paths/~1things~1{thingId}/post/parameters/0/examples/wrong',
      '#/paths/~1things~1{thingId}/post/requestBody/content/application~1json/examples/shared',
      '#/paths/~1things~1{thingId}/post/responses/200/headers/X-Count/example',
      '#/paths/~1things~1{thingId}/post/responses/200/content/application~1json/schema/properties/n/example',
      '#/webhooks/thingMade/post/requestBody/content/application~1json/example',
      '#/components/schemas/Thing/properties/when/examples/1',
    ]);
    expect(problems[2]).toContain('(value from #/components/examples/ExtraField)');
    expect(problems[2]).toContain('must NOT have additional properties {"additionalProperty":"colour"}');
    expect(problems[1]).toContain('must be integer');
  });

  it('refuses a format it cannot check instead of passing every value', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'Formats', version: '1' },
      paths: {},
      components: { schemas: { Colour: { type: 'string', format: 'colour', example: 'red' } } },
    } as unknown as BundledSpec;
    expect(() => problemsOf(spec, collectExamples(spec))).toThrow('unknown format "colour"');
  });
});
