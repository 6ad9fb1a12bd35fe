import type { PrismaClient } from '../../generated/wearables/sqlite';
import { parseDatabaseUrl } from '../shared/store/database-url';
import { openPrismaClient, type ClientConstructor } from '../shared/store/prisma-client';
import type { SqlDialect } from './series/sql-dialect';

export type WearablesStore = PrismaClient;
export type {
  DeviceAccount as StoredAccount,
  SleepEpisode as StoredSleepEpisode,
  WearablePoint as StoredPoint,
} from '../../generated/wearables/sqlite';

/** The transaction client handed to `$transaction(async (tx) => ...)`. */
export type WearablesTx = Parameters<Parameters<WearablesStore['$transaction']>[0]>[0];

export function openWearablesStore(url: string): Promise<WearablesStore> {
  return openPrismaClient<WearablesStore>(url, {
    sqlite: () => import('../../generated/wearables/sqlite'),
    // Same schema, other provider: the generated types are identical.
    postgresql: () =>
      import('../../generated/wearables/postgresql') as unknown as Promise<{
        PrismaClient: ClientConstructor<WearablesStore>;
      }>,
  });
}

export function dialectOf(url: string): SqlDialect {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') return { provider: 'sqlite', schema: null };
  return { provider: 'postgresql', schema: new URL(url).searchParams.get('schema') };
}
