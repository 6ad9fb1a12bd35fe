import type { SqlExecutor, SqlValue } from './sql-database';

/**
 * Multi-row INSERTs for the ingest write path: one statement per few hundred rows
 * instead of one per row. Identifiers are the Prisma schema's, quoted the way
 * SQLite and PostgreSQL both accept; values always travel as parameters.
 */

/** Parameters per statement: well under SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 8_000;

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export async function insertRows<Row extends object>(
  executor: SqlExecutor,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: SqlValue[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column];
        values.push(value === undefined ? null : (value as SqlValue));
      }
    }
    await executor.execute(head + chunk.map(() => tuple).join(', '), values);
  }
}

/** `UPDATE table SET a = ?, b = ? WHERE id = ?` for the given columns of one row. */
export async function updateRow(
  executor: SqlExecutor,
  table: string,
  id: string,
  values: Record<string, SqlValue>,
): Promise<void> {
  const columns = Object.keys(values);
  await executor.execute(
    `UPDATE ${quote(table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE "id" = ?`,
    [...columns.map((c) => values[c]!), id],
  );
}

/** `(?, ?, ?)` for an IN list. */
export function marks(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}
