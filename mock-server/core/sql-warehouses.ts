/** SQL warehouses (`read:sql` lists them, `manage:sql` starts and stops them). */
import { ApiError, quote } from './errors';
import type { SqlWarehouse } from './model';
import { type Page, type PageRequest, byName, paginate } from './paginate';
import type { Sandbox } from './sandbox';

/** The organization's SQL warehouses, by name, one page at a time. */
export function listSqlWarehouses(sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<SqlWarehouse> {
  return paginate(
    sandbox.store.sqlWarehouses.filter((warehouse) => warehouse.orgId === orgId),
    byName,
    request,
  );
}

/** @throws ApiError `not_found` for an unknown id or a warehouse of another organization */
export function getSqlWarehouse(sandbox: Sandbox, orgId: string, warehouseId: string): SqlWarehouse {
  const warehouse = sandbox.store.sqlWarehouses.get(warehouseId);
  if (!warehouse || warehouse.orgId !== orgId) {
    throw new ApiError('not_found', `No SQL warehouse ${quote(warehouseId)} exists in your organization.`);
  }
  return warehouse;
}

/**
 * Moves a warehouse to `running` or `stopped`.
 * @throws ApiError `not_found`; `conflict` when it is already in that state
 */
export function setSqlWarehouseState(sandbox: Sandbox, orgId: string, warehouseId: string, state: SqlWarehouse['state']): SqlWarehouse {
  const warehouse = getSqlWarehouse(sandbox, orgId, warehouseId);
  if (warehouse.state === state) throw new ApiError('conflict', `SQL warehouse ${warehouse.id} is already ${state}.`);
  return sandbox.store.sqlWarehouses.put({ ...warehouse, state });
}
