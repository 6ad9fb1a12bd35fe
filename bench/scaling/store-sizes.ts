import fs from 'node:fs';
import path from 'node:path';

const STORES = ['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables', 'audit'] as const;

/** MiB on disk of each SQLite store of a stack's state folder (database file and WAL). */
export function storeSizes(home: string): Record<(typeof STORES)[number], number> {
  const size = (file: string) => {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  };
  return Object.fromEntries(
    STORES.map((store) => {
      const file = path.join(home, 'data', `${store}.db`);
      return [store, (size(file) + size(`${file}-wal`)) / 1024 ** 2];
    }),
  ) as Record<(typeof STORES)[number], number>;
}
