import type { SqlExecutor, SqlValue } from './sql-database';

/**
 * Multi-row INSERTs for the ingest write paths: one statement per few hundred rows
 * instead of one per row. Identifiers are the Prisma schema's, quoted the way
 * SQLite and PostgreSQL both accept; values always travel as parameters.
 */

/** Parameters per statement: well under SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMETERS = 8_000;

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * Rows per statement for `total` rows: as many of the largest size as fit, the
 * rest in powers of four. Statements come in a handful of fixed shapes, so a
 * driver that keeps statements prepared (shared/store/sql-database.ts) parses
 * each shape once, not once per batch of a new length.
 */
export function statementSizes(total: number, columns: number): number[] {
  let largest = 1;
  while (largest * 4 * columns <= MAX_PARAMETERS) largest *= 4;
  const sizes: number[] = [];
  let left = total;
  for (let size = largest; size >= 1; size /= 4) {
    while (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

export interface InsertOptions {
  /** Appended to every statement, e.g. `ON CONFLICT (...) DO UPDATE SET ... WHERE ...`. */
  onConflict?: string;
}

/** Statement texts by shape: the same few are built over and over. */
const statementText = new Map<string, string>();

/**
 * The INSERT statements for these rows (each an array of values in `columns`
 * order), in statementSizes' shapes, values as parameters.
 */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  options: InsertOptions = {},
): { sql: string; params: SqlValue[] }[] {
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const tail = options.onConflict ? ` ${options.onConflict}` : '';
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements: { sql: string; params: SqlValue[] }[] = [];
  const sqlOf = (size: number) => {
    const key = `${size}\u0000${head}${tail}`;
    let sql = statementText.get(key);
    if (sql === undefined) {
      if (statementText.size > 200) statementText.clear();
      sql = head + Array.from({ length: size }, () => tuple).join(', ') + tail;
      statementText.set(key, sql);
    }
    return sql;
  };
  let start = 0;
  for (const size of statementSizes(rows.length, columns.length)) {
    const params: SqlValue[] = [];
    for (let i = start; i < start + size; i++) {
      const row = rows[i]!;
      for (let c = 0; c < columns.length; c++) params.push(row[c] ?? null);
    }
    start += size;
    statements.push({ sql: sqlOf(size), params });
  }
  return statements;
}

/** Inserts every row; answers the rows the database reports changed (inserted or updated). */
export async function insertRows<Row extends object>(
  executor: SqlExecutor,
  table: string,
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
  options: InsertOptions = {},
): Promise<number> {
  let changed = 0;
  const values = rows.map((row) =>
    columns.map((column) => (row as Record<string, unknown>)[column] as SqlValue | undefined),
  );
  for (const { sql, params } of insertStatements(table, columns, values as SqlValue[][], options)) {
    changed += await executor.execute(sql, params);
  }
  return changed;
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
