import { BadUserInputError } from '../../shared/errors';
import { toInstant } from '../fhir/fhir-date';
import type { TokenFilter } from '../records/record-query';

export const MAX_FIRST = 1000;

export function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_FIRST}`, { argument: 'first' });
  }
  return first;
}

/**
 * A `from`/`to` argument as a UTC instant: a FHIR date or dateTime; a partial date
 * covers its whole period (to: "2024-05" includes all of May).
 */
export function dateArg(value: string | null | undefined, argument: 'from' | 'to'): string | null {
  if (value === null || value === undefined) return null;
  const instant = toInstant(value, argument === 'from' ? 'start' : 'end');
  if (!instant) {
    throw new BadUserInputError(
      `${argument} must be a FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)`,
      { argument },
    );
  }
  return instant;
}

export function checkRange(from: string | null, to: string | null): void {
  if (from && to && from > to) {
    throw new BadUserInputError('from must not be after to', { argument: 'from' });
  }
}

/** A FHIR token argument: `code`, `system|code`, or `|code` (no system). */
export function tokenArg(
  value: string | null | undefined,
  param: string,
  argument: string,
): TokenFilter | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  const bar = trimmed.indexOf('|');
  const system = bar < 0 ? null : trimmed.slice(0, bar);
  const code = bar < 0 ? trimmed : trimmed.slice(bar + 1);
  if (!code || code.includes('|') || trimmed.length > 500) {
    throw new BadUserInputError(`${argument} must be a code or system|code`, { argument });
  }
  return { param, system, code };
}

export function textArg(value: string | null | undefined, argument: string): string | null {
  if (value === null || value === undefined) return null;
  if (value.trim().length === 0 || value.length > 100) {
    throw new BadUserInputError(`${argument} must be a non-empty code`, { argument });
  }
  return value.trim();
}
