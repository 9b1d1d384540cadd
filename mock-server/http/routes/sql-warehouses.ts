import type { Hono } from 'hono';

import { isoTime } from '../../core/clock';
import type { SqlWarehouse } from '../../core/model';
import { listSqlWarehouses, setSqlWarehouseState } from '../../core/sql-warehouses';
import type { AppEnv } from '../env';
import { listBody } from '../list-body';
import { defineOperation } from '../operation';
import type { components } from '../types';

/** A SQL warehouse in the spec's wire shape. */
export function sqlWarehouseWire(warehouse: SqlWarehouse): components['schemas']['SqlWarehouse'] {
  return { id: warehouse.id, name: warehouse.name, size: warehouse.size, state: warehouse.state, created_at: isoTime(warehouse.createdAt) };
}

/** SQL warehouses: list, start, stop. */
export function registerSqlWarehouseRoutes(app: Hono<AppEnv>): void {
  defineOperation(app, 'listSqlWarehouses', ({ c, principal, query, json }) => {
    const page = listSqlWarehouses(c.get('sandbox'), principal.org.id, query);
    return json(200, listBody(page, sqlWarehouseWire));
  });

  defineOperation(app, 'startSqlWarehouse', ({ c, principal, params, json }) =>
    json(200, sqlWarehouseWire(setSqlWarehouseState(c.get('sandbox'), principal.org.id, params.warehouseId ?? '', 'running'))),
  );

  defineOperation(app, 'stopSqlWarehouse', ({ c, principal, params, json }) =>
    json(200, sqlWarehouseWire(setSqlWarehouseState(c.get('sandbox'), principal.org.id, params.warehouseId ?? '', 'stopped'))),
  );
}
