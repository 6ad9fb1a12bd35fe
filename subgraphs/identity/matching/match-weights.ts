/**
 * Fellegi-Sunter field weights, in bits: log2(m/u) when a field agrees and
 * log2((1-m)/(1-u)) when it disagrees, where m is how often the field agrees for
 * two records of the same person and u how often it agrees by chance among the
 * candidates blocking brings together. The m/u values are rounded estimates
 * from the record-linkage literature (Fellegi & Sunter 1969; Grannis et al. 2002
 * on patient matching), not fitted to this data; partial levels sit between.
 * A missing field weighs 0: no evidence either way.
 */
export const FIELD_WEIGHTS = {
  // m 0.95, u 0.01; disagreement is mild because family names change (marriage).
  family: { agree: 6.5, similar: 4.5, swapped: 4, disagree: -4.5 },
  // m 0.92, u 0.02; an initial only ("J" vs "José") is weak support.
  given: { agree: 5.5, similar: 4, swapped: 3, initial: 1.5, disagree: -4 },
  // u ~ 1/365 among candidates of the same birth year; swapped day/month and a
  // single mistyped digit are the two most common date errors.
  birthDate: { agree: 8.5, transposed: 5, typo: 4, 'partial-agree': 2, disagree: -6 },
  // m 0.98, u 0.5.
  sex: { agree: 1, disagree: -4.5 },
  // People move: disagreement is weak evidence.
  address: { agree: 8, 'line-only': 5, 'postal-only': 4, disagree: -2 },
  // Phones are shared in households and change: strong when equal, weak otherwise.
  phone: { agree: 8, disagree: -1 },
} as const;

/**
 * Identifier agreement is proof enough on its own (as an exact identifier match is
 * in the link decision); conflict in a one-per-person system is strong counter-
 * evidence, but typing errors in SSNs and duplicate MRNs are common enough that a
 * full demographic agreement still reaches review rather than a new patient.
 */
export const IDENTIFIER_WEIGHTS = {
  ssn: { agree: 26, disagree: -10 },
  mrn: { agree: 24, disagree: -8 },
  // A vendor's own record key: two keys in one system may be one person's
  // duplicate records (what HL7 A40 merges fix), so conflict is weak evidence.
  other: { agree: 24, disagree: -2 },
} as const;

/**
 * Family name, address and phone are shared by a household; counted as independent
 * they would make twins or a parent and child look like one person. Their summed
 * support is capped.
 */
export const HOUSEHOLD_CAP = 14;

/**
 * Score = posterior match probability 1 / (1 + 2^-(weight - PRIOR_BITS)): prior
 * odds of 2^-17.5 (about 1 in 185,000) that two blocked records are one person.
 * With the default thresholds, auto-link (0.98) needs 23.1 bits, e.g. name, full
 * birth date and sex plus address or phone; review (0.5) needs 17.5 bits.
 */
export const PRIOR_BITS = 17.5;
