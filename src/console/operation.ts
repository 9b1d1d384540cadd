/**
 * What the console needs to know about the operation on its page: the spec's operation object
 * (from the page) joined with the catalogue generated from the same spec (its scope, whether it
 * authenticates an OAuth client or also takes a password).
 */
import { operations } from '@site/mock-server/generated/catalogue';

import type { ApiItem, ExampleObject, MediaTypeObject, ParameterObject } from './api-item';
import type { BodyMediaType } from './http-request';
import type { CredentialKind } from './credentials';

export type CatalogueEntry = (typeof operations)[number];

export interface BodyExample {
  id: string;
  summary: string;
  value: unknown;
}

export interface ConsoleOperation {
  item: ApiItem;
  entry: CatalogueEntry;
  parameters: ParameterObject[];
  body?: { mediaType: BodyMediaType; required: boolean; examples: BodyExample[] };
  /** The credential kinds this operation accepts, most useful first; empty when it needs none. */
  credentialKinds: CredentialKind[];
  /** The status the operation answers when it succeeds. */
  successStatus: number;
}

function examplesOf(media: MediaTypeObject): BodyExample[] {
  const named = Object.entries(media.examples ?? {}).map(([id, example]: [string, ExampleObject]) => ({
    id,
    summary: example.summary ?? id,
    value: example.value,
  }));
  if (named.length > 0) return named;
  return media.example === undefined ? [] : [{ id: 'example', summary: 'Example', value: media.example }];
}

function bodyOf(item: ApiItem): ConsoleOperation['body'] {
  const content = item.requestBody?.content ?? {};
  const mediaType = (['application/json', 'application/x-www-form-urlencoded'] as const).find((type) => type in content);
  if (!mediaType) return undefined;
  return { mediaType, required: item.requestBody?.required ?? false, examples: examplesOf(content[mediaType] ?? {}) };
}

function credentialKindsOf(entry: CatalogueEntry): CredentialKind[] {
  if (entry.authenticatesClient) return ['client', 'public-client'];
  if (!entry.needsCredential) return [];
  return entry.alsoAcceptsPassword ? ['bearer', 'password'] : ['bearer'];
}

export function consoleOperation(item: ApiItem): ConsoleOperation {
  const entry = operations.find((operation) => operation.operationId === item.operationId);
  if (!entry) throw new Error(`The spec catalogue has no operation ${item.operationId}; run \`npm run gen\`.`);
  const successStatus = Object.keys(item.responses ?? {})
    .map(Number)
    .filter((status) => status >= 200 && status < 300)
    .sort((a, b) => a - b)[0];
  return {
    item,
    entry,
    parameters: (item.parameters ?? []).filter((parameter) => parameter.in !== 'cookie'),
    body: bodyOf(item),
    credentialKinds: credentialKindsOf(entry),
    successStatus: successStatus ?? 200,
  };
}

/**
 * The value a parameter starts with: its example, else its schema's default or example, else the
 * first allowed value of a required enum.
 */
export function parameterPrefill(parameter: ParameterObject): string {
  const value =
    parameter.example ??
    Object.values(parameter.examples ?? {})[0]?.value ??
    parameter.schema?.example ??
    parameter.schema?.default ??
    (parameter.required ? parameter.schema?.enum?.[0] : undefined);
  return value === undefined || value === null ? '' : String(value);
}
