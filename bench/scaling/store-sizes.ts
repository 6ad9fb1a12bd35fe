import fs from 'node:fs';
import path from 'node:path';

const STORES = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables', 'audit'] as const;

/** MiB on disk of each SQLite store of a stack's state folder (database files and WAL). */
export function storeSizes(home: string): Record<(typeof STORES)[number], number> {
  const size = (file: string) => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  const files = (store: (typeof STORES)[number]) => {
    if (store !== 'audit') return [path.join(home, 'data', `${store}.db`)];
    // One audit file per process's log (subgraphs/shared/audit/audit-locations.ts).
    const folder = path.join(home, 'data', 'audit');
    try {
      return fs
        .readdirSync(folder)
        .filter((name) => name.endsWith('.db'))
        .map((name) => path.join(folder, name));
    } catch {
      return [];
    }
  };
  return Object.fromEntries(
    STORES.map((store) => {
      const bytes = files(store).reduce((sum, file) => sum + size(file) + size(`${file}-wal`), 0);
      return [store, bytes / 1024 ** 2];
    }),
  ) as Record<(typeof STORES)[number], number>;
}
