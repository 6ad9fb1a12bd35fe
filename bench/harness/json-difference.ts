/**
 * The first place where two JSON values differ, as a path and both values (short),
 * or undefined when they are equal. Object key order is ignored; array order is not.
 */
export function firstJsonDifference(
  actual: unknown,
  expected: unknown,
  path = '$',
): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  const describe = (value: unknown): string => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  const mismatch = () => `${path}: expected ${describe(expected)}, got ${describe(actual)}`;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return mismatch();
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const difference = firstJsonDifference(actual[i], expected[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return mismatch();
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(key in a)) return `${path}.${key}: missing`;
      const difference = firstJsonDifference(a[key], e[key], `${path}.${key}`);
      if (difference) return difference;
    }
    const extra = Object.keys(a).find((key) => !(key in e));
    return extra === undefined ? undefined : `${path}.${extra}: unexpected (${describe(a[extra])})`;
  }
  return mismatch();
}
