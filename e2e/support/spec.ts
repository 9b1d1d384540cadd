import kebabCase from 'lodash/kebabCase.js';

import { bundledSpecPath, loadSpec } from '../../openapi/lib/spec';

export interface DocumentedOperation {
  operationId: string;
  summary: string;
  /** Path of the generated reference page, as docusaurus-plugin-openapi-docs names it. */
  pagePath: string;
  /** The lowest 2xx status it documents (undefined for webhook events that declare none). */
  successStatus?: number;
  /** The tags it is listed under. */
  tags: string[];
}

/** A page docusaurus-plugin-openapi-docs generates from the spec. */
export interface ReferencePage {
  kind: 'info' | 'operation' | 'tag';
  /** Site path, without the baseUrl. */
  path: string;
  /** The page's title, shown as its level-1 heading. */
  title: string;
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses?: Record<string, unknown>;
}

type PathItem = Partial<Record<(typeof httpMethods)[number], OperationObject>>;

interface SpecDocument {
  info: { title: string };
  tags?: { name: string; 'x-displayName'?: string }[];
  paths: Record<string, PathItem>;
  webhooks?: Record<string, PathItem>;
}

/** Every operation and webhook event of the bundled spec the site was built from. */
export function documentedOperations(specPath = bundledSpecPath): DocumentedOperation[] {
  const spec = loadSpec<SpecDocument>(specPath);
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
          tags: operation.tags ?? [],
        },
      ];
    }),
  );
}

/**
 * Every reference page the generator writes from the bundled spec, named as it names them: the
 * API's info page (its title, lower-cased, in kebab case), one page per operation and webhook
 * event, and one page per tag that some operation uses (titled by `x-displayName` or the name).
 */
export function referencePages(specPath = bundledSpecPath): ReferencePage[] {
  const spec = loadSpec<SpecDocument>(specPath);
  const operations = documentedOperations(specPath);
  const usedTags = new Set(operations.flatMap((operation) => operation.tags));
  return [
    { kind: 'info', path: `/docs/api/${kebabCase(spec.info.title.replace(' ', '-').toLowerCase())}`, title: spec.info.title },
    ...operations.map((operation) => ({ kind: 'operation' as const, path: operation.pagePath, title: operation.summary })),
    ...(spec.tags ?? [])
      .filter((tag) => usedTags.has(tag.name))
      .map((tag) => ({ kind: 'tag' as const, path: `/docs/api/${kebabCase(tag.name)}`, title: tag['x-displayName'] ?? tag.name })),
  ];
}
