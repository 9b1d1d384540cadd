/**
 * The spec and the mock cannot drift: every operation of the spec has a handler, and the mock
 * serves nothing the spec does not describe.
 */
import { describe, expect, it } from 'vitest';

import { operations } from '../generated/catalogue';
import { honoPath } from '../http/operation';
import { testSandbox } from './support/client';

describe('the spec walk', () => {
  it.each(operations.map((operation) => [operation.operationId, operation] as const))('%s has a handler', async (_id, operation) => {
    const { app } = await testSandbox();
    const routes = app.routes.filter((route) => route.method === operation.method && route.path === honoPath(operation.path));
    expect(routes, `${operation.method} ${operation.path}`).toHaveLength(1);
  });

  it('registers no route the spec does not describe', async () => {
    const { app } = await testSandbox();
    const described = new Set(operations.map((operation) => `${operation.method} ${honoPath(operation.path)}`));
    const served = app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
    expect(served.filter((route) => !described.has(route))).toEqual([]);
  });
});
