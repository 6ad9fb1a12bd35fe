import type { CodingLike } from './record-sensitivity';

/**
 * Every coding a record carries, wherever it sits (code, value, category,
 * components, security labels): record-level sensitivity must see them all, since a
 * protected fact can hide in a value (a positive HIV result) as well as in a code.
 * Bounded depth keeps this cheap and safe on cyclic objects.
 */
export function codingsOf(record: unknown, maxDepth = 6): CodingLike[] {
  const found: CodingLike[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > maxDepth || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const object = value as Record<string, unknown>;
    if (typeof object.system === 'string' && typeof object.code === 'string') {
      found.push({ system: object.system, code: object.code });
    }
    // for-in, not Object.values: no array per object, and every record of every
    // response passes through here.
    for (const key in object) {
      const child = object[key];
      if (child !== null && typeof child === 'object') visit(child, depth + 1);
    }
  };
  visit(record, 0);
  return found;
}
