import {
  compareAddresses,
  compareBirthDate,
  compareFamily,
  compareGiven,
  compareIdentifiers,
  comparePhones,
  compareSex,
  namesSwapped,
  type AddressLevel,
  type BirthDateLevel,
  type IdentifierComparison,
  type NameLevel,
  type PhoneLevel,
  type SexLevel,
} from './compare-fields';
import type { MatchName, MatchProfile } from './match-profile';
import { FIELD_WEIGHTS, HOUSEHOLD_CAP, IDENTIFIER_WEIGHTS, PRIOR_BITS } from './match-weights';

export interface FieldLevels {
  family: NameLevel;
  given: NameLevel;
  birthDate: BirthDateLevel;
  sex: SexLevel;
  address: AddressLevel;
  phone: PhoneLevel;
}

/** Why a comparison may not link on its own, whatever its score. */
export type MatchVeto = 'given-name-disagrees' | 'identifier-conflict';

/**
 * The explanation of one comparison: agreement level and weight per field, the
 * total, the score, and vetoes. Holds no personal data, so it can be stored with
 * the link and shown to a reviewer.
 */
export interface MatchComparison {
  /** 0..1 (match probability); see PRIOR_BITS. */
  score: number;
  /** Total evidence in bits. */
  weight: number;
  fields: FieldLevels;
  weights: Record<keyof FieldLevels, number>;
  identifiers: (IdentifierComparison & { weight: number })[];
  /** True when the household cap cut family + address + phone support. */
  householdCapped: boolean;
  vetoes: MatchVeto[];
}

function levelWeight(table: Record<string, number>, level: string): number {
  return table[level] ?? 0;
}

function nameLevels(a: MatchName, b: MatchName): { family: NameLevel; given: NameLevel } {
  if (namesSwapped(a, b)) return { family: 'swapped', given: 'swapped' };
  return { family: compareFamily(a.family, b.family), given: compareGiven(a.given, b.given) };
}

/** The best-agreeing pair among both records' names (official, maiden, alias...). */
function bestNames(a: MatchName[], b: MatchName[]): { family: NameLevel; given: NameLevel } {
  let best: { family: NameLevel; given: NameLevel } = { family: 'missing', given: 'missing' };
  let bestWeight = -Infinity;
  for (const left of a) {
    for (const right of b) {
      const levels = nameLevels(left, right);
      const weight =
        levelWeight(FIELD_WEIGHTS.family, levels.family) +
        levelWeight(FIELD_WEIGHTS.given, levels.given);
      if (weight > bestWeight) {
        best = levels;
        bestWeight = weight;
      }
    }
  }
  return best;
}

const round = (value: number, places: number) => Number(value.toFixed(places));

export function scoreFromWeight(weight: number): number {
  return round(1 / (1 + 2 ** -(weight - PRIOR_BITS)), 6);
}

/** Compares two records field by field (Fellegi-Sunter): deterministic and symmetric. */
export function scoreMatch(a: MatchProfile, b: MatchProfile): MatchComparison {
  const fields: FieldLevels = {
    ...bestNames(a.names, b.names),
    birthDate: compareBirthDate(a.birthDate, b.birthDate),
    sex: compareSex(a.sex, b.sex),
    address: compareAddresses(a.addresses, b.addresses),
    phone: comparePhones(a.phones, b.phones),
  };
  const weights = {
    family: levelWeight(FIELD_WEIGHTS.family, fields.family),
    given: levelWeight(FIELD_WEIGHTS.given, fields.given),
    birthDate: levelWeight(FIELD_WEIGHTS.birthDate, fields.birthDate),
    sex: levelWeight(FIELD_WEIGHTS.sex, fields.sex),
    address: levelWeight(FIELD_WEIGHTS.address, fields.address),
    phone: levelWeight(FIELD_WEIGHTS.phone, fields.phone),
  };
  const identifiers = compareIdentifiers(a.identifiers, b.identifiers).map((comparison) => ({
    ...comparison,
    weight: IDENTIFIER_WEIGHTS[comparison.kind][comparison.level],
  }));
  const household = [weights.family, weights.address, weights.phone];
  const householdSupport = household.filter((w) => w > 0).reduce((sum, w) => sum + w, 0);
  const householdAgainst = household.filter((w) => w < 0).reduce((sum, w) => sum + w, 0);
  const householdCapped = householdSupport > HOUSEHOLD_CAP;
  const weight =
    Math.min(householdSupport, HOUSEHOLD_CAP) +
    householdAgainst +
    weights.given +
    weights.birthDate +
    weights.sex +
    identifiers.reduce((sum, i) => sum + i.weight, 0);
  const vetoes: MatchVeto[] = [];
  // Twins share everything a household shares and a birth date; their given names
  // are what tells them apart, so a clear given-name conflict never links unseen.
  if (fields.given === 'disagree') vetoes.push('given-name-disagrees');
  if (identifiers.some((i) => i.level === 'disagree' && i.kind !== 'other')) {
    vetoes.push('identifier-conflict');
  }
  return {
    score: scoreFromWeight(weight),
    weight: round(weight, 2),
    fields,
    weights,
    identifiers,
    householdCapped,
    vetoes,
  };
}
