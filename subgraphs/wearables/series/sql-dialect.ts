/**
 * The one place SQL differs between SQLite and PostgreSQL here: placeholders
 * (`?` against `$1`) and null-safe inequality. Everything else the wearables
 * queries use (CAST AS BIGINT, integer division of BIGINTs, CASE, ON CONFLICT ...
 * DO UPDATE ... WHERE, GROUP BY an output alias) means the same on both.
 */
export type SqlDialect = 'sqlite' | 'postgresql';

export class SqlParams {
  readonly values: unknown[] = [];

  constructor(readonly dialect: SqlDialect) {}

  /** Adds a value and returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === 'sqlite' ? '?' : `$${this.values.length}`;
  }

  /** A BIGINT-typed placeholder, so comparisons with BIGINT columns stay index scans. */
  bigint(value: number | bigint): string {
    return `CAST(${this.add(typeof value === 'bigint' ? value : BigInt(Math.round(value)))} AS BIGINT)`;
  }

  list(values: readonly (number | string)[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

/** `a IS DISTINCT FROM b` (PostgreSQL; SQLite spells it `IS NOT`). */
export function distinctFrom(dialect: SqlDialect, left: string, right: string): string {
  return dialect === 'sqlite' ? `${left} IS NOT ${right}` : `${left} IS DISTINCT FROM ${right}`;
}

/** Numbers come back from raw queries as number, bigint or (PostgreSQL numeric) string. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  return Number.NaN;
}
