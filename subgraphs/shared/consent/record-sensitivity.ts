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

function matches(rule: SensitivityRule, coding: CodingLike): boolean {
  if (!coding.system || !coding.code || !rule.systems.includes(coding.system)) return false;
  if ('code' in rule.match) return rule.match.code === coding.code;
  const code = normaliseCode(coding.code);
  return code >= normaliseCode(rule.match.from) && code <= normaliseCode(rule.match.to);
}

/**
 * The specially protected categories a record falls into, from every coding it
 * carries (its code, value codes, security labels): any one matching rule is
 * enough. Records whose codes match nothing are ordinary records of their field.
 */
export function sensitiveCategoriesOf(codings: Iterable<CodingLike>): SensitiveCategory[] {
  const found = new Set<SensitiveCategory>();
  for (const coding of codings) {
    for (const rule of SENSITIVITY_RULES) {
      if (matches(rule, coding)) found.add(rule.category);
    }
  }
  return [...found].sort((a, b) => a - b);
}
