import { readFileSync } from 'node:fs';

import kebabCase from 'lodash/kebabCase.js';
import { parse } from 'yaml';

export interface DocumentedOperation {
  operationId: string;
  summary: string;
  /** Path of the generated reference page, as docusaurus-plugin-openapi-docs names it. */
  pagePath: string;
  /** The lowest 2xx status it documents (undefined for webhook events that declare none). */
  successStatus?: number;
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface OperationObject {
  operationId?: string;
  summary?: string;
  responses?: Record<string, unknown>;
}

type PathItem = Partial<Record<(typeof httpMethods)[number], OperationObject>>;

/** Every operation and webhook event of the bundled spec the site was built from. */
export function documentedOperations(specPath = 'static/openapi.yaml'): DocumentedOperation[] {
  const spec = parse(readFileSync(specPath, 'utf8')) as {
    paths: Record<string, PathItem>;
    webhooks?: Record<string, PathItem>;
  };
  return [...Object.values(spec.paths), ...Object.values(spec.webhooks ?? {})].flatMap((pathItem) =>
    httpMethods.flatMap((method) => {
      const operation = pathItem[method];
      if (!operation?.operationId || !operation.summary) return [];
      return [
        {
          operationId: operation.operationId,
          summary: operation.summary,
          pagePath: `/docs/api/${kebabCase(operation.operationId)}`,
          successStatus: Object.keys(operation.responses ?? {})
            .map(Number)
            .filter((status) => status >= 200 && status < 300)
            .sort((a, b) => a - b)[0],
        },
      ];
    }),
  );
}
