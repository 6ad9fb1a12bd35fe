import {
  SENSITIVITY_RULES,
  type SensitiveCategory,
  type SensitivityRule,
} from './sensitivity-rules';

export interface CodingLike {
  system?: string | null;
  code?: string | null;
}

/** ICD-10 codes are compared without their dot and in upper case: "F32.9" -> "F329". */
function normaliseCode(code: string): string {
  return code.replace(/\./g, '').toUpperCase();
}

interface RangeRule {
  from: string;
  to: string;
  category: SensitiveCategory;
}

/** One code system's rules: exact codes by code, ranges on the normalised code. */
interface SystemRules {
  exact: Map<string, SensitiveCategory[]>;
  ranges: RangeRule[];
}

/**
 * A classifier over `rules`, indexed by system once: every record of every response
 * is classified, so a coding costs one map lookup (and a scan of its system's
 * ranges) instead of a pass over every rule.
 */
export function sensitivityClassifier(
  rules: readonly SensitivityRule[],
): (codings: Iterable<CodingLike>) => SensitiveCategory[] {
  const bySystem = new Map<string, SystemRules>();
  for (const rule of rules) {
    for (const system of rule.systems) {
      let entry = bySystem.get(system);
      if (!entry) bySystem.set(system, (entry = { exact: new Map(), ranges: [] }));
      if ('code' in rule.match) {
        entry.exact.set(rule.match.code, [
          ...(entry.exact.get(rule.match.code) ?? []),
          rule.category,
        ]);
      } else {
        entry.ranges.push({
          from: normaliseCode(rule.match.from),
          to: normaliseCode(rule.match.to),
          category: rule.category,
        });
      }
    }
  }
  return (codings) => {
    let found: Set<SensitiveCategory> | undefined;
    for (const coding of codings) {
      if (!coding.system || !coding.code) continue;
      const rules = bySystem.get(coding.system);
      if (!rules) continue;
      for (const category of rules.exact.get(coding.code) ?? [])
        (found ??= new Set()).add(category);
      if (rules.ranges.length === 0) continue;
      const code = normaliseCode(coding.code);
      for (const range of rules.ranges) {
        if (code >= range.from && code <= range.to) (found ??= new Set()).add(range.category);
      }
    }
    return found ? [...found].sort((a, b) => a - b) : [];
  };
}

/**
 * The specially protected categories a record falls into, from every coding it
 * carries (its code, value codes, security labels): any one matching rule is
 * enough. Records whose codes match nothing are ordinary records of their field.
 */
export const sensitiveCategoriesOf = sensitivityClassifier(SENSITIVITY_RULES);
