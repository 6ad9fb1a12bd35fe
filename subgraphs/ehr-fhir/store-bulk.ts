import type { DatabaseProvider } from '../shared/store/database-url';
import type { EhrFhirTx } from './store';

export type ColumnType = 'text' | 'int' | 'bool' | 'timestamp';

export interface BulkTable {
  name: string;
  columns: [name: string, type: ColumnType][];
}

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/** Prisma's SQLite adapter stores DateTime as ISO text with a "+00:00" offset; match it. */
function sqliteValue(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp') return (value as Date).toISOString().replace('Z', '+00:00');
  if (type === 'bool') return value ? 1 : 0;
  return value;
}

/**
 * Multi-row INSERT through the transaction's raw channel. Prisma's createMany on the
 * SQLite driver adapter costs about a millisecond per row (measured: 1,000 rows in
 * ~950 ms inside a transaction, against ~160 ms for the same rows as multi-row
 * INSERTs), which caps ingest far below thousands of resources per second.
 * Table and column names are constants of this module's callers, never input.
 */
export async function bulkInsert(
  tx: EhrFhirTx,
  provider: DatabaseProvider,
  table: BulkTable,
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / table.columns.length));
  const columnList = table.columns.map(([name]) => `"${name}"`).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = part.map((row) => {
      const slots = table.columns.map(([, type], i) => {
        if (provider === 'sqlite') {
          values.push(sqliteValue(row[i], type));
          return '?';
        }
        values.push(row[i] ?? null);
        const cast = { text: 'text', int: 'integer', bool: 'boolean', timestamp: 'timestamp(3)' }[
          type
        ];
        return `$${values.length}::${cast}`;
      });
      return `(${slots.join(', ')})`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table.name}" (${columnList}) VALUES ${tuples.join(', ')}`,
      ...values,
    );
  }
}

export const RESOURCE_TABLE: BulkTable = {
  name: 'FhirResource',
  columns: [
    ['key', 'text'],
    ['resourceType', 'text'],
    ['resourceId', 'text'],
    ['versionId', 'int'],
    ['lastUpdated', 'timestamp'],
    ['sourceVersionId', 'text'],
    ['sourceLastUpdated', 'text'],
    ['contentHash', 'text'],
    ['patientId', 'text'],
    ['status', 'text'],
    ['dateStart', 'text'],
    ['dateEnd', 'text'],
    ['json', 'text'],
    ['deleted', 'bool'],
  ],
};

export const VERSION_TABLE: BulkTable = {
  name: 'FhirResourceVersion',
  columns: [
    ['key', 'text'],
    ['versionId', 'int'],
    ['lastUpdated', 'timestamp'],
    ['contentHash', 'text'],
    ['json', 'text'],
    ['deleted', 'bool'],
  ],
};

export const TOKEN_TABLE: BulkTable = {
  name: 'FhirToken',
  columns: [
    ['resourceKey', 'text'],
    ['param', 'text'],
    ['system', 'text'],
    ['code', 'text'],
  ],
};
