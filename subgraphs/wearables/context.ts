import DataLoader from 'dataloader';
import type { RequestBase } from '../shared/http/subgraph-server';
import { SeriesBatcher } from './series/series-batcher';
import { RawSqlParams } from '../shared/store/raw-sql-params';
import { tableName, type SqlDialect } from './series/sql-dialect';
import type { StoredAccount, WearablesStore } from './store';
import { queryRows } from '../shared/store/sql-reader';

export interface WearablesContext extends RequestBase {
  store: WearablesStore;
  dialect: SqlDialect;
  /** Accounts by "vendor\u0000accountId", one store query per batch of patients. */
  accounts: DataLoader<string, StoredAccount | null>;
  /** Series reads of every patient in the request, one statement per query shape. */
  series: SeriesBatcher;
}

export function accountLoaderKey(vendor: string, accountId: string): string {
  return `${vendor}\u0000${accountId}`;
}

export function createAccountLoader(
  store: WearablesStore,
  dialect: SqlDialect,
): DataLoader<string, StoredAccount | null> {
  return new DataLoader(async (keys: readonly string[]) => {
    // SQL through Prisma's raw channel, not its query builder (see RawSqlParams).
    const params = new RawSqlParams(dialect.provider);
    const refs = keys.map((key) => {
      const [vendor, accountId] = key.split('\u0000') as [string, string];
      return `("vendor" = ${params.add(vendor)} AND "accountId" = ${params.add(accountId)})`;
    });
    const rows = await queryRows<StoredAccount>(
      store,
      `SELECT * FROM ${tableName(dialect, 'DeviceAccount')} WHERE ${refs.join(' OR ')}`,
      params.values,
    );
    const byKey = new Map(rows.map((row) => [accountLoaderKey(row.vendor, row.accountId), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function createWearablesContext(
  base: RequestBase,
  store: WearablesStore,
  dialect: SqlDialect,
): WearablesContext {
  return {
    ...base,
    store,
    dialect,
    accounts: createAccountLoader(store, dialect),
    series: new SeriesBatcher(store, dialect),
  };
}
