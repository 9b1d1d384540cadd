import { loadSpec, resolveRef } from '../lib/spec';

export const httpMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

export interface SpecOperation {
  method: (typeof httpMethods)[number];
  path: string;
  operationId: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/** What the rules read of a JSON Schema; everything else stays unknown. */
export interface SchemaObject {
  description?: string;
  maximum?: number;
  properties?: Record<string, SchemaObject>;
  [keyword: string]: unknown;
}

/** A Response Object of the bundle, as far as the rules read it. */
export interface SpecResponse {
  headers?: Record<string, unknown>;
  $ref?: string;
}

export interface BundledSpec {
  info: { description: string };
  paths: Record<
    string,
    Partial<Record<(typeof httpMethods)[number], Omit<SpecOperation, 'method' | 'path'>>> & {
      parameters?: SpecOperation['parameters'];
    }
  >;
  components: {
    securitySchemes: Record<string, { type: string; flows?: Record<string, { scopes?: Record<string, string> }> }>;
    schemas: Record<string, SchemaObject>;
    headers: Record<string, unknown>;
    responses: Record<string, SpecResponse>;
  };
}

/** The bundle as the spec rules read it. */
export function loadBundledSpec(): BundledSpec {
  return loadSpec<BundledSpec>();
}

export function specOperations(spec: BundledSpec): SpecOperation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    httpMethods.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      // Parameters declared on the path apply to each of its operations.
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        resolveRef(spec, parameter),
      );
      return [{ ...operation, parameters, method, path }];
    }),
  );
}
