/**
 * The operation a reference page documents, as the OpenAPI plugin embeds it in the page's front
 * matter: the spec's operation object (dereferenced) plus its method, path, servers and security
 * schemes, zlib-deflated and base64-encoded. Only the fields the console reads are typed here.
 */
import { strFromU8, unzlibSync } from 'fflate';

export interface SchemaObject {
  type?: string | string[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  description?: string;
  format?: string;
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  description?: string;
  required?: boolean;
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}

export interface ApiItem {
  operationId: string;
  method: string;
  path: string;
  summary?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject> };
  responses?: Record<string, { description?: string }>;
  security?: Record<string, string[]>[];
  servers?: { url: string; description?: string }[];
}

const base64ToBytes = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));

export function decodeApiItem(encoded: string): ApiItem {
  return JSON.parse(strFromU8(unzlibSync(base64ToBytes(encoded)))) as ApiItem;
}
