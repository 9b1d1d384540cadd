/** SQL warehouses (`read:sql` lists them, `manage:sql` starts and stops them). */
import { ApiError } from './errors';
import type { SqlWarehouse } from './model';
import { findInOrg, pageInOrg } from './org-rows';
import { type Page, type PageRequest, byName } from './paginate';
import type { Sandbox } from './sandbox';

/** The organization's SQL warehouses, by name, one page at a time. */
export const listSqlWarehouses = (sandbox: Sandbox, orgId: string, request: PageRequest = {}): Page<SqlWarehouse> =>
  pageInOrg(sandbox.store.sqlWarehouses, orgId, byName, request);

/**
 * Moves a warehouse to `running` or `stopped`.
 * @throws ApiError `not_found`; `conflict` when it is already in that state
 */
export function setSqlWarehouseState(sandbox: Sandbox, orgId: string, warehouseId: string, state: SqlWarehouse['state']): SqlWarehouse {
  const warehouse = findInOrg(sandbox.store.sqlWarehouses, orgId, warehouseId, 'SQL warehouse');
  if (warehouse.state === state) throw new ApiError('conflict', `SQL warehouse ${warehouse.id} is already ${state}.`);
  return sandbox.store.sqlWarehouses.put({ ...warehouse, state });
}
