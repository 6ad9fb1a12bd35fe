import type { MatchAddress, MatchIdentifier, MatchName } from './match-profile';
import { jaroWinkler } from './string-similarity';

/**
 * Field comparators: each returns an agreement level (never a value), so a
 * comparison can be stored and shown without personal data.
 */
export type NameLevel = 'agree' | 'similar' | 'swapped' | 'initial' | 'disagree' | 'missing';
export type BirthDateLevel =
  'agree' | 'transposed' | 'typo' | 'partial-agree' | 'disagree' | 'missing';
export type SexLevel = 'agree' | 'disagree' | 'missing';
export type AddressLevel = 'agree' | 'line-only' | 'postal-only' | 'disagree' | 'missing';
export type PhoneLevel = 'agree' | 'disagree' | 'missing';

/** Jaro-Winkler at or above this is a typo of the same name ("Jonhson"/"Johnson"). */
const SIMILAR_NAME = 0.92;
const SIMILAR_LINE = 0.93;

export function compareFamily(a: string[], b: string[]): NameLevel {
  if (a.length === 0 || b.length === 0) return 'missing';
  const left = a.join(' ');
  const right = b.join(' ');
  if (left === right) return 'agree';
  if (jaroWinkler(left, right) >= SIMILAR_NAME) return 'similar';
  // Compound and hyphenated names are often cut by one system ("Mejia Ruiz" / "Mejia").
  if (a.some((word) => word.length > 1 && b.includes(word))) return 'similar';
  return 'disagree';
}

export function compareGiven(a: string[], b: string[]): NameLevel {
  const [first, other] = [a[0], b[0]];
  if (first === undefined || other === undefined) return 'missing';
  if (first === other) return 'agree';
  if (first.length > 1 && other.length > 1 && jaroWinkler(first, other) >= SIMILAR_NAME) {
    return 'similar';
  }
  // A middle name used as the first name ("Maria Jose" / "Jose").
  if (a.some((word) => word.length > 1 && b.includes(word))) return 'similar';
  if ((first.length === 1 || other.length === 1) && first[0] === other[0]) return 'initial';
  return 'disagree';
}

/** Family and given name entered in each other's field. */
export function namesSwapped(a: MatchName, b: MatchName): boolean {
  const aFamily = a.family.join(' ');
  const bFamily = b.family.join(' ');
  return (
    aFamily.length > 0 &&
    bFamily.length > 0 &&
    aFamily === b.given.join(' ') &&
    bFamily === a.given.join(' ') &&
    aFamily !== bFamily
  );
}

export function compareBirthDate(a: string | null, b: string | null): BirthDateLevel {
  if (!a || !b) return 'missing';
  if (a.length === 10 && b.length === 10) {
    if (a === b) return 'agree';
    const [ay, am, ad] = a.split('-');
    const [by, bm, bd] = b.split('-');
    if (ay === by && am === bd && ad === bm) return 'transposed';
    const left = a.replace(/-/g, '');
    const right = b.replace(/-/g, '');
    let differing = 0;
    for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) differing++;
    return differing === 1 ? 'typo' : 'disagree';
  }
  // A partial date (YYYY or YYYY-MM) can only agree as far as it goes.
  const length = Math.min(a.length, b.length);
  return a.slice(0, length) === b.slice(0, length) ? 'partial-agree' : 'disagree';
}

export function compareSex(a: string | null, b: string | null): SexLevel {
  if (!a || !b) return 'missing';
  return a === b ? 'agree' : 'disagree';
}

function linesAgree(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && (a === b || jaroWinkler(a, b) >= SIMILAR_LINE);
}

function compareAddressPair(a: MatchAddress, b: MatchAddress): AddressLevel {
  const postal =
    a.postalCode && b.postalCode ? (a.postalCode === b.postalCode ? 'same' : 'different') : null;
  const line = linesAgree(a.line, b.line);
  if (postal === 'same') return line ? 'agree' : 'postal-only';
  if (line) return 'line-only';
  if (postal === 'different' || (a.line && b.line)) return 'disagree';
  return 'missing';
}

const ADDRESS_ORDER: AddressLevel[] = ['agree', 'line-only', 'postal-only', 'disagree', 'missing'];

/** The best agreement between any address of one record and any of the other. */
export function compareAddresses(a: MatchAddress[], b: MatchAddress[]): AddressLevel {
  let best: AddressLevel = 'missing';
  for (const left of a) {
    for (const right of b) {
      const level = compareAddressPair(left, right);
      if (ADDRESS_ORDER.indexOf(level) < ADDRESS_ORDER.indexOf(best)) best = level;
    }
  }
  return best;
}

export function comparePhones(a: string[], b: string[]): PhoneLevel {
  if (a.length === 0 || b.length === 0) return 'missing';
  return a.some((phone) => b.includes(phone)) ? 'agree' : 'disagree';
}

export interface IdentifierComparison {
  kind: MatchIdentifier['kind'];
  /** 'ssn' or the identifier system URI (a system, not a value). */
  comparableAs: string;
  level: 'agree' | 'disagree';
}

/**
 * Identifiers compared within each system both records have: any shared value
 * agrees; values present on both sides and none shared disagree.
 */
export function compareIdentifiers(
  a: MatchIdentifier[],
  b: MatchIdentifier[],
): IdentifierComparison[] {
  const groups = new Map<
    string,
    { kind: MatchIdentifier['kind']; a: Set<string>; b: Set<string> }
  >();
  const add = (identifier: MatchIdentifier, side: 'a' | 'b') => {
    const group = groups.get(identifier.comparableAs) ?? {
      kind: identifier.kind,
      a: new Set<string>(),
      b: new Set<string>(),
    };
    group[side].add(identifier.value);
    groups.set(identifier.comparableAs, group);
  };
  a.forEach((identifier) => add(identifier, 'a'));
  b.forEach((identifier) => add(identifier, 'b'));
  const result: IdentifierComparison[] = [];
  for (const [comparableAs, group] of [...groups].sort(([x], [y]) => x.localeCompare(y))) {
    if (group.a.size === 0 || group.b.size === 0) continue;
    const shared = [...group.a].some((value) => group.b.has(value));
    result.push({ kind: group.kind, comparableAs, level: shared ? 'agree' : 'disagree' });
  }
  return result;
}
