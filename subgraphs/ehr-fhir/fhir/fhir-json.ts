/**
 * Raw FHIR JSON as received: untyped objects read through total accessors, so a
 * vendor's odd shape (a string where an array was expected, a missing element)
 * yields "absent" rather than a crash.
 */
export type FhirJson = Record<string, unknown>;

export function isObject(value: unknown): value is FhirJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

export function obj(value: unknown): FhirJson | null {
  return isObject(value) ? value : null;
}

/**
 * FHIR arrays; a lone object where the spec says 0..* is taken as a one-item list
 * (a common vendor quirk), anything else as empty.
 */
export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function objects(value: unknown): FhirJson[] {
  return list(value).filter(isObject);
}

export function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}
