/**
 * The one place SQL differs between SQLite and PostgreSQL here: placeholders
 * (`?` against `$1`) and null-safe inequality. Everything else the wearables
 * queries use (CAST AS BIGINT, integer division of BIGINTs, CASE, ON CONFLICT ...
 * DO UPDATE ... WHERE, GROUP BY an output alias) means the same on both.
 */
export interface SqlDialect {
  provider: 'sqlite' | 'postgresql';
  /**
   * PostgreSQL schema from the URL's `?schema=`. Prisma's own queries name it,
   * but raw SQL resolves through search_path, so raw table names carry it.
   */
  schema: string | null;
}

/** A table name for raw SQL, schema-qualified when the store lives in a named schema. */
export function tableName(dialect: SqlDialect, table: string): string {
  return dialect.schema ? `"${dialect.schema.replace(/"/g, '""')}"."${table}"` : `"${table}"`;
}

export class SqlParams {
  readonly values: unknown[] = [];

  constructor(readonly dialect: SqlDialect) {}

  /**
   * Adds a value and returns its placeholder. Numbered on both providers
   * (SQLite `?N`, PostgreSQL `$N`) so one value can be referenced many times.
   */
  add(value: unknown): string {
    this.values.push(value);
    const n = this.values.length;
    return this.dialect.provider === 'sqlite' ? `?${n}` : `$${n}`;
  }

  /** A BIGINT-typed placeholder, so comparisons with BIGINT columns stay index scans. */
  bigint(value: number | bigint): string {
    return `CAST(${this.add(typeof value === 'bigint' ? value : BigInt(Math.round(value)))} AS BIGINT)`;
  }

  list(values: readonly (number | string)[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

/**
 * Values written into SQL text instead of bound, for bulk inserts only: through
 * Prisma's raw-query path each bound parameter costs more than the database's
 * whole work for the row (measured: a year of CGM readings inserts about 2.5x
 * faster with literals). Numbers must be finite or the statement is refused.
 * Strings are quoted so that no input can end the literal: quotes doubled on
 * both providers, and on PostgreSQL an explicit E'' string with backslashes
 * doubled, which means the same whatever standard_conforming_strings is set to.
 * NUL, which neither database stores in text, is dropped.
 */
export function sqlLiteral(
  dialect: SqlDialect,
  value: string | number | boolean | null,
  options: { integer?: boolean } = {},
): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('sqlLiteral: not a finite number');
    return String(options.integer ? Math.round(value) : value);
  }
  const text = value.replace(/\0/g, '').replace(/'/g, "''");
  return dialect.provider === 'sqlite' ? `'${text}'` : `E'${text.replace(/\\/g, '\\\\')}'`;
}

/** `a IS DISTINCT FROM b` (PostgreSQL; SQLite spells it `IS NOT`). */
export function distinctFrom(dialect: SqlDialect, left: string, right: string): string {
  return dialect.provider === 'sqlite'
    ? `${left} IS NOT ${right}`
    : `${left} IS DISTINCT FROM ${right}`;
}

/** Numbers come back from raw queries as number, bigint or (PostgreSQL numeric) string. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return Number.NaN;
}
