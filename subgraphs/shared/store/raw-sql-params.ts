import type { DatabaseProvider } from './database-url';

/**
 * Placeholders and values for SQL sent through Prisma's raw channel
 * (`$queryRawUnsafe`): `?` on SQLite, `$n` on PostgreSQL. Hot read paths use raw
 * SQL because Prisma 6 compiles every query-builder call anew (no plan cache),
 * about a millisecond of CPU each, several times the query's own cost; raw rows
 * come back typed from the columns' declared types, as the models are.
 *
 * Take placeholders in the order they appear in the text: SQLite's `?` are positional.
 */
export class RawSqlParams {
  readonly values: (string | number | Date)[] = [];

  constructor(private readonly provider: DatabaseProvider) {}

  add(value: string | number | Date): string {
    // A DateTime as Prisma stores it in SQLite (ISO text, "+00:00"), so text comparison orders it.
    this.values.push(
      value instanceof Date && this.provider === 'sqlite'
        ? value.toISOString().replace('Z', '+00:00')
        : value,
    );
    return this.provider === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  /** Placeholders for an IN list. */
  list(values: readonly (string | number)[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

/**
 * `?` placeholders to PostgreSQL's `$1..$n`, for statements written once for both
 * databases (the SQL given never holds `?` outside placeholders).
 */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
