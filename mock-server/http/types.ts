/** Request and response types of each operation, read from the types generated from the spec. */
import type { OperationId } from '../generated/catalogue';
import type { components, operations } from '../generated/openapi';

export type { components, OperationId };

type Content<T> = T extends { content: infer C } ? C : never;
type RequestBodyOf<Id extends OperationId> = operations[Id] extends { requestBody: infer B } ? B : never;

/** The JSON request body of an operation (`never` when it takes none). */
export type JsonBody<Id extends OperationId> = Content<RequestBodyOf<Id>> extends { 'application/json': infer J } ? J : never;

/** The form request body of an operation (`never` when it takes none). */
export type FormBody<Id extends OperationId> = Content<RequestBodyOf<Id>> extends { 'application/x-www-form-urlencoded': infer F }
  ? F
  : never;

export type QueryOf<Id extends OperationId> = operations[Id]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

type Responses<Id extends OperationId> = operations[Id]['responses'];

/** Statuses the spec declares with a JSON body for this operation. */
export type JsonStatus<Id extends OperationId> = {
  [S in keyof Responses<Id>]: Content<Responses<Id>[S]> extends { 'application/json': unknown } ? S : never;
}[keyof Responses<Id>] &
  number;

/** The JSON body the spec declares for this operation and status. */
export type JsonResponse<Id extends OperationId, S extends JsonStatus<Id>> = Content<Responses<Id>[S]> extends {
  'application/json': infer J;
}
  ? J
  : never;
